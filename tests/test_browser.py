"""The built site in real Chromium (Debian's, driven by Playwright): search finds
entities by their aliases, first."""

import functools
import os
import shutil
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from builder.pipeline import Project, build
from conftest import REPO, copy_dossier

CHROMIUM = "/usr/bin/chromium"
pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    if not shutil.which(CHROMIUM) and not os.environ.get("CI"):
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    root = copy_dossier(REPO, tmp_path_factory.mktemp("browser") / "dossier")
    build(Project(root))
    handler = functools.partial(SimpleHTTPRequestHandler, directory=str(root / "site"))
    handler.log_message = lambda *args: None
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        yield chromium
        chromium.close()


@pytest.mark.parametrize("query, page", [
    ("Kuznestova", "people/anna-kuznetsova/"),
    ("Daesh", "organizations/islamic-state/"),
    ("Abdel Mahdi", "people/adel-abdul-mahdi/"),
    ("Bagdad", "places/baghdad/"),
])
def test_searching_an_alias_finds_its_entity_first(served, browser, query, page):
    tab = browser.new_page()
    errors = []
    tab.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    tab.goto(served, wait_until="networkidle")  # the search index is loaded
    for _ in range(10):  # the search worker may still be starting: type again until it answers
        tab.click("input.md-search__input")
        tab.fill("input.md-search__input", "")
        tab.keyboard.type(query)
        try:
            tab.wait_for_selector(".md-search-result__item", timeout=2000)
            break
        except PlaywrightTimeout:
            continue
    first = None
    for _ in range(20):  # results come from a web worker: wait until they settle
        tab.wait_for_timeout(250)
        now = tab.eval_on_selector(".md-search-result__item > a", "a => a.getAttribute('href')")
        if now == first:
            break
        first = now
    assert first.split("?")[0] == served + page
    tab.click(".md-search-result__item > a")
    tab.wait_for_load_state()
    assert tab.url.split("?")[0] == served + page
    assert errors == []
    tab.close()
