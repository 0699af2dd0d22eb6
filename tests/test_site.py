"""End to end: the bundled dossier built through MkDocs, as readers and search see it."""

import html
import json
import os
import posixpath
import re
from datetime import datetime, timezone
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import yaml

from builder.commands.build import Project, build, check
from builder.resolve.excerpts import publish
from builder.pages.paths import INDEX_PAGES, entity_page
from conftest import REPO, copy_dossier

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    root = copy_dossier(REPO, tmp_path_factory.mktemp("a") / "dossier")
    build(Project(root))
    return root


class Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids, self.links = set(), []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])


def parse_site(site: Path) -> dict[str, Page]:
    pages = {}
    for path in sorted(site.rglob("*.html")):
        page = Page()
        page.feed(path.read_text(encoding="utf-8"))
        pages[path.relative_to(site).as_posix()] = page
    return pages


def test_every_internal_link_and_anchor_resolves(built):
    site = built / "site"
    pages = parse_site(site)
    assert len(pages) > 80
    checked = 0
    for name, page in pages.items():
        if name == "404.html":  # served at any depth, so MkDocs gives it absolute links
            continue
        for href in page.links:
            parts = urlsplit(href)
            if parts.scheme or parts.netloc:
                continue
            target = posixpath.normpath(posixpath.join(posixpath.dirname(name), unquote(parts.path))) \
                if parts.path else name
            if parts.path.endswith("/") or parts.path in ("", ".", "./") and not parts.fragment:
                target = posixpath.join(target, "index.html") if parts.path else name
            elif (site / target).is_dir():
                target = posixpath.join(target, "index.html")
            assert (site / target).exists(), f"{name}: broken link {href}"
            if parts.fragment and target.endswith(".html"):
                assert parts.fragment in pages[target].ids, f"{name}: missing anchor {href}"
            checked += 1
    assert checked > 2000


def test_citations_link_to_the_quoted_paragraph(built):
    html = (built / "site/people/anna-kuznetsova/index.html").read_text(encoding="utf-8")
    assert 'href="../../sources/rudaw-kadyrov-flight/#line-23"' in html
    source = (built / "site/sources/rudaw-kadyrov-flight/index.html").read_text(encoding="utf-8")
    paragraph = re.search(r'<p class="dossier-para" id="line-23">(.*?)</p>', source, re.S).group(1)
    assert "<mark" in paragraph and "was in" in paragraph
    claim = check(built).entities["anna-kuznetsova"].claims[4]  # the claim that cites it
    assert ("rudaw-kadyrov-flight", "line-23") in [(c.source_id, c.anchor) for c in claim.citations]
    assert f'href="../../people/anna-kuznetsova/#{claim.anchor}"' in paragraph


def test_sources_differ_is_shown_on_the_entity_and_listed(built):
    flight = (built / "site/events/first-repatriation-flight/index.html").read_text(encoding="utf-8")
    assert "Sources conflict" in flight and "3 to 10" in flight and "3 to 15" in flight
    listing = (built / "site/disagreements/index.html").read_text(encoding="utf-8")
    assert "aged between three and 15 years old" in listing and "aged between three and ten" in listing


def test_navigation_lists_index_pages_only(built):
    config = yaml.safe_load((built / "build/mkdocs.yml").read_text())
    assert [next(iter(item.values())) for item in config["nav"]] == list(INDEX_PAGES)
    person = (built / "site/people/anna-kuznetsova/index.html").read_text(encoding="utf-8")
    start = person.index('<nav class="md-nav md-nav--primary"')
    nav = person[start:person.index("</nav>", start)]
    links = set(re.findall(r'href="([^"]+)"', nav))
    assert links == {"../..", "../../events/", "../", "../../organizations/", "../../places/",
                     "../../sources/", "../../disagreements/", "../../changes/", "../../data/",
                     "../../map/", "../../graph/"}


def test_search_index_holds_every_name_and_alias_in_page_text(built):
    index = json.loads((built / "site/search/search_index.json").read_text())
    text_by_page: dict[str, str] = {}
    for doc in index["docs"]:
        page = doc["location"].split("#")[0]
        text_by_page[page] = text_by_page.get(page, "") + " " + doc["title"] + " " + doc["text"]
    checked = 0
    for sheet in (built / "content").glob("*/*.yml"):
        if sheet.parent.name == "sources":
            continue
        data = yaml.safe_load(sheet.read_text())
        page = f"{sheet.parent.name}/{data['id']}/"
        for name in [data["name"], *data.get("aliases", [])]:
            assert name.replace("'", "&#x27;") in text_by_page[page] or name in text_by_page[page], \
                f"{name} not in indexed text of {page}"
            checked += 1
    assert checked > 100


def indexed_text(site: Path) -> dict[str, str]:
    """Per page (location without #section): all the text search holds for it, as plain text."""
    index = json.loads((site / "search/search_index.json").read_text())
    pages: dict[str, str] = {}
    for doc in index["docs"]:
        text = " ".join([doc["title"], doc["text"], *doc.get("tags", [])])
        text = re.sub(r"<sup>.*?</sup>", "", text)  # citation numbers inside cited passages
        plain = " ".join(html.unescape(re.sub(r"<[^>]+>", "", text)).split())
        page = doc["location"].split("#")[0]
        pages[page] = pages.get(page, "") + " " + plain
    return pages


