"""Hostile text stays text: a dossier whose names, descriptions, quotes and article text
carry HTML, script, javascript: links and Markdown builds, and in Chromium no script of
theirs runs, no dialog opens, and every payload reads as the characters it is."""

import json

import pytest

from browsing import Console, built_and_served, search
from builder.commands.build import Project, check
from conftest import FIXTURES, copy_dossier

pytestmark = [pytest.mark.browser, pytest.mark.slow]



def danger(scope: str = ".md-content", tags: str = 'script:not([type="application/ld+json"]):not([type="application/json"]), iframe, img, '
           "svg:not(.dossier-view, .dossier-key-tie, .inset), "
           "details:not(.dossier-mentions, .dossier-related, .dossier-references, .dossier-ties-list, "
           ".dossier-cite), b, i") -> str:
    """JavaScript listing what in the page could run or load: event-handler attributes and
    javascript: addresses anywhere, and elements the texts tried to create inside scope
    (Dossier's own are told apart by their classes, which no text can set: JSON-LD and preview
    cards, data that browsers never run, its views and their legends, its folded mentions,
    ties, references and citation); and such data that does not parse as JSON."""
    inside = ", ".join(f"{scope} {tag.strip()}" for tag in tags.split(","))
    return """() => {
        const found = [];
        for (const el of document.querySelectorAll('*')) {
            for (const a of el.attributes) {
                if (a.name.startsWith('on')) found.push(`${el.tagName} ${a.name}`);
                if (/^\\s*javascript:/i.test(a.value)) found.push(`${el.tagName} ${a.name}=${a.value}`);
            }
        }
        for (const el of document.querySelectorAll('%s')) found.push(el.outerHTML.slice(0, 80));
        for (const el of document.querySelectorAll('script[type="application/ld+json"], script[type="application/json"]')) {
            try { JSON.parse(el.textContent); } catch (e) { found.push('JSON-LD: ' + e); }
        }
        return found;
    }""" % inside


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    with built_and_served(copy_dossier(FIXTURES / "hostile", tmp_path_factory.mktemp("hostile") / "dossier")) as site:
        yield site


def test_no_payload_runs_on_any_page(hostile, browser):
    root, url = hostile
    pages = sorted(p.relative_to(root / "site").as_posix() for p in (root / "site").rglob("index.html"))
    assert len(pages) >= 10
    tab = browser.new_page()
    console = Console(tab)
    for page in pages:
        tab.goto(url + page, wait_until="networkidle")
        tab.mouse.move(300, 300)
        for link in tab.locator(".md-content a").all()[:40]:  # hover: onmouseover would fire
            if link.is_visible():
                link.hover(force=True)  # marks in a picture may overlap: hover each all the same
        assert tab.evaluate(danger()) == [], page
    assert console.dialogs == []
    tab.close()


def test_payloads_read_as_text(hostile, browser):
    root, url = hostile
    resolved = check(root)
    person = resolved.entities["mallory-tags"].sheet
    tab = browser.new_page()
    console = Console(tab)
    tab.goto(url + "people/mallory-tags/")
    assert tab.inner_text("article h1").rstrip("¶") == person.name
    assert tab.title().startswith(person.name + " - " + resolved.dossier.title)
    assert person.description.replace("  ", " ") in tab.inner_text("article")
    tab.goto(url + "sources/sneaky-post/")
    article = tab.inner_text("article")
    for payload in ('<script>alert("quote")</script>', '[harmless](javascript:alert("md-link"))',
                    '{: onclick="alert(\'attr\')" }', "<!-- a comment -->", "`rm -rf` *never*",
                    '<details open ontoggle=alert("details")><summary>{{ jinja }}</summary>{% raw %}</details>'):
        assert payload in article
    assert "https://example.org/story?q=1](javascript:alert(1))![t](https://tracker.invalid/p.png)" in article
    link = tab.locator(".md-content a", has_text="https://example.org/story")
    assert link.get_attribute("href") == ("https://example.org/story?q=1%5D%28javascript:alert%281%29%29%21"
                                          "%5Bt%5D%28https://tracker.invalid/p.png%29")
    tab.goto(url + "sources/raw/html-named.txt")  # a seed named story.html, published as text
    assert 'alert("raw-script")' in tab.inner_text("body")
    assert tab.evaluate("document.querySelectorAll('script, svg').length") == 0
    tab.goto(url + "events/the-incident/")
    assert "12 | 13" in tab.inner_text("article .dossier-claim")  # a table pipe in a value stays as written
    assert console.dialogs == []
    tab.close()


def test_searching_hostile_names_shows_them_as_text(hostile, browser):
    root, url = hostile
    tab = browser.new_page()
    console = Console(tab)
    tab.goto(url, wait_until="networkidle")
    for query in ("Mallory", "onerror", "Eve", "Harbour"):
        results = search(tab, query)
        assert results, query
        assert tab.evaluate(danger(".md-search-result", "script, iframe, img, svg, b, i")) == [], query
        if query == "Mallory":  # the title of the first result, and its name among the tags
            assert tab.inner_text(".md-search-result__item h1").startswith(
                'Mallory <img src=x onerror=alert("article")> Tags')
    assert console.dialogs == []
    tab.close()


def test_the_offline_copy_of_hostile_text_runs_nothing_either(hostile, browser, tmp_path):
    """The copy adds an About page and a footer that repeat the title: still text."""
    from browsing import Offline, unzip
    from builder.commands.bundle import bundle

    root, _ = hostile
    folder = unzip(bundle(Project(root), tmp_path / "hostile.zip").path, tmp_path / "unzipped")
    offline = Offline(browser)
    tab = offline.context.new_page()
    console = Console(tab)
    title = check(root).dossier.title
    for page in ("index.html", "about/index.html", "people/mallory-tags/index.html",
                 "sources/sneaky-post/index.html"):
        tab.goto((folder / page).as_uri())
        assert tab.evaluate(danger()) == [], page
        assert f"Offline copy of {title}" in tab.inner_text(".md-copyright")
    assert title in tab.evaluate("() => document.title")
    assert console.dialogs == []
    # the broken <img src=x> payload is text, so not even a file request was made for "x"
    assert offline.blocked == []
    offline.close()


