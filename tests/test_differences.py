"""Figures read as intervals and the kind of each difference between sources."""

import math

import pytest

import importlib.util
from pathlib import Path

from builder.model.dates import parse_date
from builder.model.quantities import compatible, parse_quantity
from builder.resolve.differences import NOTHING_KNOWN, Known, Value, pair_kind
from builder.resolve import differences

_BENCH = Path(__file__).resolve().parent.parent / "bench" / "difference_kinds.py"
_spec = importlib.util.spec_from_file_location("difference_kinds", _BENCH)
difference_kinds = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(difference_kinds)


@pytest.mark.parametrize("text, form, low, high", [
    ("123", "exact", 123, 123),
    ("3,417 fighters", "exact", 3417, 3417),
    ("thirty-eight", "exact", 38, 38),
    ("two hundred", "exact", 200, 200),
    ("1.5 million", "rounded", 1_450_000, 1_550_000),  # to its last written digit
    ("12 million leva", "rounded", 11_500_000, 12_500_000),
    ("half a million", "rounded", 450_000, 550_000),
    ("4 000 m²", "exact", 4000, 4000),  # thousands separated by a space
    ("BGN 10,000", "exact", 10_000, 10_000),  # a currency before the figure
    ("about €2.5m", "approx", 2_250_000, 2_750_000),
    ("£3bn", "rounded", 2_500_000_000, 3_500_000_000),
    ("about 100", "approx", 90, 110),
    ("an estimated 700", "approx", 630, 770),
    ("nearly 700", "near", 630, 700),  # 700 itself excluded
    ("some 300 people", "approx", 270, 330),
    ("one hundred and twenty", "exact", 120, 120),
    ("half a dozen", "exact", 6, 6),
    ("1.200", "exact", 1200, 1200),
    ("1,5 million", "rounded", 1_450_000, 1_550_000),
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
    (["12 million", "12.4 million"], "precision"),  # "12 million" is rounded
    (["12 million", "13 million"], "conflict"),
    (["12 million", "12,000,000"], "wording"),  # one number, written twice
    (["half a million leva", "500,000 leva"], "wording"),
    (["BGN 10,000", "10,000 leva"], "wording"),  # a currency by its code and its name
    (["BGN 10,000", "about 9,500 leva"], "precision"),
    (["BGN 12 million", "€6 million"], "unclassified"),  # one amount converted, or two?
    (["4,000 square metres", "4 000 m²"], "wording"),
    (["two weeks", "14 days"], "wording"),  # lengths of time in any unit
    (["four hours", "240 minutes"], "wording"),
    (["3 hours 40 minutes", "about four hours"], "precision"),
    (["3 hours 40 minutes", "2,300 km"], "scope"),
    (["14", "fourteen years old"], "wording"),  # an age is not a length of time
    (["14 April 2023", "14 април 2023"], "wording"),  # month names in other languages
    (["14 giugno 2023", "June 14, 2023"], "wording"),
    (["night of 1 to 2 February 2023", "2 February 2023"], "precision"),
    (["the 1970s", "1974"], "precision"),
    (["last week of January 2019", "29 January 2019"], "precision"),
    (["Tsvetelina Georgieva", "Ts. Georgieva"], "spelling"),  # an initial of two letters
    (["Ts. Georgieva", "Ch. Georgieva"], "unclassified"),
    (["Polimerteks AD", "Polimer-Tex AD"], "spelling"),  # x/ks
    (["25 metres", "82 feet"], "wording"),  # one length in two units, to the precision written
    (["about 74 km", "some 40 nautical miles"], "wording"),
    (["25 metres", "30 feet"], "conflict"),
    (["18 months", "a year and a half"], "wording"),
    (["six months", "180 days"], "wording"),  # a month is 28 to 31 days
    (["two weeks", "13 days"], "conflict"),
    (["several hours", "six and a half hours"], "precision"),
    (["3.5 hectares", "35,000 square metres"], "wording"),
    (["in his 30s", "34"], "precision"),  # an age by its decade
    (["in her early thirties", "38"], "conflict"),
    (["23.09.2024", "25/09/2024"], "conflict"),  # 25 is no month: day first
    (["09/25/2024", "25 September 2024"], "wording"),
    (["around 2 a.m.", "at 2:13 a.m."], "precision"),  # times of day
    (["10:42", "10:42 local time"], "wording"),
    (["10:42", "10:58"], "conflict"),
    (["10:42", "09:42"], "unclassified"),  # an hour apart: maybe one moment in two zones
    (["10:42 Bishkek time", "04:42 GMT"], "unclassified"),  # zones Dossier cannot convert
    (["6.4", "magnitude 6.4 on the Richter scale"], "wording"),  # a figure after its label
    (["magnitude 6.4", "about 6"], "precision"),
    (["School No. 14", "School No. 41"], "conflict"),
    (["IFRC", "International Federation of Red Cross and Red Crescent Societies"], "wording"),  # an acronym
    (["Kadyr-Stroy LLC", "Kadyr-Stroi"], "spelling"),  # a legal form and y/i
    (["Jalal-Abad", "Dzhalal-Abad"], "spelling"),  # dzh/j
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
    # Four sets written later, each by a helper who saw neither the detector nor the other
    # sets, each measured once before any change made for it (87.0%, 82.7%, 84.3% and 80.8%
    # then): what the detector gives on pairs it was not tuned on. Kept as floors, so that a
    # change made for one story does not undo what holds on another.
    for name, floor in (("heldout2.yml", 0.95), ("heldout3.yml", 0.9), ("heldout4.yml", 0.88),
                        ("heldout5.yml", 0.82)):
        agreement, table, wrong = difference_kinds.measure(difference_kinds.PAIRS.with_name(name))
        assert agreement >= floor, (name, agreement, wrong)


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


def places(within: dict[str, str | None], names: dict[str, str]) -> Known:
    """A dossier of places only: each place id -> the one it lies within, each name -> its id."""
    return Known(lambda text: names.get(text.casefold()), lambda i: "places",
                 {place: inside for place, inside in within.items() if inside})


def test_places_compare_through_within():
    known = places({"zhukovsky-airport": "moscow-oblast", "moscow-oblast": "russia", "kazan": "russia"},
                   {"zhukovsky airport": "zhukovsky-airport", "moscow region": "moscow-oblast", "kazan": "kazan",
                    "russia": "russia"})
    assert kind("Zhukovsky airport", "Moscow region", known) == "precision"
    assert kind("Russia", "Zhukovsky airport", known) == "precision"
    assert kind("Kazan", "Zhukovsky airport", known) == "conflict"
    assert kind("from Kazan", "directly from Zhukovsky airport", known) == "conflict"
    assert kind("Kazan", "somewhere else", known) == "unclassified"


def test_places_given_relative_to_a_place_compare_through_it():
    within = {"gavdos": "crete", "crete": "greece", "malta": None, "tobruk": "libya", "benghazi": "libya"}
    known = places(within, {place: place for place in within})
    assert kind("some 40 nautical miles south of Gavdos", "south of Crete", known) == "precision"
    assert kind("some 40 nautical miles south of Gavdos", "south of Gavdos", known) == "precision"
    assert kind("40 nautical miles south of Gavdos", "74 km south of Gavdos", known) == "wording"
    assert kind("40 nautical miles south of Gavdos", "4 nautical miles south of Gavdos", known) == "conflict"
    assert kind("a warehouse in Tobruk", "a farm outside Benghazi", known) == "conflict"
    assert kind("off Crete", "off Malta", known) == "conflict"
    assert kind("Tobruk", "a warehouse in Tobruk", known) == "precision"
    # a place named alone may be the very place another value says is near its own
    assert kind("a camp near Benghazi", "Tobruk", known) == "unclassified"
    # distances from two different places are not compared
    assert kind("10 km north of Gavdos", "40 km south of Crete", known) == "unclassified"


def test_names_of_one_entity_are_spelling_or_wording_and_of_two_a_conflict():
    names = {"ali hamdan": "ali", "alia hamdan": "alia", "icrc": "icrc",
             "international committee of the red cross": "icrc"}
    known = Known(lambda text: names.get(text.casefold()), lambda i: "people", {})
    assert kind("Ali Hamdan", "Alia Hamdan", known) == "conflict"  # spelt alike, but two people
    names.update({"tobruk": "tobruk", "tubruq": "tobruk", "طبرق": "tobruk", "hope foundation": "hope",
                  "nadezhda foundation": "hope", "interior ministry": "mvr", "ministry of interior": "mvr"})
    assert kind("Tobruk", "Tubruq", known) == "spelling"  # transliterations of one name
    assert kind("Tobruk", "طبرق", known) == "spelling"
    assert kind("Hope Foundation", "Nadezhda Foundation", known) == "wording"  # a translation
    assert kind("Interior Ministry", "Ministry of Interior", known) == "wording"
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
    from builder.pages.paths import entity_page
    from conftest import edit

    edit(lighthouse / "content/people/osric-penhallow.yml", '    value: "40"\n',
         '    value: "40"\n    breakdown: {as assistant: 12, as keeper: 28}\n    quantity: {exact: 40, unit: years}\n')
    generate(Project(lighthouse))
    page = (lighthouse / "build/docs" / entity_page("people", "osric-penhallow")).read_text()
    assert '<li class="dossier-claim" id="claim-years-as-keeper-40">40 <em>(of which as assistant: 12, ' \
           'as keeper: 28)</em><sup' in page


def test_the_differences_page_shows_when_each_value_applies(lighthouse):
    """January and March figures side by side: each with its date, and not a conflict."""
    from builder.commands.build import Project, generate
    from builder.pages.paths import DISAGREEMENTS_PAGE
    from conftest import edit

    sheet = lighthouse / "content/people/osric-penhallow.yml"
    edit(sheet, '    value: "40"\n', '    value: "40"\n    as_of: 2021-03\n')
    edit(sheet, '    value: "38"\n', '    value: "38"\n    as_of: 2021-01\n')
    generate(Project(lighthouse))
    page = (lighthouse / "build/docs" / DISAGREEMENTS_PAGE).read_text(encoding="utf-8")
    part = page[page.index("years as keeper"):]
    assert "## Different scope or time" in page and "## Sources conflict" not in page.split("years as keeper")[0][-400:]
    assert "<td><strong>40</strong> <em>(as of March 2021)</em></td>" in part
    assert "<td><strong>38</strong> <em>(as of January 2021)</em></td>" in part


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
    from builder.pages.paths import DISAGREEMENTS_PAGE, entity_page
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
    assert sentence in (root / "build/docs" / DISAGREEMENTS_PAGE).read_text(encoding="utf-8")
    assert sentence in (root / "build/docs" / entity_page("events", "flight")).read_text(encoding="utf-8")


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


def test_the_sentence_on_a_point_says_once_when_every_value_conflicts_with_every_other():
    """Three values, each a side of its own, all in conflict: one clause, not one per pair;
    mixed kinds are told pair by pair, up to three pairs; beyond, one clause and exceptions."""
    from builder.pages.points import summary
    from builder.resolve.resolved import Disagreement

    def told(values: list[str], kinds: dict[tuple[int, int], str]) -> str:
        pairs = tuple((i, j, kind, False) for (i, j), kind in sorted(kinds.items()))
        d = Disagreement("e", "p", tuple((v, ()) for v in values), "a", pairs=pairs,
                         sides=tuple(tuple(side) for side in differences.sides(len(values), kinds)))
        return str(summary(d))

    assert told(["173", "nearly 210", "170"], {(0, 1): "conflict", (0, 2): "conflict", (1, 2): "conflict"}) == \
        "“173”, “nearly 210” and “170” conflict with one another."
    assert told(["56", "over 93", "53"], {(0, 1): "unclassified", (0, 2): "unclassified", (1, 2): "conflict"}) == \
        ("“56” and “over 93” differ in a way not yet classified; “56” and “53” differ in a way not yet "
         "classified; “over 93” conflicts with “53”.")
    # between two sides, the strongest kind is told, with the values that carry it
    assert told(["109", "about 69", "69"], {(0, 1): "unclassified", (0, 2): "conflict", (1, 2): "precision"}) == \
        "“109” conflicts with “69”; “69” is “about 69” at other precision."
    # four sides or more: one sentence for the kind most pairs share, the others as exceptions
    kinds = {(i, j): "scope" for i in range(4) for j in range(i + 1, 4)} | {(1, 3): "conflict"}
    assert told(["1", "2", "at least two", "three"], kinds) == \
        "“1”, “2”, “at least two” and “three” differ in scope or time, except that “2” conflicts with “three”."


def test_the_month_and_currency_names_are_what_the_installed_babel_gives():
    """builder/model/cldr.json is a table made from Babel's CLDR data (loading it each time
    costs 0.2 s and 50 MB); after a Babel upgrade, `python -m builder.model.cldr` writes it."""
    from builder.model import cldr

    assert cldr.TABLE.read_text(encoding="utf-8") == cldr.serialised(cldr.from_babel()), \
        "run: python -m builder.model.cldr"
    assert cldr.tables()["months"]["июня"] == 6 and "listopad" not in cldr.tables()["months"]
    assert "BGN" in cldr.tables()["currencies"]["leva"]
