"""Accessibility: axe-core (from the npm registry, tests/browser/package.json) injected into
the home page, one page of each kind of entity, a source page and the timeline; no
violation of impact "serious" or "critical"."""

import json

import pytest

from browsing import AXE, need
from builder.model.sheets import ENTITY_KINDS
from builder.commands.build import check

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def pages_to_check(root) -> list[str]:
    resolved = check(root)
    pages = ["", "events/", "map/", "graph/", "data/"]
    for kind in ENTITY_KINDS:  # the entity with the most claims: the fullest page of its kind
        info = max(resolved.by_kind(kind), key=lambda e: (len(e.claims), e.id))
        pages.append(f"{kind}/{info.id}/")
    source = max(resolved.articles, key=lambda s: len(resolved.articles[s].highlights))
    return pages + [f"sources/{source}/"]


def test_pages_have_no_serious_accessibility_violations(real_dossier, served, browser):
    need(AXE, "cd tests/browser && npm ci (make test does it)")
    problems = {}
    for scheme in ("light", "dark"):
        tab = browser.new_page(color_scheme=scheme)
        for page in pages_to_check(real_dossier):
            tab.goto(served + page, wait_until="networkidle")
            tab.add_script_tag(path=str(AXE))
            result = tab.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
            for v in result["violations"]:
                if v["impact"] in ("serious", "critical"):
                    problems[f"{scheme} {page or 'home'}: {v['id']} ({v['impact']})"] = [
                        n["target"] for n in v["nodes"][:5]]
        tab.close()
    assert problems == {}, json.dumps(problems, indent=1)
