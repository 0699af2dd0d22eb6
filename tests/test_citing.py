"""Pointing at one statement from outside: claim anchors made from what a claim says (so
reordering a sheet keeps every link), a "cite this" text on each entity page and for each
claim, the CSL-JSON file of the Data page, and the Atom feed of the Changes page."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET

import pytest
import yaml
from conftest import append, edit, git

from builder.commands.build import Project, build
from builder.resolve.dossier import check

pytestmark = pytest.mark.slow

SITE_URL = "https://dossier.example.org/farrow/"


def anchors(root) -> dict[tuple[str, str], str]:
    """(entity, what the claim says) -> its anchor."""
    resolved = check(root, use_cache=False)
    return {(e.id, c.claim.statement or f"{c.claim.property}={c.claim.value}"): c.anchor
            for e in resolved.entities.values() for c in e.claims}


def test_claim_anchors_survive_reordering_the_sheet_and_new_citations(lighthouse):
    before = anchors(lighthouse)
    sheet = lighthouse / "content/people/osric-penhallow.yml"
    data = yaml.safe_load(sheet.read_text(encoding="utf-8"))
    data["claims"].reverse()
    data["claims"][0]["cite"].append({"source": "wire-brief", "quote": "Farrow Point"})
    sheet.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    after = anchors(lighthouse)
    assert after == before
    per_page: dict[str, list[str]] = {}
    for (entity, _), anchor in after.items():
        per_page.setdefault(entity, []).append(anchor)
    assert all(len(set(a)) == len(a) for a in per_page.values())  # unique on each page
    assert all(re.fullmatch(r"claim-[a-z0-9-]{1,60}", a) for a in after.values())


def test_a_claim_that_repeats_another_gets_its_own_anchor(lighthouse):
    sheet = lighthouse / "content/people/osric-penhallow.yml"
    append(sheet, """  - statement: He said the light had been lit every night since 1884, except in two stormy winters.
    cite:
      - source: coastal-review
        quote: Osric Penhallow kept the light at Farrow Point
