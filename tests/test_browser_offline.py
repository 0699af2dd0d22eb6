"""The offline copy, unzipped and opened from file:// in Chromium with every request that is
not to a file blocked and recorded: search, navigation and citations work, and the list of
blocked requests stays empty."""

import re

import pytest

from browsing import Console, Offline, assert_on_cited_paragraph, follow_first_citation, search
from builder.pages.paths import INDEX_PAGES

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def nav(tab, title: str):
    """The visible link of the main navigation with that title."""
    exact = re.compile(rf"^\s*{re.escape(title)}\s*$")
    return tab.locator("nav.md-nav--primary a.md-nav__link", has_text=exact).locator("visible=true").first


@pytest.fixture
def offline(browser):
    context = Offline(browser)
    yield context
    context.close()


@pytest.mark.parametrize("query, page", [
    ("Kuznestova", "people/anna-kuznetsova/index.html"),
    ("Daesh", "organizations/islamic-state/index.html"),
    ("Kadyroff", "people/ramzan-kadyrov/index.html"),  # a typo, forgiven from file:// too
])
def test_search_from_file_finds_an_alias_and_opens_its_page(real_bundle, offline, query, page):
    tab = offline.context.new_page()
    console = Console(tab)
    tab.goto((real_bundle / "index.html").as_uri())
    assert tab.url.startswith("file://")
    results = search(tab, query)
    assert results[0] == (real_bundle / page).as_uri()
    tab.click(".md-search-result__item > a")
    tab.wait_for_load_state()
    assert tab.url.split("?")[0] == (real_bundle / page).as_uri()
    assert tab.inner_text("article h1")
    assert console.errors == [] and offline.blocked == []


def test_reading_the_copy_makes_no_request_but_to_files(real_bundle, offline):
    tab = offline.context.new_page()
    console = Console(tab)
    tab.goto((real_bundle / "index.html").as_uri())
    titles = [*list(INDEX_PAGES.values())[1:], "Home", "About this copy"]
    for title in titles:  # the navigation, as a reader clicks it
        nav(tab, title).click()
        tab.wait_for_load_state()
        assert tab.url.startswith(real_bundle.as_uri()) and tab.url.endswith(".html"), tab.url
        assert tab.inner_text("article h1")
    assert "offline copy" in tab.inner_text("article")
    seen = follow_first_citation(tab, (real_bundle / "people" / "anna-kuznetsova" / "index.html").as_uri())
    assert tab.url.startswith((real_bundle / "sources").as_uri())
    assert_on_cited_paragraph(seen)
    tab.goto((real_bundle / "events" / "index.html").as_uri())
    tab.wait_for_timeout(500)
    assert console.errors == []
    assert offline.blocked == []


@pytest.mark.parametrize("page, selector, folder", [
    ("events/index.html", ".dossier-timeline .view-0 a", "events"),
    ("map/index.html", ".dossier-map-svg a.place", "places"),
    ("graph/index.html", ".dossier-graph-svg a.node", None),
])
def test_each_view_draws_the_dossier_and_its_marks_open_their_pages(real_bundle, offline, page, selector, folder):
    tab = offline.context.new_page()
    console = Console(tab)
    tab.goto((real_bundle / page).as_uri())
    marks = tab.locator(selector)
    assert marks.count() >= 4
    box = marks.first.bounding_box()
    assert box and box["width"] > 0 and box["height"] > 0  # drawn, not just present
    marks.first.click(force=True)
    tab.wait_for_load_state()
    assert tab.url != (real_bundle / page).as_uri() and tab.url.endswith(".html"), tab.url
    assert folder is None or f"/{folder}/" in tab.url
    assert tab.inner_text("article h1")
    assert console.errors == [] and offline.blocked == []
