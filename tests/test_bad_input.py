"""One test per class of bad input: each names file:line:column, says what to do,
exits non-zero, shows no traceback, and writes nothing."""

import re

import pytest

from conftest import append, edit, run_dossier


CASES = {
    "yaml-syntax": (
        lambda d: edit(d / "content/people/wenna-trego.yml", "aliases: []", "aliases: [unclosed"),
        "content/people/wenna-trego.yml:4:12", "YAML syntax error"),
    "duplicate-key": (
        lambda d: append(d / "content/people/wenna-trego.yml", "name: Someone Else\n"),
        "content/people/wenna-trego.yml:17:1", "duplicate key 'name' (first given at line 2)"),
    "unknown-field": (
        lambda d: append(d / "content/places/farrowden.yml", "nickname: The Den\n"),
        "content/places/farrowden.yml:12:1", "unknown field 'nickname'; remove it or use one of:"),
    "missing-field": (
        lambda d: edit(d / "content/places/farrow-point.yml",
                       "description: A headland with a lighthouse, near the village of Farrowden.\n", ""),
        "content/places/farrow-point.yml:1:1", "missing required field 'description'"),
    "unknown-reference": (
        lambda d: edit(d / "content/people/wenna-trego.yml", "organization: tidewater-trust",
                       "organization: tidewater trusts"),
        "content/people/wenna-trego.yml:7:19",
        "'tidewater trusts' is not an organization id or alias (did you mean 'tidewater-trust'?)"),
    "duplicate-id": (
        lambda d: (d / "content/organizations/farrowden.yml").write_text(
            (d / "content/places/farrowden.yml").read_text()),
        "content/organizations/farrowden.yml:1:5", "id 'farrowden' is already used by content/places/farrowden.yml"),
    "shared-alias": (
        lambda d: edit(d / "content/people/wenna-trego.yml", "aliases: []", "aliases: [Penhallow]"),
        "content/people/wenna-trego.yml:3:11", "alias 'Penhallow' is also a name or alias of osric-penhallow"),
    "bad-date": (
        lambda d: edit(d / "content/events/lamp-switched-off.yml", "date: {value: 2021-03-12", "date: {value: 2021-02-30"),
        "content/events/lamp-switched-off.yml:3:15", "'2021-02-30' is not a real date"),
    "quote-not-found": (
        lambda d: edit(d / "content/people/osric-penhallow.yml", "ending forty years as its keeper",
                       "ending fifty years as its keeper"),
        "content/people/osric-penhallow.yml:16:16", "quote not found in seeds/harbour-gazette.txt; the closest "
        "passage, line 6 reads: “ending forty years as its keeper” (the quote has “fifty” where the article "
        "has “forty”)"),
    "quote-in-furniture": (
        lambda d: edit(d / "content/people/osric-penhallow.yml", "kept the light at Farrow Point for thirty-eight years",
                       "Subscribe for more coastal news"),
        "content/people/osric-penhallow.yml:21:16",
        "quote found on line 7 of seeds/coastal-review.txt, which is marked as furniture; take 7 out of"),
    "unknown-exact-name": (
        lambda d: edit(d / "content/people/wenna-trego.yml", "aliases: []", "aliases: []\nexact_names: [W. Trego]"),
        "content/people/wenna-trego.yml:4:15", "'W. Trego' is not the name or an alias of this sheet"),
    "unknown-date-without-note": (
        lambda d: (edit(d / "content/events/light-automated.yml", "  value: late 2021", "  value: unknown"),
                   edit(d / "content/events/light-automated.yml", "\ndate_note: The Trust announced the date "
                        "ahead; the articles were written before it.", "")),
        "content/events/light-automated.yml:4:10", "date is 'unknown': add 'date_note' saying why"),
    "translation-without-language": (
        lambda d: edit(d / "content/sources/coastal-review.yml", "translated_from: kw\n", ""),
        "content/sources/coastal-review.yml:9:14", "'translation' needs 'translated_from'"),
    "line-marked-twice": (
        lambda d: edit(d / "content/sources/harbour-gazette.yml", "captions: [14]", "captions: [12, 14]"),
        "content/sources/harbour-gazette.yml:8:11", "line 12 is in 'captions' and also in 'furniture'"),
    "bad-wikidata-id": (
        lambda d: edit(d / "content/people/wenna-trego.yml", "aliases: []", "aliases: []\nwikidata: 'Q12 3'"),
        "content/people/wenna-trego.yml:4:11", "'Q12 3' is not a Wikidata item id"),
    "blank-caption-line": (
        lambda d: edit(d / "content/sources/harbour-gazette.yml", "captions: [14]", "captions: [13]"),
        "content/sources/harbour-gazette.yml:8:11", "line 13 of seeds/harbour-gazette.txt is blank"),
    "missing-seed": (
        lambda d: edit(d / "content/sources/coastal-review.yml", "file: coastal-review.txt",
                       "file: coastal-reveiw.txt"),
        "content/sources/coastal-review.yml:7:7", "seed file 'seeds/coastal-reveiw.txt' does not exist"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_input_is_reported_at_its_place(lighthouse, case):
    mutate, where, message = CASES[case]
    mutate(lighthouse)
    result = run_dossier("check", "--root", str(lighthouse))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert f"{where}: error: {message}" in result.stderr, result.stderr
    # check writes nothing but its cache of the sheets it read
    assert {str(p.relative_to(lighthouse)) for p in lighthouse.rglob("*") if "build" in p.parts
            and p.is_file()} <= {"build/cache/sheets.marshal"}
    for line in result.stderr.splitlines()[:-1]:
        assert re.match(r"^content/\S+:\d+:\d+: error: ", line), line


def test_a_text_without_blank_lines_gets_one_paragraph_per_line_when_its_sheet_says_so(lighthouse):
    from builder.commands.build import check

    seed = lighthouse / "seeds/coastal-review.txt"
    seed.write_text(seed.read_text(encoding="utf-8").replace("\n\n", "\n"), encoding="utf-8")
    edit(lighthouse / "content/sources/coastal-review.yml", "furniture: [1, 7]", "furniture: [1, 4]")
    lines = [p.line for p in check(lighthouse).articles["coastal-review"].paragraphs]
    assert lines == [2]  # one paragraph: every citation would land on the same anchor
    append(lighthouse / "content/sources/coastal-review.yml", "paragraphs: lines\n")
    resolved = check(lighthouse)
    assert [p.line for p in resolved.articles["coastal-review"].paragraphs] == [2, 3]
    cited = {c.line for e in resolved.entities.values() for claim in e.claims for c in claim.citations
             if c.source_id == "coastal-review"}
    assert cited == {2, 3}


def test_every_problem_of_a_stage_is_reported_at_once(lighthouse):
    for case in ("unknown-reference", "shared-alias", "quote-not-found", "missing-seed"):
        CASES[case][0](lighthouse)
    result = run_dossier("check", "--root", str(lighthouse))
    assert result.returncode == 1
    errors = [line for line in result.stderr.splitlines() if ": error: " in line]
    assert len(errors) == 4, result.stderr
    assert result.stderr.splitlines()[-1] == "dossier check: 4 errors"


def test_a_failed_build_leaves_the_previous_site_exactly_as_it_was(lighthouse):
    assert run_dossier("build", "--root", str(lighthouse)).returncode == 0
    before = {p: p.read_bytes() for p in sorted((lighthouse / "site").rglob("*")) if p.is_file()}
    CASES["quote-not-found"][0](lighthouse)
    result = run_dossier("build", "--root", str(lighthouse))
    assert result.returncode == 1
    assert "content/people/osric-penhallow.yml:16:16: error: quote not found" in result.stderr
    after = {p: p.read_bytes() for p in sorted((lighthouse / "site").rglob("*")) if p.is_file()}
    assert after == before
    assert sorted(p.name for p in lighthouse.iterdir()) == ["build", "content", "mkdocs.yml", "seeds", "site"]


def test_a_folder_without_content_is_explained(tmp_path):
    result = run_dossier("check", "--root", str(tmp_path))
    assert result.returncode == 1
    assert "no content/ folder here" in result.stderr and "Traceback" not in result.stderr


def test_a_theme_feature_that_would_run_markup_from_names_is_refused(lighthouse):
    # the dossier's mkdocs.yml overrides the shipped list of features
    edit(lighthouse / "mkdocs.yml", "theme:\n", "theme:\n  features:\n    - search.highlight\n    - content.tooltips\n")
    result = run_dossier("build", "--root", str(lighthouse))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    line = next(n for n, text in enumerate((lighthouse / "mkdocs.yml").read_text().splitlines(), 1)
                if text.strip() == "- content.tooltips")
    assert f"mkdocs.yml:{line}:7: error: remove 'content.tooltips' from theme.features" in result.stderr
    assert not (lighthouse / "site").exists()


def test_a_place_or_a_country_can_take_part_in_an_event(lighthouse):
    from builder.commands.build import check

    edit(lighthouse / "content/events/lamp-switched-off.yml", "participants:\n",
         "participants:\n  - farrowden\n")
    resolved = check(lighthouse)
    assert "farrowden" in resolved.entities["lamp-switched-off"].related
    assert "lamp-switched-off" in resolved.entities["farrowden"].related


def test_undated_events_and_sources_of_unknown_date_build(lighthouse):
    from builder.commands.build import Project, generate

    edit(lighthouse / "content/events/light-automated.yml", "  value: late 2021", "  value: unknown")
    edit(lighthouse / "content/events/light-automated.yml", "date_note: The Trust announced the date ahead; the "
         "articles were written before it.", "date_note: No source says when the work will be done.")
    edit(lighthouse / "content/sources/coastal-review.yml", "published: 2021-03",
         "published: unknown\npublished_note: The page shows no date.")
    generate(Project(lighthouse))
    timeline = (lighthouse / "build/docs/events/index.md").read_text(encoding="utf-8")
    undated = timeline.split("## Undated {#undated}")[1]
    assert '<a href="light-automated/">' in undated and "No source says when" in undated
    assert 'href="light-automated/"' not in timeline.split("## Undated")[0]  # neither listed nor drawn
    source = (lighthouse / "build/docs/sources/coastal-review/index.md").read_text(encoding="utf-8")
    assert "<li><strong>Published:</strong> date unknown — The page shows no date.</li>" in source