def test_search_indexes_facts_and_article_text_not_page_furniture(built):
    resolved = publish(check(built))  # as published: the articles in excerpts
    pages = indexed_text(built / "site")
    flat = lambda t: " ".join(t.split())
    for info in resolved.entities.values():
        text = pages[f"{info.kind}/{info.id}/"]
        assert flat(info.sheet.description) in text
        for claim in info.claims:
            assert flat(claim.claim.statement or claim.claim.value) in text
    for source_id, article in resolved.articles.items():
        text = pages[f"sources/{source_id}/"]
        for paragraph in article.paragraphs:
            assert flat(paragraph.text)[:60] in text
    # Index pages repeat their entries' descriptions; lists of names and mentions in context
    # repeat article text: none of that is indexed again.
    index = json.loads((built / "site/search/search_index.json").read_text())
    locations = [doc["location"] for doc in index["docs"]]
    assert not [loc for loc in locations if loc.split("#")[0] in
                ("people/", "places/", "organizations/", "events/", "sources/", "disagreements/")]
    assert not [loc for loc in locations if loc.endswith(("#mentions", "#related", "#events", "#named"))]
    assert len((built / "site/search/search_index.json").read_bytes()) < 2000 * len(pages)


def test_two_builds_in_different_folders_are_byte_identical(built, tmp_path):
    other = copy_dossier(REPO, tmp_path / "elsewhere" / "copy")
    env = os.environ.pop("SOURCE_DATE_EPOCH", None)
    try:
        build(Project(other))
    finally:
        if env is not None:
            os.environ["SOURCE_DATE_EPOCH"] = env

    def tree(root: Path) -> dict[str, bytes]:
        return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}

    first, second = tree(built / "site"), tree(other / "site")
    assert sorted(first) == sorted(second)
    assert [name for name in first if first[name] != second[name]] == []
    assert tree(built / "build/docs") == tree(other / "build/docs")


def test_build_dates_come_from_the_content_not_the_clock(built):
    # The one date MkDocs writes is the gzip time of sitemap.xml.gz: the newest source's date.
    header = (built / "site/sitemap.xml.gz").read_bytes()[:10]
    newest = datetime(2019, 7, 31, tzinfo=timezone.utc)
    assert int.from_bytes(header[4:8], "little") == int(newest.timestamp())


def test_an_event_page_counts_the_sources_that_report_it_apart_from_those_naming_it(built):
    resolved = check(built)
    for event in resolved.by_kind("events"):
        text = re.sub(r"<[^>]+>", "", (built / "site/events" / event.id / "index.html").read_text(encoding="utf-8"))
        reported = int(re.search(r"Sources: claims and facts about this event cite (\d+)", text).group(1))
        cited = {s for claim in event.claims for s in claim.source_ids}
        cited |= {s for fact in event.facts.values() for s in fact.source_ids}
        assert reported >= len(cited) and (reported > 0 or not cited), event.id
        assert "named in 0" not in text and "none names it" not in text  # events are reported, not named


def test_each_timeline_entry_names_its_sources(built):
    resolved = check(built)
    page = (built / "site/events/index.html").read_text(encoding="utf-8")
    entries = page.split('class="dossier-event"')[1:]
    assert len(entries) == len(resolved.by_kind("events"))
    reported = [e for e in resolved.by_kind("events") if e.claims]
    assert sum('class="dossier-sources"' in entry for entry in entries) >= len(reported) > 0


def test_where_sources_differ_opens_with_the_conflicts(built):
    resolved = check(built)
    page = (built / "site/disagreements/index.html").read_text(encoding="utf-8")
    kinds = re.findall(r'<h2 id="kind-([a-z]+)"', page)
    assert kinds and kinds[0] == "conflict" and len(kinds) == len(set(kinds))
    conflicts = [d for d in resolved.disagreements if d.kind == "conflict"]
    first = page.split('id="kind-conflict"')[1].split("<h2")[0]
    assert all(f'id="{d.entity_id}-{d.anchor}"' in first for d in conflicts)
    # only conflicts get the warning style on entity pages
    for d in resolved.disagreements:
        entity = resolved.entities[d.entity_id]
        html_page = (built / "site" / entity.kind / d.entity_id / "index.html").read_text(encoding="utf-8")
        assert ('admonition warning' in html_page) == any(x.kind == "conflict" for x in entity.disagreements)


def test_an_entity_page_says_which_source_uses_which_name(built):
    resolved = publish(check(built))  # as published: the articles in excerpts
    shown = 0
    for info in resolved.entities.values():
        used: dict[str, set[str]] = {}
        for source_id, mention in info.mentions:
            used.setdefault(mention.name, set()).add(source_id)
        page = (built / "build/docs" / entity_page(info.kind, info.id)).read_text(encoding="utf-8")
        line = next((l for l in page.splitlines() if l.startswith("<li><strong>Spelt:</strong> ")), None)
        if line is None:
            continue
        shown += 1
        assert line.endswith("</li>")
        for segment in line.removeprefix("<li><strong>Spelt:</strong> ").removesuffix("</li>").split(" · "):
            name = html.unescape(segment.split(" (", 1)[0])
            assert set(re.findall(r'<a href="\.\./\.\./sources/([a-z0-9-]+)/">', segment)) == used[name], \
                (info.id, name)
    assert shown > 0
    page = (built / "build/docs" / entity_page("people", "anna-kuznetsova")).read_text(encoding="utf-8")
    assert '· Kuznestova (<a href="../../sources/rudaw-kadyrov-flight/">Rudaw</a>)</li>' in page
