"""The generated pages of the fixture dossier (build/docs/*.md: front matter, Markdown headings,
the rest HTML), compared with reviewed golden files.
After an intended change: pytest tests/test_render.py --update-golden, then review
`git diff tests/golden` like code."""

from html.parser import HTMLParser
from pathlib import Path

import markdown
import yaml

from builder.core.markup import md
from builder.commands.build import Project, generate
from builder.pages.paths import entity_page, source_page
from conftest import FIXTURES

GOLDEN = Path(__file__).parent / "golden" / "lighthouse"


def test_generated_markdown_matches_the_reviewed_golden_files(lighthouse, update_golden):
    generate(Project(lighthouse))
    docs = lighthouse / "build" / "docs"
    produced = {p.relative_to(docs).as_posix(): p.read_text(encoding="utf-8")
                for p in sorted(docs.rglob("*.md"))}
    if update_golden:
        for old in GOLDEN.rglob("*.md"):
            old.unlink()
        for rel, text in produced.items():
            (GOLDEN / rel).parent.mkdir(parents=True, exist_ok=True)
            (GOLDEN / rel).write_text(text, encoding="utf-8")
    expected = {p.relative_to(GOLDEN).as_posix(): p.read_text(encoding="utf-8")
                for p in sorted(GOLDEN.rglob("*.md"))}
    assert sorted(produced) == sorted(expected)
    for rel in expected:
        assert produced[rel] == expected[rel], f"{rel} differs from tests/golden/lighthouse/{rel}"


def test_the_raw_article_file_is_published_unchanged_as_text_named_by_its_source(lighthouse):
    resolved, _ = generate(Project(lighthouse))
    for source_id, article in resolved.articles.items():
        published = lighthouse / "build/docs/sources/raw" / f"{source_id}.txt"
        assert published.read_bytes() == (lighthouse / "seeds" / article.seed_name).read_bytes()
    assert sorted(p.name for p in (lighthouse / "build/docs/sources/raw").iterdir()) == sorted(
        f"{i}.txt" for i in resolved.articles)


def test_a_second_generation_writes_nothing_and_stale_pages_are_removed(lighthouse):
    project = Project(lighthouse)
    generate(project)
    _, counts = generate(project)
    assert counts["written"] == 0 and counts["removed"] == 0
    (lighthouse / "content/events/light-automated.yml").unlink()
    (lighthouse / "content/people/wenna-trego.yml").write_text(
        (lighthouse / "content/people/wenna-trego.yml").read_text().replace("    about: [light-automated]\n", ""))
    _, counts = generate(project)
    assert counts["removed"] == 1
    stale = lighthouse / "build/docs" / entity_page("events", "light-automated")
    assert not stale.exists() and not stale.parent.exists()  # the page, and the folder it leaves empty


def test_user_text_never_becomes_markup():
    hostile = '<script>alert(1)</script> *bold* [x](javascript:alert(1)) {: onclick="x"} `code` _u_ | a'
    escaped = str(md(hostile))
    assert "<script>" not in escaped and "&lt;script&gt;" in escaped
    for syntax in ("*", "[", "]", "(", "{", "`", "_", "|"):
        assert f"\\{syntax}" in escaped
    html = markdown.markdown(escaped, extensions=["attr_list", "tables", "md_in_html"])
    tags = []

    class Tags(HTMLParser):
        def handle_starttag(self, tag, attrs):
            tags.append((tag, attrs))

    Tags().feed(html)
    assert tags == [("p", [])]  # one paragraph of text, no element and no attribute from the input
    assert "*bold*" in html and "[x](javascript:alert(1))" in html


def test_the_fixture_shares_no_name_with_the_bundled_dossier():
    def names(content: Path) -> set[str]:
        found = set()
        for sheet in content.rglob("*.yml"):
            data = yaml.safe_load(sheet.read_text(encoding="utf-8"))
            found |= {data.get("id"), data.get("name"), data.get("title"), *data.get("aliases", [])}
        return found - {None}

    shared = names(FIXTURES / "lighthouse/content") & names(FIXTURES.parent.parent / "content")
    assert shared == set()


def test_a_source_says_how_its_text_reached_us(lighthouse):
    sheet = lighthouse / "content/sources/harbour-gazette.yml"
    sheet.write_text(sheet.read_text(encoding="utf-8").replace("outlet: Harbour Gazette", "outlet: Tidewater Trust")
                     + "via: Coastal Wire\ntitle_note: Rebuilt from the address.\ntranslated_from: kw\n"
                     "translation: machine\ntruncated: true\ntruncated_note: The text stops mid-sentence.\n",
                     encoding="utf-8")
    generate(Project(lighthouse))
    page = (lighthouse / "build/docs" / source_page("harbour-gazette")).read_text(encoding="utf-8")
    for line in ("<li><strong>Title:</strong> as given here — Rebuilt from the address.</li>",
                 '<li><strong>Outlet:</strong> <a href="../../organizations/tidewater-trust/">'
                 "Tidewater Trust</a></li>",
                 "<li><strong>Originally from:</strong> Coastal Wire (wire copy or republication)</li>",
                 "<li><strong>Language:</strong> English, translated from Cornish (machine translation)</li>",
                 "<li><strong>Incomplete:</strong> the text was cut off when it was collected — "
                 "The text stops mid-sentence.</li>"):
        assert line in page.splitlines(), line


def test_a_wikidata_item_is_linked_as_reference_data(lighthouse):
    sheet = lighthouse / "content/places/farrowden.yml"
    sheet.write_text(sheet.read_text(encoding="utf-8") + "wikidata: Q42\n", encoding="utf-8")
    generate(Project(lighthouse))
    page = (lighthouse / "build/docs" / entity_page("places", "farrowden")).read_text(encoding="utf-8")
    assert '<li><strong>Wikidata:</strong> <a href="https://www.wikidata.org/wiki/Q42">Q42</a> ' \
           '<em>(reference data, not from the sources)</em></li>' in page
