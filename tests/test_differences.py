"""Figures read as intervals and the kind of each difference between sources."""

import math

import pytest

from builder.resolve.differences import computed_kind
from builder.model.quantities import compatible, parse_quantity


@pytest.mark.parametrize("text, form, low, high", [
    ("123", "exact", 123, 123),
    ("3,417 fighters", "exact", 3417, 3417),
    ("thirty-eight", "exact", 38, 38),
    ("two hundred", "exact", 200, 200),
    ("1.5 million", "exact", 1_500_000, 1_500_000),
    ("about 100", "approx", 90, 110),
    ("an estimated 700", "approx", 630, 770),
    ("nearly 700", "near", 630, 700),
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


NO_QUALIFIERS = [(), ()]


@pytest.mark.parametrize("values, kind", [
    (["about 50", "nearly 50"], "precision"),
    (["12", "15"], "conflict"),
    (["dozens", "120"], "conflict"),
    (["between 10 and 20", "15"], "precision"),
    (["2019-07-10", "2019-07"], "precision"),
    (["2019-07-10", "2019-08"], "conflict"),
    (["summer 2019", "2019-07-10 (a Wednesday)"], "precision"),
    (["Volodymyr Zelensky", "Volodymyr Zelenskyy"], "spelling"),
    (["the capital", "Kyiv"], "unclassified"),
])
def test_the_kind_of_a_difference_is_computed_from_the_values(values, kind):
    assert computed_kind(values, NO_QUALIFIERS) == kind


def test_different_scopes_or_dates_are_not_a_conflict():
    assert computed_kind(["12", "15"], [(("in Syria", ""),), (("in Syria and Iraq", ""),)]) == "scope"
    assert computed_kind(["12", "15"], [(("", "2019-01"),), (("", "2019-06"),)]) == "scope"


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
    assert str(caught.value.diagnostics[0]).startswith("content/events/light-automated.yml:28:17: error: this "
                                                       "claim says the values of 'when' differ in wording")


def test_places_compare_through_within():
    within = {"zhukovsky-airport": "moscow-oblast", "moscow-oblast": "russia", "kazan": "russia"}
    place_of = {"Zhukovsky airport": "zhukovsky-airport", "Moscow region": "moscow-oblast", "Kazan": "kazan",
                "Russia": "russia"}.get
    assert computed_kind(["Zhukovsky airport", "Moscow region"], NO_QUALIFIERS, place_of, within) == "precision"
    assert computed_kind(["Russia", "Zhukovsky airport"], NO_QUALIFIERS, place_of, within) == "precision"
    assert computed_kind(["Kazan", "Zhukovsky airport"], NO_QUALIFIERS, place_of, within) == "conflict"
    assert computed_kind(["Kazan", "somewhere else"], NO_QUALIFIERS, place_of, within) == "unclassified"


def test_a_figure_written_as_a_structure_is_compared_where_the_words_cannot_be():
    from builder.model.sheets import Figure
    from builder.model.quantities import from_figure

    same = [("", ""), ("", "")]
    assert computed_kind(["a handful", "12"], same) == "unclassified"  # the words say nothing
    handful = from_figure(Figure(min=10, max=15))
    assert computed_kind(["a handful", "12"], same, figures=[handful, None]) == "precision"
    assert computed_kind(["a handful", "20"], same, figures=[handful, None]) == "conflict"
    aged = from_figure(Figure(min=3, max=10, extent=True))
    assert computed_kind(["young children", "3 to 15"], same, figures=[aged, None]) == "conflict"
    # figures of different units count different things
    tonnes, kilos = from_figure(Figure(exact=70, unit="kg")), from_figure(Figure(exact=70, unit="t"))
    assert computed_kind(["70 kg", "70 t"], same, figures=[tonnes, kilos]) == "scope"


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
                                   "but the value is '40'; correct a part or the value")
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
