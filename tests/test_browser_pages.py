"""Entity pages a reader can take in on any screen: the most cited person and event pages of
the bundled dossier fit the heights issue 26 set (2,500 px at 1280 px wide, 3,500 px at
390), and the references that make them short are one click (or one mark) away."""

import pytest

from builder.commands.build import check

pytestmark = [pytest.mark.browser, pytest.mark.slow]

LIMITS = {1280: 2500, 390: 3500}


def most_cited(resolved, kind: str) -> str:
    """The entity of a kind whose page cites the most: its claims' and key facts' citations."""
    def citations(info):
        return sum(len(c.citations) for c in info.claims) + sum(len(f.citations) for f in info.facts.values())
    return max(resolved.by_kind(kind), key=lambda info: (citations(info), info.id)).id


@pytest.mark.parametrize("width", sorted(LIMITS))
@pytest.mark.parametrize("kind", ["people", "events"])
def test_the_most_cited_person_and_event_pages_fit_the_height(real_dossier, served, browser, kind, width):
    page_id = most_cited(check(real_dossier), kind)
    tab = browser.new_page(viewport={"width": width, "height": 900})
    tab.goto(f"{served}{kind}/{page_id}/", wait_until="networkidle")
    height = tab.evaluate("document.documentElement.scrollHeight")
    overflow = tab.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    tab.close()
    assert height <= LIMITS[width], (page_id, width, height)
    assert overflow <= 0, (page_id, width, overflow)


def test_a_reference_mark_opens_the_collapsed_references_at_its_quote(real_dossier, served, browser):
    page_id = most_cited(check(real_dossier), "events")
    tab = browser.new_page(viewport={"width": 390, "height": 844})
    tab.goto(f"{served}events/{page_id}/", wait_until="networkidle")
    assert not tab.locator("details.dossier-references").evaluate("d => d.open")
    mark = tab.locator(".dossier-infobox sup.dossier-refs a").first
    target = mark.get_attribute("href")
    mark.click()
    tab.wait_for_timeout(300)
    assert tab.locator("details.dossier-references").evaluate("d => d.open")
    box = tab.locator(target).bounding_box()
    assert box and 0 <= box["y"] < 844, box  # the reference is on screen
    tab.close()
