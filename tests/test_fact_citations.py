"""Citations on key facts (model.Cited): an event's date, places and participants, a
person's roles, an organization's parent and seat, a place's 'within' and coordinates.
Written short (the bare value, as before) or long ({value: ..., cite: [...]}; a role or
coordinates take 'cite:' among their own fields); a citation quotes a source or names an
external reference with a note."""

import json
import re

import pytest

from builder.resolve.dossier import check
from builder.commands.build import Project, generate
from builder.pages.paths import entity_page, source_page
from conftest import append, edit, run_dossier

EVENT = "content/events/lamp-switched-off.yml"
LONG_DATE = "date: {value: 2021-03-12, cite: [{source: harbour-gazette, quote: for the last time on Friday}]}"


def check_json(root) -> dict:
    done = run_dossier("check", "--root", str(root), "--format", "json")
    return json.loads(done.stdout)


def problems(root) -> list[tuple[str, str, int, int, str]]:
    return [(d["code"], d["file"], d["line"], d["column"], d["message"])
            for d in check_json(root)["diagnostics"]]


def test_every_key_fact_of_the_fixture_is_cited_and_strict_check_passes(lighthouse):
    done = run_dossier("check", "--strict", "--root", str(lighthouse))
    assert done.returncode == 0, done.stdout + done.stderr
    resolved = check(lighthouse, use_cache=False)
    facts = {(e.id, f.path) for e in resolved.entities.values() for f in e.facts.values()}
    assert ("lamp-switched-off", ("date",)) in facts
    assert ("lamp-switched-off", ("places", 0)) in facts
    assert ("osric-penhallow", ("roles", 0)) in facts
    assert ("farrow-point", ("coordinates",)) in facts
    # the long form gives the sheet the same values as the short form
    sheet = resolved.entities["lamp-switched-off"].sheet
    assert sheet.date.text == "2021-03-12" and sheet.places == ["farrow-point"]
    assert resolved.entities["osric-penhallow"].sheet.roles[0].title == "Keeper"


def test_a_sheet_in_the_old_short_form_still_builds_and_is_warned_about(lighthouse):
    edit(lighthouse / EVENT, LONG_DATE, "date: 2021-03-12")
    report = check_json(lighthouse)
    assert report["ok"] is True and report["errors"] == 0
    (warning,) = [d for d in report["diagnostics"] if d["code"] == "uncited-fact"]
    assert (warning["file"], warning["line"], warning["column"]) == (EVENT, 3, 7)
    assert "'date' of 'The lamp at Farrow Point is switched off' cites no source" in warning["message"]
    assert run_dossier("check", "--strict", "--root", str(lighthouse)).returncode == 1
    generate(Project(lighthouse))
    page = (lighthouse / "build/docs" / entity_page("events", "lamp-switched-off")).read_text()
    assert '<li id="fact-date"><strong>Date:</strong> 12 March 2021 ' \
           '<span class="dossier-uncited">(no source cited)</span>' in page


def test_a_fact_quote_that_is_not_in_the_source_is_an_error_at_the_quote(lighthouse):
    edit(lighthouse / EVENT, "quote: for the last time on Friday", "quote: for the final time on Friday")
    (found,) = problems(lighthouse)
    line = (lighthouse / EVENT).read_text().splitlines()[2]
    assert found[:4] == ("quote-not-found", EVENT, 3, line.index("for the final") + 1)
    assert "seeds/harbour-gazette.txt" in found[4]


def test_a_fact_citing_an_unknown_source_is_an_error_at_the_source(lighthouse):
    edit(lighthouse / EVENT, "participants:\n  - value: osric-penhallow\n    cite:\n      - source: harbour-gazette",
         "participants:\n  - value: osric-penhallow\n    cite:\n      - source: harbour-gazete")
    (found,) = problems(lighthouse)
    assert found[:4] == ("unknown-reference", EVENT, 12, 17)
    assert "did you mean 'harbour-gazette'?" in found[4]


@pytest.mark.parametrize("citation, at, message", [
    ("{url: 'https://example.org/x'}", "'https", "an external reference needs a 'note'"),
    ("{url: 'https://example.org/x', source: harbour-gazette, quote: x, note: n}", "'https",
     "a source with a quote or an external reference, not both"),
    ("{url: 'javascript:alert(1)', note: n}", "'javascript", "http"),
    ("{geonames: 12, wikidata: Q1, note: n}", "12, wikidata", "one external reference per citation: write 'geonames'"),
    ("{quote: x}", "x}", "this quote needs 'source'"),
    ("{note: just a note}", "{note", "or an external reference ('url', 'wikidata' or 'geonames')"),
], ids=["no-note", "both", "script-url", "two-references", "quote-without-source", "nothing"])
def test_a_malformed_fact_citation_is_a_located_error(lighthouse, citation, at, message):
    written = f"date: {{value: 2021-03-12, cite: [{citation}]}}"
    edit(lighthouse / EVENT, LONG_DATE, written)
    found = problems(lighthouse)
    assert found, citation
    code, file, line, column, text = found[0]
    assert (file, line, column) == (EVENT, 3, written.index(at) + 1), found
    assert message in text


@pytest.mark.parametrize("value, message", [
    ("{ref: 2021-03-12, cite: [{source: harbour-gazette, quote: on Friday}]}", "'ref' does not belong there"),
    ("{cite: [{source: harbour-gazette, quote: on Friday}]}", "add 'value'"),
    ("{value: 2021-03-12, cite: []}", "'cite' must not be empty"),
], ids=["wrong-key", "no-value", "empty-cite"])
def test_a_malformed_long_form_says_how_to_write_it(lighthouse, value, message):
    edit(lighthouse / EVENT, LONG_DATE, f"date: {value}")
    found = problems(lighthouse)
    assert found and found[0][1:3] == (EVENT, 3), found
    assert message in found[0][4]


