"""Figures read as intervals and the kind of each difference between sources."""

import math

import pytest

from builder.differences import computed_kind
from builder.quantities import compatible, parse_quantity


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
])
def test_figures_as_sources_write_them(text, form, low, high):
    q = parse_quantity(text)
    assert q.form == form and (q.low, q.high) == pytest.approx((low, high))


@pytest.mark.parametrize("text", ["the Russian envoy", "4 men, 32 women and 74 children", "late 2017", ""])
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
    from builder.errors import DossierError
    from builder.pipeline import check

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
