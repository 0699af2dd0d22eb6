"""What the browser tests (and benchmarks) share: Debian's Chromium through Playwright, a
local web server, a built dossier served, an offline context that blocks (and records) every
request not to file://, a reader's search, and fetching pages from a server under test."""

from __future__ import annotations

import functools
import os
import shutil
import socket
import threading
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
AXE = Path(__file__).parent / "browser" / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = Path(__file__).resolve().parent.parent / "build" / "screenshots"


def need(path: str | Path, how: str) -> None:
    """Skip when a tool is missing on a developer's machine; on CI, missing is a failure."""
    if Path(path).exists():
        return
    if os.environ.get("CI"):
        pytest.fail(f"{path} is missing: {how}")
    pytest.skip(f"{path} is missing: {how}")


@contextmanager
def launch():
    from playwright.sync_api import sync_playwright

    need(CHROMIUM, "apt-get install chromium (make test does it as root)")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@contextmanager
def serve(folder: Path):
    """folder over HTTP on localhost; yields its base URL."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def built_and_served(root: Path):
    """`dossier build` of the dossier at root, then its site over HTTP; yields (root, URL)."""
    from builder.commands.build import Project, build

    build(Project(root))
    with serve(root / "site") as url:
        yield root, url


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str:
    """A page's text ("" while nothing answers); an error page's text too."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except urllib.error.HTTPError as exc:  # the 404 page has content too
        return exc.read().decode("utf-8")
    except OSError:
        return ""


class Offline:
    """A browser context that lets only file:// through and keeps a list of the rest."""

    def __init__(self, browser):
        self.blocked: list[str] = []
        self.context = browser.new_context()
        self.context.route("**/*", self._route)

    def _route(self, route) -> None:
        if route.request.url.startswith("file:"):
            route.continue_()
        else:
            self.blocked.append(route.request.url)
            route.abort()

    def close(self) -> None:
        self.context.close()


class Console:
    """Errors a page logs or throws, and dialogs it opens (a script that should not run)."""

    def __init__(self, page):
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(str(e)))

        def dialog(d) -> None:
            self.dialogs.append(d.message)
            d.dismiss()

        page.on("dialog", dialog)


def search(page, query: str, timeout: float = 20.0, on_first=None, paste: bool = False) -> list[str]:
    """Type query into the search box as a reader does (or paste it at once: one search,
    not one per letter); the result links once they settle. on_first, if given, is called
    the moment the first result shows (for timing). The theme's search box, or Dossier's
    sharded search (dossier-search.js) where the site has it."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    sharded = page.locator(".dossier-search__input").count() > 0
    box = ".dossier-search__input" if sharded else "input.md-search__input"
    item = ".dossier-search__item" if sharded else ".md-search-result__item"
    deadline = time.monotonic() + timeout
    while True:  # the search worker may still be loading the index: type again until it answers
        page.click(box)
        page.fill(box, "")
        if paste:  # the theme searches on key-up: one key after the paste
            page.fill(box, query)
            page.press(box, "End")
        else:
            page.keyboard.type(query)
        try:
            page.wait_for_selector(item, timeout=2000)
            if on_first:
                on_first()
            break
        except PlaywrightTimeout:
            if time.monotonic() > deadline:
                raise
    last: list[str] | None = None
    for _ in range(20):  # results come from a worker in batches: wait until they settle
        page.wait_for_timeout(200)
        now = page.eval_on_selector_all(f"{item} > a", "links => links.map(a => a.href)")
        if now == last:
            break
        last = now
    return [href.split("?")[0] for href in last or []]


def follow_first_citation(tab, entity_url: str) -> dict:
    """Follow a claim's reference mark on an entity page to its numbered reference, then
    the reference to its source; what the reader then sees."""
    tab.goto(entity_url)
    mark = tab.locator(".dossier-claim .dossier-refs a").first
    mark.click()
    tab.wait_for_function("location.hash.startsWith('#ref-')")
    reference = tab.locator("li:target")
    link = reference.locator("a[href*='#line-']").first
    quote = reference.inner_text()
    link.click()
    tab.wait_for_function("location.hash.startsWith('#line-')")
    tab.wait_for_timeout(300)  # the scroll to the anchor
    return tab.evaluate("""() => {
        const t = document.querySelector(':target');
        const r = t.getBoundingClientRect();
        const header = document.querySelector('header.md-header').getBoundingClientRect();
        return {cls: t.className, marks: [...t.querySelectorAll('mark.dossier-cited')].map(m => m.innerText),
                top: r.top, headerBottom: header.bottom, viewport: innerHeight,
                background: getComputedStyle(t).backgroundColor};
    }""") | {"quote": quote}


def assert_on_cited_paragraph(seen: dict) -> None:
    assert "dossier-para" in seen["cls"]
    assert seen["marks"], "the cited words are marked in the paragraph"
    # The quoted words (or, for a quote with '...', its first part) are among the marked ones.
    first_part = seen["quote"].split("—")[0].strip().strip("“”").split("...")[0].split("…")[0].strip()
    assert any(first_part[:30] in m for m in seen["marks"]), (first_part, seen["marks"])
    # The paragraph is in view below the fixed header, with the target highlight.
    assert seen["headerBottom"] <= seen["top"] < seen["viewport"]
    assert seen["background"] not in ("rgba(0, 0, 0, 0)", "transparent")


def unzip(zip_path: Path, target: Path) -> Path:
    """The one folder inside the zip, unpacked under target."""
    shutil.unpack_archive(zip_path, target)
    (folder,) = [p for p in target.iterdir() if p.is_dir()]
    return folder
