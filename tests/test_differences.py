"""Figures read as intervals and the kind of each difference between sources."""

import math

import pytest

import importlib.util
from pathlib import Path

from builder.model.dates import parse_date
from builder.model.quantities import compatible, parse_quantity
from builder.resolve.differences import NOTHING_KNOWN, Known, Value, pair_kind

_BENCH = Path(__file__).resolve().parent.parent / "bench" / "difference_kinds.py"
_spec = importlib.util.spec_from_file_location("difference_kinds", _BENCH)
difference_kinds = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(difference_kinds)


@pytest.mark.parametrize("text, form, low, high", [
    ("123", "exact", 123, 123),
    ("3,417 fighters", "exact", 3417, 3417),
    ("thirty-eight", "exact", 38, 38),
    ("two hundred", "exact", 200, 200),
    ("1.5 million", "exact", 1_500_000, 1_500_000),
    ("about 100", "approx", 90, 110),
    ("an estimated 700", "approx", 630, 770),
    ("nearly 700", "near", 630, 700),  # 700 itself excluded
    ("some 300 people", "approx", 270, 330),
    ("one hundred and twenty", "exact", 120, 120),
    ("half a dozen", "exact", 6, 6),
    ("1.200", "exact", 1200, 1200),
    ("1,5 million", "exact", 1_500_000, 1_500_000),
    ("over 120", "lower", 120, math.inf),
    ("at least 11 children", "lower", 11, math.inf),
    ("up to 40", "upper", 0, 40),
    ("3 to 10", "range", 3, 10),
    ("between 100 and 120", "between", 100, 120),
    ("dozens", "vague", 24, 99),
    ("several thousand, mainly from Chechnya", "vague", 3000, 9999),
    ("a dozen", "exact", 12, 12),
    ("a hundred children", "exact", 100, 100),
])
def test_figures_as_sources_write_them(text, form, low, high):
    q = parse_quantity(text)
    assert q.form == form and (q.low, q.high) == pytest.approx((low, high))


@pytest.mark.parametrize("text", ["the Russian envoy", "4 men, 32 women and 74 children", "late 2017", "",
                                  "a handful", "an estimate"])
def test_what_is_not_one_figure(text):
    assert parse_quantity(text) is None


def test_ranges_are_extents_and_other_figures_overlap():
    assert not compatible(parse_quantity("3 to 10"), parse_quantity("3 to 15"))
    assert compatible(parse_quantity("3 to 10"), parse_quantity("7"))
    assert compatible(parse_quantity("123"), parse_quantity("over 120"))
    assert not compatible(parse_quantity("95"), parse_quantity("more than 100"))


def kind(a: str, b: str, known: Known = NOTHING_KNOWN, **qualifiers) -> str:
    """The computed kind of two values; qualifiers: scope_a, as_of_b, figure_a..."""
    side = lambda x: {k[:-2]: v for k, v in qualifiers.items() if k.endswith("_" + x)}  # noqa: E731
    values = []
    for text, x in ((a, "a"), (b, "b")):
        q = side(x)
        as_of = parse_date(q["as_of"]) if "as_of" in q else None
        values.append(Value(text, q.get("scope", ""), as_of, q.get("figure")))
    return pair_kind(*values, known)


@pytest.mark.parametrize("values, expected", [
    (["about 50", "nearly 50"], "precision"),
    (["12", "15"], "conflict"),
    (["dozens", "120"], "conflict"),
    (["between 10 and 20", "15"], "precision"),
    (["2019-07-10", "2019-07"], "precision"),
    (["2019-07-10", "2019-08"], "conflict"),
    (["summer 2019", "2019-07-10 (a Wednesday)"], "precision"),
    (["12 May 2019", "May 12, 2019"], "wording"),
    (["Volodymyr Zelensky", "Volodymyr Zelenskyy"], "spelling"),
    (["Dorvala", "Dorvalla"], "spelling"),
    (["Lionel", "Lionle"], "spelling"),
    (["Lionel", "Lione"], "spelling"),
    (["Kuznetsova", "Кузнецова"], "spelling"),
    (["12 orphans", "12 without a parent"], "wording"),
    (["140 charged", "over 60 convicted"], "unclassified"),
    (["some 300", "about 310"], "precision"),
    (["nearly 600", "over 600"], "conflict"),
    (["the capital", "Kyiv"], "unclassified"),
])
def test_the_kind_of_a_difference_is_computed_from_the_values(values, expected):
    assert kind(*values) == expected