def test_fact_cites_is_the_builders_own_field_and_cannot_be_written(lighthouse):
    append(lighthouse / EVENT, "fact_cites: {date: [{source: harbour-gazette, quote: on Friday}]}\n")
    (found,) = problems(lighthouse)
    assert found[1] == EVENT and "unknown field 'fact_cites'" in found[4]


def test_the_page_shows_each_fact_with_numbered_references_and_each_quote_once(lighthouse):
    generate(Project(lighthouse))
    docs = lighthouse / "build/docs"
    event = (docs / entity_page("events", "lamp-switched-off")).read_text()
    facts = event[event.index('<div class="dossier-infobox">'):event.index("## Claims")]
    # every key fact has a mark linking to a numbered reference at the foot of the page
    marks = re.findall(r'<a href="#ref-(\d+)" title="[^"]*">(\d+)</a>', facts)
    assert marks and all(a == b for a, b in marks)
    assert '<li id="fact-date">' in facts and '<li id="fact-places">' in facts
    references = event[event.index("## References"):]
    for n, _ in marks:
        assert f'<li id="ref-{n}">' in references
    # a quote cited twice on the page (a fact and a claim) is listed once
    quotes = re.findall(r'^<li id="ref-\d+">“(.*?)” — ', references, re.M)
    assert len(quotes) == len(set(quotes))
    # in short: the outlet and the date (the source page has the title), linked to the paragraph
    assert '“for the last time on Friday” — <a href="../../sources/harbour-gazette/#line-6">' \
           'Harbour Gazette, 12 Mar 2021, line 6</a>' in references
    place = (docs / entity_page("places", "farrow-point")).read_text()
    assert '<a href="https://www.geonames.org/9999999">GeoNames 9999999</a> — a gazetteer entry ' \
           '(a made-up id for this fixture) <em>(external reference)</em>' in place
    trust = (docs / entity_page("organizations", "tidewater-trust")).read_text()
    assert '<a href="https://example.org/charities/tidewater-trust">example.org</a> — ' \
           "the charity register's entry" in trust


def test_the_source_page_links_a_fact_quote_back_to_the_fact(lighthouse):
    generate(Project(lighthouse))
    source = (lighthouse / "build/docs" / source_page("harbour-gazette")).read_text()
    listed = source[source.index("## Claims and facts citing this source"):]
    assert '<li><a href="../../events/lamp-switched-off/#fact-date">The lamp at Farrow Point is switched ' \
           'off</a>: date: <strong>12 March 2021</strong></li>' in listed
    review = (lighthouse / "build/docs" / source_page("coastal-review")).read_text()
    assert '<li><a href="../../people/osric-penhallow/#fact-roles">Osric Penhallow</a>: role: ' \
           '<strong>Keeper, Tidewater Trust</strong></li>' in review
    # the highlighted passage's mark links to the fact on the entity's page
    assert re.search(r'<sup class="dossier-cite-ref"[^>]*>(<a [^>]*>\d+</a>,)*<a href="\.\./\.\./events/'
                     r'lamp-switched-off/#fact-date" title="The lamp at Farrow Point is switched off: date">',
                     source.split("## Article")[1].split("## Claims")[0])


def test_a_text_without_blank_lines_gets_one_anchor_per_line(lighthouse):
    generate(Project(lighthouse))
    page = (lighthouse / "build/docs" / source_page("wire-brief")).read_text()
    anchors = re.findall(r'<p class="dossier-para[^"]*" id="(line-\d+)">', page.split("## Article")[1])
    assert anchors == ["line-4", "line-5", "line-6"]
    trust = (lighthouse / "build/docs" / entity_page("organizations", "tidewater-trust")).read_text()
    assert '<a href="../../sources/wire-brief/#line-5">' in trust


def test_a_dateline_is_shown_with_the_source_details_and_can_be_cited(lighthouse):
    append(lighthouse / "content/places/farrowden.yml",
           "  - statement: The wire story was filed from the village.\n"
           "    cite:\n      - source: wire-brief\n        quote: FARROWDEN, 13 March 2021\n")
    generate(Project(lighthouse))
    source = (lighthouse / "build/docs" / source_page("wire-brief")).read_text()
    details, article = source.split("## Article")
    assert "<strong>Dateline:</strong>" in details
    assert '<p class="dossier-para dossier-byline" id="line-3">' in details
    body = article.split("## Claims")[0]
    assert 'id="line-3"' not in body and 'href="#line-3"' not in body  # not repeated in the body
    place = (lighthouse / "build/docs" / entity_page("places", "farrowden")).read_text()
    assert '<a href="../../sources/wire-brief/#line-3">' in place


def test_a_place_is_reported_by_the_sources_that_cite_it_as_an_events_place(lighthouse):
    (lighthouse / "content/places/quay.yml").write_text(
        "id: quay\nname: Farrowden quay\ndescription: The village quay.\n", encoding="utf-8")
    edit(lighthouse / EVENT, "places:\n", "places:\n  - value: quay\n    cite:\n      - source: coastal-review\n"
                                          "        quote: gathered on the quay\n")
    generate(Project(lighthouse))
    page = (lighthouse / "build/docs" / entity_page("places", "quay")).read_text()
    assert '<li id="sources"><strong>Sources:</strong> claims and facts about this place cite 1 of the ' \
           "dossier's 3; none names it: " \
           '<a href="../../sources/coastal-review/">“The last night at Farrow…”</a>.</li>' in page
