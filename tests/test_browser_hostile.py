"""Hostile text stays text: a dossier whose names, descriptions, quotes and article text
carry HTML, script, javascript: links and Markdown builds, and in Chromium no script of
theirs runs, no dialog opens, and every payload reads as the characters it is."""

import pytest

from browsing import Console, built_and_served, search
from builder.pipeline import Project, check
from conftest import FIXTURES, copy_dossier

pytestmark = [pytest.mark.browser, pytest.mark.slow]



def danger(scope: str = ".md-content", tags: str = 'script:not([type="application/ld+json"]):not([type="application/json"]), iframe, img, '
           "svg:not(.dossier-view), details:not(.dossier-mentions), b, i") -> str:
    """JavaScript listing what in the page could run or load: event-handler attributes and
    javascript: addresses anywhere, and elements the texts tried to create inside scope
    (Dossier's own are told apart: JSON-LD and preview cards, data that browsers never run,
    its views and its folded mentions); and such data that does not parse as JSON."""
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
    from builder.bundle import bundle

    root, _ = hostile
    folder = unzip(bundle(Project(root), tmp_path / "hostile.zip").path, tmp_path / "unzipped")
    offline = Offline(browser)
    tab = offline.context.new_page()
    console = Console(tab)
    title = check(root).dossier.title
    for page in ("index.html", "about.html", "people/mallory-tags.html", "sources/sneaky-post.html"):
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
