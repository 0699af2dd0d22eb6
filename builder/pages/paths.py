"""Where each page is: the paths of pages in the docs folder, and the pages the navigation
lists (its section index pages only: a navigation of every page would put every page into
every page)."""

from __future__ import annotations

INDEX_PAGES = {  # the only pages in the navigation
    "index.md": "Home",
    "events/index.md": "Timeline",
    "people/index.md": "People",
    "organizations/index.md": "Organizations",
    "places/index.md": "Places",
    "sources/index.md": "Sources",
    "disagreements.md": "Where sources differ",
    "map.md": "Map",
    "graph.md": "Ties",
    "changes.md": "Changes",
    "data.md": "Data",
}
KIND_TITLE = {"people": "People", "places": "Places", "organizations": "Organizations",
              "events": "Timeline", "sources": "Sources"}


def entity_page(kind: str, entity_id: str) -> str:
    return f"{kind}/{entity_id}.md"


def source_page(source_id: str) -> str:
    return f"sources/{source_id}.md"


def raw_path(source_id: str) -> str:
    """The published copy of an article: always plain text under a name the builder chooses
    (never the contributor's file name, whose extension could make it HTML, SVG or a page)."""
    return f"sources/raw/{source_id}.txt"
