"""Where each page is: the paths of pages in the docs folder, and the pages the navigation
lists (its section index pages only: a navigation of every page would put every page into
every page).

Every page is the index.md of its own folder (people/anna-kuznetsova/index.md, not
people/anna-kuznetsova.md; its address is people/anna-kuznetsova/ all the same): its
source file and its HTML are in the same folder, so a relative link in the page's HTML
means the same whether it is read from the address, as MkDocs and browsers read it, or from
the source file, as Zensical reads every link of a page (it rewrites them for the address).
"""

from __future__ import annotations

DISAGREEMENTS_PAGE = "disagreements/index.md"
MAP_PAGE = "map/index.md"
GRAPH_PAGE = "graph/index.md"
CHANGES_PAGE = "changes/index.md"
DATA_PAGE = "data/index.md"
INDEX_PAGES = {  # the only pages in the navigation
    "index.md": "Home",
    "events/index.md": "Timeline",
    "people/index.md": "People",
    "organizations/index.md": "Organizations",
    "places/index.md": "Places",
    "sources/index.md": "Sources",
    DISAGREEMENTS_PAGE: "Where sources differ",
    MAP_PAGE: "Map",
    GRAPH_PAGE: "Ties",
    CHANGES_PAGE: "Changes",
    DATA_PAGE: "Data",
}
KIND_TITLE = {"people": "People", "places": "Places", "organizations": "Organizations",
              "events": "Timeline", "sources": "Sources"}


def entity_page(kind: str, entity_id: str) -> str:
    return f"{kind}/{entity_id}/index.md"


def source_page(source_id: str) -> str:
    return f"sources/{source_id}/index.md"


def raw_path(source_id: str) -> str:
    """The published copy of an article: always plain text under a name the builder chooses
    (never the contributor's file name, whose extension could make it HTML, SVG or a page)."""
    return f"sources/raw/{source_id}.txt"
