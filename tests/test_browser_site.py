"""The web site in real Chromium (Debian's, driven by Playwright), as a reader uses it:
search by alias, follow a citation to its highlighted paragraph, read where sources differ,
and no page logs an error."""

import pytest

from browsing import Console, assert_on_cited_paragraph, follow_first_citation, search
from builder.commands.build import check
from builder.pages.paths import INDEX_PAGES
from conftest import REPO

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def page_url(base: str, md_path: str) -> str:
    path = md_path.removesuffix(".md")
    if path == "index" or path.endswith("/index"):
        path = path.removesuffix("index")
    else:
        path += "/"
    return base + path


@pytest.fixture
def tab(browser):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.console = Console(page)
    yield page
    page.close()


def test_home_page_renders_with_the_material_theme(served, tab):
    tab.goto(served)
    dossier = check(REPO).dossier
    assert tab.inner_text("article h1").rstrip("¶") == dossier.title
    assert tab.is_visible("header.md-header") and tab.is_visible("input.md-search__input")
    # The theme's stylesheet is applied: the header is fixed at the top, in the primary colour.
    assert tab.eval_on_selector("header.md-header", "h => getComputedStyle(h).position") == "sticky"
    nav = tab.eval_on_selector_all("nav.md-nav--primary .md-nav__link", "ls => ls.map(l => l.innerText.trim())")
    assert set(INDEX_PAGES.values()) <= set(nav)
    assert tab.console.errors == []


@pytest.mark.parametrize("query, page", [
    ("Kuznestova", "people/anna-kuznetsova/"),  # a misspelling one source uses
    ("Daesh", "organizations/islamic-state/"),
    ("Abdel Mahdi", "people/adel-abdul-mahdi/"),
    ("Bagdad", "places/baghdad/"),
    ("Kadyroff", "people/ramzan-kadyrov/"),  # a typo: two edits from "Kadyrov" (dossier.js)
    ("Kuznetsowa", "people/anna-kuznetsova/"),  # one edit
])
def test_searching_an_alias_finds_its_entity_first_and_opens_it(served, tab, query, page):
    tab.goto(served, wait_until="networkidle")
    results = search(tab, query)
    assert results[0] == served + page
    tab.click(".md-search-result__item > a")
    tab.wait_for_load_state()
    assert tab.url.split("?")[0] == served + page
    assert tab.console.errors == []


def test_a_citation_lands_on_its_highlighted_paragraph(served, tab):
    seen = follow_first_citation(tab, served + "people/anna-kuznetsova/")
    assert "/sources/" in tab.url
    assert_on_cited_paragraph(seen)
    assert tab.console.errors == []


def test_the_disagreements_page_shows_every_disagreement_side_by_side(served, tab):
    resolved = check(REPO)
    tab.goto(served + "disagreements/")
    # Each h3 (a disagreement, under the h2 of its kind) with the first column (the values)
    # of the table that follows it.
    sections = dict(tab.evaluate("""() => [...document.querySelectorAll('article h3')].map(h => {
        let el = h.nextElementSibling;
        while (el && !['H2', 'H3'].includes(el.tagName) && !el.querySelector('table')) el = el.nextElementSibling;
        const rows = el && !['H2', 'H3'].includes(el.tagName) ? [...el.querySelectorAll('tbody tr')] : [];
        return [h.innerText.replace('¶', '').trim(),
                rows.map(r => [r.cells[0].querySelector('strong').innerText.trim(), r.cells[0].innerText])];
    })"""))
    assert len(sections) == len(resolved.disagreements) > 0
    for d in resolved.disagreements:
        heading = f"{resolved.entities[d.entity_id].sheet.name}: {d.property}"
        assert {value for value, _ in sections[heading]} == {value for value, _ in d.values}, heading
        assert len(d.values) >= 2
        for value, claims in d.values:  # each value with when it applies and what it counts
            cells = [cell for shown, cell in sections[heading] if shown == value]
            for claim in claims:
                if claim.claim.as_of:
                    assert any(f"as of {claim.claim.as_of.label}" in cell for cell in cells), (heading, value)
                if claim.claim.scope:
                    assert any(f"counting {claim.claim.scope}" in cell for cell in cells), (heading, value)


def test_index_pages_log_no_errors(served, tab):
    for md_path in INDEX_PAGES:
        tab.goto(page_url(served, md_path), wait_until="networkidle")
    assert tab.console.errors == []


def test_a_link_to_an_entity_previews_it_on_hover_and_on_focus(served, tab):
    tab.goto(served + "people/anna-kuznetsova/")
    link = tab.locator(".md-content a[href*='events/first-repatriation-flight/']").first
    link.hover()
    card = tab.locator("#dossier-card")
    card.wait_for(state="visible")
    assert card.inner_text().splitlines()[:3] == ["EVENT", "Thirty children flown from Baghdad to Moscow",
                                                 "30 December 2018"]
    assert link.get_attribute("aria-describedby") == "dossier-card"
    tab.mouse.move(5, 5)
    card.wait_for(state="hidden")
    link.focus()  # keyboard readers get the same card
    card.wait_for(state="visible")
    tab.keyboard.press("Escape")
    card.wait_for(state="hidden")
    assert tab.console.errors == []


@pytest.mark.parametrize("page", ["graph/", "people/anna-kuznetsova/", "places/russia/"])
def test_graph_labels_as_drawn_cover_no_other_label_or_mark(served, tab, page):
    """Measured on the fonts Chromium really uses, not on the builder's estimate."""
    tab.goto(served + page, wait_until="networkidle")
    found = tab.evaluate("""() => {
        const svg = document.querySelector('.dossier-graph-svg');
        const box = el => { const b = el.getBBox(); return [b.x, b.y, b.x + b.width, b.y + b.height]; };
        const nodes = [...svg.querySelectorAll('a.node')];
        return nodes.map(a => ({mark: box(a.querySelector('circle')),
                                label: a.querySelector('text') ? box(a.querySelector('text')) : null}));
    }""")
    meet = lambda a, b: a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]
    labelled = [n for n in found if n["label"]]
    assert len(labelled) >= 0.6 * len(found) > 0
    for i, node in enumerate(labelled):
        assert not any(meet(node["label"], other["label"]) for other in labelled[i + 1:])
        assert not any(meet(node["label"], other["mark"]) for other in found if other is not node)