""")
    resolved = check(lighthouse, use_cache=False)
    mine = [c.anchor for c in resolved.entities["osric-penhallow"].claims]
    assert len(set(mine)) == len(mine) and any(a.endswith("-2") for a in mine), mine


@pytest.fixture(scope="module")
def cited_site(tmp_path_factory):
    from conftest import FIXTURES, copy_dossier

    root = copy_dossier(FIXTURES / "lighthouse", tmp_path_factory.mktemp("cite") / "dossier")
    append(root / "mkdocs.yml", f"site_url: {SITE_URL}\n")
    git(root, "init", "-q")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "first", "--date", "2024-05-01T12:00:00Z")
    edit(root / "content/people/wenna-trego.yml", "description: ", "description: Still ")
    edit(root / "content/people/osric-penhallow.yml", 'value: "38"', 'value: "39"')
    git(root, "commit", "-q", "-am", "second")
    build(Project(root))
    return root


def test_each_entity_page_and_claim_offers_a_citation(cited_site):
    html = (cited_site / "site/people/osric-penhallow/index.html").read_text(encoding="utf-8")
    data = json.loads(re.search(r'<script type="application/json" class="dossier-cite">(.*?)</script>',
                                html, re.DOTALL).group(1))
    resolved = check(cited_site, use_cache=False)
    osric = resolved.entities["osric-penhallow"]
    date = git(cited_site, "log", "-1", "--format=%cs").strip()
    y, m, d = date.split("-")
    facts = {key for key in data if key.startswith("fact-")}
    assert set(data) == {"", *(c.anchor for c in osric.claims), *facts} and "fact-roles" in facts
    assert "Osric Penhallow: Role" in data["fact-roles"] and data["fact-roles"].endswith("#fact-roles")
    assert 'href="#fact-roles"' in html  # the key fact's link mark
    page = data[""]
    assert "Osric Penhallow" in page and "The last keeper of Farrow Point" in page
    assert re.search(rf"Version of {int(d)} \w+ {y}\.", page)
    assert page.endswith(f"{SITE_URL}people/osric-penhallow/")
    for claim in osric.claims:
        text = data[claim.anchor]
        assert text.endswith(f"{SITE_URL}people/osric-penhallow/#{claim.anchor}")
        assert f'id="{claim.anchor}"' in html
        assert f'href="#{claim.anchor}"' in html  # its link mark
    assert "Cite this page" in html


def test_the_csl_json_file_is_valid_and_formats_as_a_bibliography(cited_site):
    citeproc = pytest.importorskip("citeproc")  # a test dependency (pyproject)
    from citeproc.source.json import CiteProcJSON

    items = json.loads((cited_site / "site/data/cite.json").read_text(encoding="utf-8"))
    resolved = check(cited_site, use_cache=False)
    ids = {i["id"] for i in items}
    assert "dossier" in ids
    for e in resolved.entities.values():
        assert f"dossier-{e.id}" in ids
        assert all(f"dossier-{e.id}-{c.anchor}" in ids for c in e.claims)
    for item in items:
        assert item["type"] in ("dataset", "entry-encyclopedia") and item["title"]
        assert item["URL"].startswith(SITE_URL)
        assert all(isinstance(p, int) for p in item["issued"]["date-parts"][0])
    source = CiteProcJSON(items)
    style = citeproc.CitationStylesStyle("harvard-cite-them-right", validate=False)
    bibliography = citeproc.CitationStylesBibliography(style, source, citeproc.formatter.plain)
    for item in items[:5]:
        bibliography.register(citeproc.Citation([citeproc.CitationItem(item["id"])]))
    shown = [str(entry) for entry in bibliography.bibliography()]
    assert len(shown) == 5 and any("Osric" in s or "Farrow" in s or "Wenna" in s for s in shown), shown


def test_the_atom_feed_is_valid_and_every_page_links_it(cited_site):
    feedparser = pytest.importorskip("feedparser")  # a test dependency (pyproject)
    raw = (cited_site / "site/changes.xml").read_bytes()
    feed = feedparser.parse(raw)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    commits = git(cited_site, "log", "--format=%H").split()
    assert len(feed.entries) == len(commits) == 2
    assert feed.entries[0].title.startswith(git(cited_site, "log", "-1", "--format=%cs").strip())
    assert "39" in feed.entries[0].summary  # the change told in the dossier's terms
    # RFC 4287's musts, read with ElementTree: feed id, title, updated, author; entry id,
    # title, updated; every id an IRI, every date RFC 3339, ids unique
    ns = {"a": "http://www.w3.org/2005/Atom"}
    root = ET.fromstring(raw)
    for tag in ("a:id", "a:title", "a:updated", "a:author/a:name"):
        assert root.find(tag, ns) is not None and root.find(tag, ns).text, tag
    ids = [root.find("a:id", ns).text]
    for entry in root.findall("a:entry", ns):
        for tag in ("a:id", "a:title", "a:updated"):
            assert entry.find(tag, ns) is not None and entry.find(tag, ns).text, tag
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", entry.find("a:updated", ns).text)
        ids.append(entry.find("a:id", ns).text)
    assert len(set(ids)) == len(ids) and all(re.match(r"[a-z][a-z0-9+.-]*:", i) for i in ids)
    for page in ("index.html", "people/osric-penhallow/index.html", "sources/harbour-gazette/index.html"):
        html = (cited_site / "site" / page).read_text(encoding="utf-8")
        link = re.search(r'<link rel="alternate" type="application/atom\+xml"[^>]*href="([^"]+)"', html)
        assert link, page
        target = (cited_site / "site" / page).parent / link.group(1)
        assert target.resolve() == (cited_site / "site/changes.xml").resolve()