def test_different_scopes_or_dates_are_not_a_conflict():
    assert kind("12", "15", scope_a="in Syria", scope_b="in Syria and Iraq") == "scope"
    assert kind("12", "15", as_of_a="2019-01", as_of_b="2019-06") == "scope"
    # one claim says when, the other does not: it may be the same moment, so Dossier asks
    assert kind("12", "15", as_of_a="2019-01") == "unclassified"
    assert kind("12", "about 12", as_of_a="2019-01") == "precision"  # compatible at any moment


def test_the_detector_agrees_with_held_out_pairs():
    """tests/fixtures/differences/pairs.yml: value pairs labelled by hand before the detector
    was changed (bench/difference_kinds.py prints the table per kind)."""
    agreement, table, wrong = difference_kinds.measure()
    assert agreement >= 0.9, (agreement, wrong)
    # A second set, written after the detector was, and measured before any change made for it
    # (87.0% then; the bar is 90%): kept as a floor, to be raised with new mechanisms.
    agreement, table, wrong = difference_kinds.measure(difference_kinds.PAIRS.with_name("heldout2.yml"))
    assert agreement >= 0.85, (agreement, wrong)


def test_two_claims_stating_different_kinds_is_an_error(lighthouse):
    from builder.core.errors import DossierError
    from builder.commands.build import check

    path = lighthouse / "content/events/light-automated.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("  - property: when\n    value: by the end of the summer\n",
                                 "  - property: when\n    value: by the end of the summer\n    difference: conflict\n"),
                    encoding="utf-8")
    with pytest.raises(DossierError) as caught:
        check(lighthouse)
    assert str(caught.value.diagnostics[0]).startswith("content/events/light-automated.yml:29:17: error: this "
                                                       "claim says the values of 'when' differ in wording")


def test_places_compare_through_within():
    within = {"zhukovsky-airport": "moscow-oblast", "moscow-oblast": "russia", "kazan": "russia"}
    names = {"zhukovsky airport": "zhukovsky-airport", "moscow region": "moscow-oblast", "kazan": "kazan",
             "russia": "russia"}
    known = Known(lambda text: names.get(text.casefold()), lambda i: "places", within)
    assert kind("Zhukovsky airport", "Moscow region", known) == "precision"
    assert kind("Russia", "Zhukovsky airport", known) == "precision"
    assert kind("Kazan", "Zhukovsky airport", known) == "conflict"
    assert kind("from Kazan", "directly from Zhukovsky airport", known) == "conflict"
    assert kind("Kazan", "somewhere else", known) == "unclassified"


def test_names_of_one_entity_are_spelling_or_wording_and_of_two_a_conflict():
    names = {"ali hamdan": "ali", "alia hamdan": "alia", "icrc": "icrc",
             "international committee of the red cross": "icrc"}
    known = Known(lambda text: names.get(text.casefold()), lambda i: "people", {})
    assert kind("Ali Hamdan", "Alia Hamdan", known) == "conflict"  # spelt alike, but two people
    assert kind("ICRC", "International Committee of the Red Cross", known) == "wording"


def test_a_figure_written_as_a_structure_is_compared_where_the_words_cannot_be():
    from builder.model.sheets import Figure
    from builder.model.quantities import from_figure

    assert kind("a handful", "12") == "unclassified"  # the words say nothing
    handful = from_figure(Figure(min=10, max=15))
    assert kind("a handful", "12", figure_a=handful) == "precision"
    assert kind("a handful", "20", figure_a=handful) == "conflict"
    aged = from_figure(Figure(min=3, max=10, extent=True))
    assert kind("young children", "3 to 15", figure_a=aged) == "conflict"
    # figures of different units count different things
    tonnes, kilos = from_figure(Figure(exact=70, unit="kg")), from_figure(Figure(exact=70, unit="t"))
    assert kind("70 kg", "70 t", figure_a=tonnes, figure_b=kilos) == "scope"


