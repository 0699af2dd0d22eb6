"""Screenshots of the pages a reader meets first, at desktop and phone widths, written to
build/screenshots/ for a person to look at; and what can be checked without eyes: nothing
is wider than the screen and the page title is in view."""

import pytest

from browsing import SCREENSHOTS
from builder.commands.build import check

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SIZES = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}


def pages(root) -> dict[str, str]:
    resolved = check(root)
    person = max(resolved.by_kind("people"), key=lambda e: (len(e.claims), e.id))
    source = max(resolved.articles, key=lambda s: (len(resolved.articles[s].highlights), s))
    return {"home": "", "person": f"people/{person.id}/", "source": f"sources/{source}/",
            "timeline": "events/", "people": "people/", "sources": "sources/"}


@pytest.mark.parametrize("size", SIZES)
def test_screenshots_fit_the_screen(real_dossier, served, browser, size):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    tab = browser.new_page(viewport=SIZES[size], is_mobile=size == "phone", has_touch=size == "phone")
    for name, page in pages(real_dossier).items():
        tab.goto(served + page, wait_until="networkidle")
        tab.screenshot(path=SCREENSHOTS / f"{name}-{size}.png")
        tab.screenshot(path=SCREENSHOTS / f"{name}-{size}-full.png", full_page=True)
        overflow = tab.evaluate("() => document.documentElement.scrollWidth - innerWidth")
        assert overflow <= 0, f"{name} at {size} is {overflow}px wider than the screen"
        cut = tab.evaluate("() => Array.from(document.querySelectorAll('.md-typeset__scrollwrap'))"
                           ".filter(w => w.scrollWidth > w.clientWidth + 1).length")
        assert cut == 0, f"{name} at {size}: {cut} table(s) cut off at the right edge"
        box = tab.locator("article h1").bounding_box()
        assert box and 0 <= box["y"] < SIZES[size]["height"] / 2 and box["x"] >= 0, (name, box)
    tab.close()
    print(f"screenshots in {SCREENSHOTS}")
