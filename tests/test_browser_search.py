"""The sharded search (extra.dossier_search: shards, the default for large dossiers) in
Chromium, served and from the unzipped offline copy: an alias finds its entity first, a
query loads only a few small index files, the copy makes no request but to files, and
hostile names show as text."""

from pathlib import Path

import pytest

from browsing import Console, Offline, built_and_served, search, unzip
from builder.commands.bundle import bundle
from builder.commands.build import Project
from conftest import FIXTURES, append, copy_dossier
from test_browser_hostile import danger

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def sharded(source: Path, target: Path) -> Path:
    root = copy_dossier(source, target)
    append(root / "mkdocs.yml", "extra:\n  dossier_search: shards\n")
    return root


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    with built_and_served(sharded(FIXTURES / "lighthouse", tmp_path_factory.mktemp("shards") / "dossier")) as site:
        yield site


@pytest.fixture(scope="module")
def copy(site, tmp_path_factory):
    root, _ = site
    return unzip(bundle(Project(root)).path, tmp_path_factory.mktemp("unzipped"))


def index_requests(tab) -> list[str]:
    return tab.evaluate("""() => performance.getEntriesByType('resource')
        .map(e => e.name).filter(n => n.includes('/search/'))""")


@pytest.mark.parametrize("query", ["Penhallow", "penhal", "Pénhallow", "Penhalow", "Penhallwo"])
def test_an_alias_finds_its_entity_first_on_the_web(site, browser, query):
    """A whole alias, a prefix being typed, and accents the index folds away."""
    root, url = site
    tab = browser.new_page()
    console = Console(tab)
    tab.goto(url + "sources/", wait_until="networkidle")
    assert index_requests(tab) == []  # nothing is loaded before a query
    results = search(tab, query)
    assert results[0] == url + "people/osric-penhallow/"
    loaded = index_requests(tab)
    assert any(n.endswith("/search/manifest.js") for n in loaded)
    assert 2 <= len(loaded) <= 6, loaded
    assert console.errors == []
    tab.close()


def test_all_words_must_match_and_enter_opens_the_first(site, browser):
    root, url = site
    tab = browser.new_page()
    tab.goto(url)
    tab.keyboard.press("/")  # the shortcut puts the cursor in the box
    tab.keyboard.type("keeper farrowden")
    tab.wait_for_selector(".dossier-search__item")
    status = tab.inner_text(".dossier-search__status")
    assert "matching page" in status
    tab.wait_for_timeout(300)  # the last keystroke's search has answered
    first = tab.eval_on_selector(".dossier-search__item > a", "a => a.href")
    with tab.expect_navigation():
        tab.keyboard.press("Enter")
    assert tab.url == first
    tab.goto(url)
    tab.fill(".dossier-search__input", "zzzqqq")
    tab.wait_for_function("document.querySelector('.dossier-search__status').textContent.includes('No matching')")
    tab.close()


def test_the_offline_copy_searches_from_files_only(copy, browser):
    offline = Offline(browser)
    tab = offline.context.new_page()
    console = Console(tab)
    tab.goto((copy / "index.html").as_uri())
    results = search(tab, "Penhallow")
    assert results[0] == (copy / "people/osric-penhallow/index.html").as_uri()
    with tab.expect_navigation():
        tab.click(".dossier-search__item > a")
    assert tab.url == (copy / "people/osric-penhallow/index.html").as_uri()
    assert not (copy / "search/search_index.js").exists()
    assert console.errors == [] and offline.blocked == []
    offline.close()


def test_hostile_names_in_results_are_text(browser, tmp_path):
    with built_and_served(sharded(FIXTURES / "hostile", tmp_path / "hostile")) as (root, url):
        tab = browser.new_page()
        console = Console(tab)
        tab.goto(url)
        for query in ("Mallory", "onerror", "script"):
            assert search(tab, query), query
            assert tab.evaluate(danger(".dossier-search", "script, iframe, img, svg, b, i")) == [], query
        assert tab.inner_text(".dossier-search__item strong").startswith('Mallory <img src=x onerror=alert("article")>')
        assert console.dialogs == []
        tab.close()


def test_the_search_box_and_its_results_pass_axe(site, browser):
    from browsing import AXE, need

    need(AXE, "cd tests/browser && npm ci (make test does it)")
    root, url = site
    problems = {}
    for scheme in ("light", "dark"):
        tab = browser.new_page(color_scheme=scheme)
        tab.goto(url, wait_until="networkidle")
        search(tab, "Penhallow")
        tab.add_script_tag(path=str(AXE))
        result = tab.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
        for v in result["violations"]:
            if v["impact"] in ("serious", "critical"):
                problems[f"{scheme}: {v['id']}"] = [n["target"] for n in v["nodes"][:5]]
        tab.close()
    assert problems == {}