def test_a_preview_card_shows_a_hostile_name_as_text(hostile, browser):
    root, url = hostile
    person = check(root).entities["mallory-tags"].sheet
    tab = browser.new_page()
    console = Console(tab)
    for page in sorted((root / "site").rglob("index.html")):
        html = page.read_text(encoding="utf-8")
        if "people/mallory-tags/" in html and "dossier-cards" in html and page.parent.name != "mallory-tags":
            break
    tab.goto(url + page.relative_to(root / "site").as_posix())
    link = tab.locator(".md-content a[href$='people/mallory-tags/']").first
    link.hover(force=True)
    card = tab.locator("#dossier-card")
    card.wait_for(state="visible")
    assert person.name in card.inner_text()
    assert tab.evaluate("[...document.querySelectorAll('#dossier-card *')].every(e => e.tagName === 'DIV')")
    assert tab.evaluate(danger()) == [] and console.dialogs == []


# -- issue 22: JSON inside pages, and a configuration that uses every allowed setting ------------

JSON_BREAKERS = "Line\u2028separator, paragraph\u2029separator, </script><script>alert('json')</script> <!-- open"


def _hosts_requested(tab, url: str) -> list[str]:
    """Every request the page makes to a host other than the local server, left unanswered."""
    elsewhere: list[str] = []

    def route(r) -> None:
        if r.request.url.startswith(url) or r.request.url.startswith("data:"):
            r.continue_()
        else:
            elsewhere.append(r.request.url)
            r.abort()

    tab.route("**/*", route)
    return elsewhere


def test_json_in_pages_parses_and_keeps_line_separators_and_script_ends_as_text(tmp_path, browser):
    """The JSON-LD and the preview cards' JSON of a page whose texts hold U+2028, U+2029,
    </script> and <!-- parse as JSON in the browser and give the texts back unchanged."""
    import yaml

    root = copy_dossier(FIXTURES / "lighthouse", tmp_path / "dossier")
    sheet = root / "content/people/wenna-trego.yml"
    data = yaml.safe_load(sheet.read_text(encoding="utf-8"))
    sheet.write_text(sheet.read_text(encoding="utf-8").replace(
        f"description: {data['description']}", "description: " + json.dumps(JSON_BREAKERS)), encoding="utf-8")
    with built_and_served(root) as (_, url):
        tab = browser.new_page()
        console = Console(tab)
        elsewhere = _hosts_requested(tab, url)
        descriptions = []
        for page in ("people/wenna-trego/", "organizations/tidewater-trust/", "sources/coastal-review/"):
            tab.goto(url + page, wait_until="networkidle")
            found = tab.evaluate("""() => [...document.querySelectorAll(
                'script[type="application/ld+json"], script[type="application/json"]')].map(e => JSON.parse(e.textContent))""")
            assert found, page
            descriptions += [value for block in found for value in _values(block, "description")]
            assert tab.evaluate(danger()) == [], page
        assert JSON_BREAKERS in descriptions  # the JSON-LD of her page, and her card on the others
        assert descriptions.count(JSON_BREAKERS) >= 2
        assert console.dialogs == [] and elsewhere == []
        tab.close()


def _values(block, key: str):
    if isinstance(block, dict):
        for k, v in block.items():
            if k == key:
                yield v
            yield from _values(v, key)
    elif isinstance(block, list):
        for item in block:
            yield from _values(item, key)


ALLOWED_EVERYWHERE = """
site_url: https://dossier.example.org/
site_author: A Newsroom
repo_url: https://git.example.org/newsroom/dossier
repo_name: newsroom/dossier
edit_uri: edit/main/content/
copyright: Text by a newsroom, 2026
theme:
  features: [content.action.edit, content.action.view, navigation.footer, navigation.top, search.highlight, toc.follow]
  icon: {repo: fontawesome/brands/github, edit: material/pencil}
  direction: ltr
extra:
  homepage: https://newsroom.example.org/
  generator: false
  social:
    - icon: fontawesome/brands/mastodon
      link: https://social.example/@newsroom
      name: The newsroom on Mastodon
  alternate:
    - {name: English, link: ./, lang: en}
  status: {new: Recently added}
"""


def test_a_configuration_using_the_allowed_settings_builds_and_requests_nothing_elsewhere(tmp_path, browser):
    root = copy_dossier(FIXTURES / "lighthouse", tmp_path / "dossier")
    config = root / "mkdocs.yml"
    config.write_text(ALLOWED_EVERYWHERE, encoding="utf-8")
    with built_and_served(root) as (_, url):
        tab = browser.new_page()
        console = Console(tab)
        elsewhere = _hosts_requested(tab, url)
        for page in ("", "people/wenna-trego/"):
            tab.goto(url + page, wait_until="networkidle")
            assert tab.evaluate(danger(tags="iframe, object, embed")) == [], page  # the theme's icons are SVG
            hrefs = tab.evaluate("[...document.querySelectorAll('a[href]')].map(a => new URL(a.getAttribute('href'), document.baseURI).href)")
            assert all(h.startswith(("http://", "https://")) for h in hrefs), hrefs
        edit = tab.locator("a.md-content__button").first.get_attribute("href")
        assert edit.startswith("https://git.example.org/newsroom/dossier/edit/main/content/")
        assert console.dialogs == [] and elsewhere == []
        tab.close()