def test_a_breakdown_must_add_up_to_its_value(lighthouse):
    from builder.resolve.dossier import check
    from builder.core.errors import DossierError
    from conftest import edit

    sheet = lighthouse / "content/people/osric-penhallow.yml"
    edit(sheet, '    value: "40"\n', '    value: "40"\n    breakdown: {as assistant: 12, as keeper: 27}\n')
    with pytest.raises(DossierError) as caught:
        check(lighthouse, use_cache=False)
    (problem,) = caught.value.diagnostics
    assert str(problem).startswith("content/people/osric-penhallow.yml:14:16: error: the parts add up to 39, "
                                   "less than the whole, 40 (the value '40'); correct a part or the value, or, "
                                   "if the source gives only some of the parts, add one that is not a figure")
    edit(sheet, "as keeper: 27}", "as keeper: 28}")
    resolved = check(lighthouse, use_cache=False)
    (claim,) = [c for c in resolved.entities["osric-penhallow"].claims if c.claim.value == "40"]
    assert claim.claim.breakdown == {"as assistant": "12", "as keeper": "28"}
    # vague parts are checked as intervals: "dozens" and "about 200" can make "about 250"
    edit(sheet, "breakdown: {as assistant: 12, as keeper: 28}", "breakdown: {early years: a few, later: dozens}")
    check(lighthouse, use_cache=False)
    edit(sheet, "later: dozens}", "later: hundreds}")
    with pytest.raises(DossierError):
        check(lighthouse, use_cache=False)


def test_the_page_shows_the_source_words_and_the_breakdown(lighthouse):
    from builder.commands.build import Project, generate
    from conftest import edit

    edit(lighthouse / "content/people/osric-penhallow.yml", '    value: "40"\n',
         '    value: "40"\n    breakdown: {as assistant: 12, as keeper: 28}\n    quantity: {exact: 40, unit: years}\n')
    generate(Project(lighthouse))
    page = (lighthouse / "build/docs/people/osric-penhallow.md").read_text()
    assert "- 40 *(of which as assistant: 12, as keeper: 28)*<sup" in page


def test_the_differences_page_shows_when_each_value_applies(lighthouse):
    """January and March figures side by side: each with its date, and not a conflict."""
    from builder.commands.build import Project, generate
    from conftest import edit

    sheet = lighthouse / "content/people/osric-penhallow.yml"
    edit(sheet, '    value: "40"\n', '    value: "40"\n    as_of: 2021-03\n')
    edit(sheet, '    value: "38"\n', '    value: "38"\n    as_of: 2021-01\n')
    generate(Project(lighthouse))
    page = (lighthouse / "build/docs/disagreements.md").read_text(encoding="utf-8")
    part = page[page.index("years as keeper"):]
    assert "## Different scope or time" in page and "## Sources conflict" not in page.split("years as keeper")[0][-400:]
    assert "| **40** *(as of March 2021)* |" in part and "| **38** *(as of January 2021)* |" in part


def _three_sources(root, quotes: list[str], places: dict[str, str | None], claims: str):
    """A small dossier: one article per quote, the places given (id: the place it lies
    within), and an event whose claims are given as YAML."""
    for folder in ("seeds", "content/sources", "content/places", "content/events"):
        (root / folder).mkdir(parents=True, exist_ok=True)
    (root / "content/dossier.yml").write_text("title: Three flights\nsummary: Made up for a test.\nlanguage: en\n")
    for n, quote in enumerate(quotes, 1):
        (root / f"seeds/s{n}.txt").write_text(f"A report.\n\n{quote}\n", encoding="utf-8")
        (root / f"content/sources/s{n}.yml").write_text(
            f"id: s{n}\ntitle: Report {n}\noutlet: Outlet {n}\npublished: 2020-05-0{n}\nlanguage: en\nfile: s{n}.txt\n")
    for place, within in places.items():
        (root / f"content/places/{place}.yml").write_text(
            f"id: {place}\nname: {place.capitalize()}\ndescription: A made-up place.\n"
            + (f"within: {within}\n" if within else ""))
    (root / "content/events/flight.yml").write_text(
        "id: flight\nname: The flight\ndate: 2020-05\ndescription: A flight.\nclaims:\n" + claims, encoding="utf-8")
    return root


FLIGHT_CLAIMS = """\
  - property: where the plane came from
    value: directly from Ruritania
    cite: [{source: s1, quote: "The plane came directly from Ruritania."}]
  - property: where the plane came from
    value: from Borduria
    cite: [{source: s2, quote: "The plane came from Borduria."}]
  - property: where the plane came from
    value: from Szohod
    cite: [{source: s3, quote: "The plane came from Szohod."}]
"""


