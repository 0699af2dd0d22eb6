"""Preview cards: every entity a page links to in its text has one on that page (shown by
assets/dossier.js when the link is pointed at), whatever folder the two pages are in. The
names in a picture (SVG) are the picture's own and have none."""

import json
import re

from builder.commands.build import Project, generate
from conftest import FIXTURES, copy_dossier

ENTITY_LINK = re.compile(r'<a href="((?:\.\./)*(?:(?:people|places|organizations|events)/)?[a-z0-9-]+/)"')


def test_each_entity_linked_from_a_page_has_its_card_there(tmp_path):
    root = copy_dossier(FIXTURES / "delta", tmp_path / "delta")
    generate(Project(root))
    checked = 0
    for page in sorted((root / "build/docs").rglob("*.md")):
        text = page.read_text(encoding="utf-8")
        found = re.search(r'<script type="application/json" class="dossier-cards">(.*?)</script>', text)
        cards = {card["href"] for card in json.loads(found.group(1))} if found else set()
        body = re.sub(r"<svg.*?</svg>", "", text.split('<script type="application/json"')[0], flags=re.S)
        linked = set()
        for href in ENTITY_LINK.findall(body):
            target = (page.parent / href).resolve()  # a page is its folder's index.md: pages/paths.py
            if target.parent.name in ("people", "places", "organizations", "events") and target.name != "index":
                linked.add(href)
        assert linked <= cards, (page, sorted(linked - cards)[:3])
        checked += len(linked)
    assert checked > 100