def test_a_point_with_a_conflict_and_a_more_precise_value_shows_both(tmp_path):
    """{Ruritania, Borduria, Szohod within Borduria}: a conflict between Ruritania and
    Borduria, with Szohod as a more precise Borduria, on the entity page and on the
    "Where sources differ" page."""
    from builder.commands.build import Project, generate
    from builder.resolve.dossier import check

    root = _three_sources(tmp_path / "d", ["The plane came directly from Ruritania.", "The plane came from Borduria.",
                                           "The plane came from Szohod."],
                          {"ruritania": None, "borduria": None, "szohod": "borduria"}, FLIGHT_CLAIMS)
    (d,) = check(root, use_cache=False).entities["flight"].disagreements
    assert d.kind == "conflict"
    assert [[d.values[i][0] for i in side] for side in d.sides] == [["directly from Ruritania"],
                                                                     ["from Borduria", "from Szohod"]]
    assert {(d.values[i][0], d.values[j][0]): kind for i, j, kind, _ in d.pairs} == {
        ("directly from Ruritania", "from Borduria"): "conflict", ("directly from Ruritania", "from Szohod"): "conflict",
        ("from Borduria", "from Szohod"): "precision"}
    generate(Project(root))
    sentence = ("“directly from Ruritania” conflicts with “from Borduria”; “from Szohod” is “from Borduria” at "
                "other precision.")
    assert sentence in (root / "build/docs/disagreements.md").read_text(encoding="utf-8")
    assert sentence in (root / "build/docs/events/flight.md").read_text(encoding="utf-8")


def test_a_curator_states_the_kind_of_one_pair(tmp_path):
    from builder.core.errors import DossierError
    from builder.resolve.dossier import check

    claims = FLIGHT_CLAIMS.replace('    value: from Szohod\n', '    value: from Szohod\n'
                                   '    difference: {"directly from Ruritania": scope}\n')
    root = _three_sources(tmp_path / "d", ["The plane came directly from Ruritania.", "The plane came from Borduria.",
                                           "The plane came from Szohod."],
                          {"ruritania": None, "borduria": None, "szohod": "borduria"}, claims)
    (d,) = check(root, use_cache=False).entities["flight"].disagreements
    assert [(i, j, kind, stated) for i, j, kind, stated in d.pairs] == [
        (0, 1, "conflict", False), (0, 2, "scope", True), (1, 2, "precision", False)]
    flight = root / "content/events/flight.yml"
    flight.write_text(flight.read_text().replace('"directly from Ruritania": scope', '"from Ruritanya": scope'))
    with pytest.raises(DossierError) as caught:
        check(root, use_cache=False)
    assert str(caught.value.diagnostics[0]).startswith(
        "content/events/flight.yml:14:18: error: 'difference' names the value 'from Ruritanya', which no other "
        "claim of 'where the plane came from' gives")


def test_a_partial_breakdown_builds_and_parts_over_the_whole_fail(lighthouse):
    from builder.core.errors import DossierError
    from builder.resolve.dossier import check
    from conftest import edit

    sheet = lighthouse / "content/people/osric-penhallow.yml"
    edit(sheet, '    value: "40"\n', '    value: "40"\n    breakdown: {as keeper: 27, rest: unknown}\n')
    check(lighthouse, use_cache=False)
    edit(sheet, "as keeper: 27", "as keeper: 45")
    with pytest.raises(DossierError) as caught:
        check(lighthouse, use_cache=False)
    assert str(caught.value.diagnostics[0]).startswith(
        "content/people/osric-penhallow.yml:14:16: error: the parts add up to 45, more than the whole, 40")


def test_implausible_dates_are_warnings_that_strict_fails_on(lighthouse):
    from datetime import date

    from builder.resolve.dossier import check
    from builder.review.lint import lint
    from conftest import edit, run_dossier

    codes = lambda: {w.code for w in lint(check(lighthouse, use_cache=False), today=date(2026, 12, 7))}  # noqa: E731
    assert not codes() & {"event-after-sources", "published-after-today", "as-of-after-sources", "published-early"}
    event = lighthouse / "content/events/light-automated.yml"
    edit(event, "\ndate_note: ", "\nnote_removed: ")
    edit(event, "\nnote_removed: The Trust announced the date ahead; the articles were written before it.", "")
    assert "event-after-sources" in codes()
    edit(lighthouse / "content/sources/wire-brief.yml", "published: 2021-03-13", "published: 2027-03-13")
    assert "published-after-today" in codes()
    edit(lighthouse / "content/sources/wire-brief.yml", "published: 2027-03-13", "published: 1921-03-13")
    assert "published-early" in codes()
    edit(lighthouse / "content/people/osric-penhallow.yml", '    value: "40"\n', '    value: "40"\n    as_of: 2022\n')
    assert "as-of-after-sources" in codes()
    done = run_dossier("check", "--strict", "--root", str(lighthouse))
    assert done.returncode == 1 and "warning: 'The light is to be automated' is dated late 2021, after every source" \
        in done.stdout + done.stderr
