"""The pages about the whole dossier: home, the indexes of each kind and of the sources,
the timeline, "Where sources differ", the map, the ties and the changes. They read all of
the model, so they are rendered on every build, in groups (OVERVIEW_PARTS) that render side
by side with the pages that changed."""

from __future__ import annotations

import functools
from collections.abc import Callable

from ..model.changes import NO_HISTORY, History
from ..model.sheets import ENTITY_KINDS
from ..resolve.differences import ORDER as DIFFERENCE_ORDER
from ..resolve.resolved import Resolved
from . import points
from .fragments import Fragments
from .map import map_page
from .paths import CHANGES_PAGE, DISAGREEMENTS_PAGE, GRAPH_PAGE, INDEX_PAGES, MAP_PAGE
from .renderer import Renderer
from .ties import graph_page
from .timeline import timeline_page
from .labels import DIFFERENCE_INTRO

# The groups take about as long to render as each other at any size (the sources index and
# the timeline grow with the dossier, the other pages less): one task each.
OVERVIEW_PARTS: tuple[tuple[str, ...], ...] = (
    ("sources/index.md",),
    ("events/index.md",),
    ("people/index.md", "organizations/index.md", "places/index.md", DISAGREEMENTS_PAGE, MAP_PAGE,
     GRAPH_PAGE, CHANGES_PAGE, "index.md"),
)


def overview_pages(rd: Renderer, resolved: Resolved, history: History | None, part: int) -> dict[str, str]:
    """The pages of OVERVIEW_PARTS[part]."""
    by_kind = {k: sorted(resolved.by_kind(k), key=lambda e: e.sheet.name.casefold())
               for k in ENTITY_KINDS}
    timeline = sorted(by_kind["events"], key=lambda e: (e.sheet.date.sort_key, e.sheet.name))
    sources = sorted(resolved.articles.items(),
                     key=lambda kv: (kv[1].source.published.publication_order, kv[0]))

    def disagreements() -> list:
        cited = {e.id: sum(len(c.citations) for c in e.claims) for e in resolved.entities.values()}
        return sorted(resolved.disagreements, key=lambda d: (
            DIFFERENCE_ORDER.index(d.kind), -cited[d.entity_id],
            resolved.entities[d.entity_id].sheet.name.casefold(), d.property))

    def disagreements_page() -> str:
        found = disagreements()
        groups = [(kind, [d for d in found if d.kind == kind]) for kind in DIFFERENCE_ORDER]
        return rd.render(
            "disagreements.md.j2", DISAGREEMENTS_PAGE, disagreements=found,
            groups=[(kind, group) for kind, group in groups if group], difference_intro=DIFFERENCE_INTRO,
            rows=lambda d: points.rows(rd, d, DISAGREEMENTS_PAGE), summary=points.summary,
            qualifiers=Fragments.qualifiers)

    makers: dict[str, Callable[[], str]] = {
        f"{kind}/index.md": functools.partial(rd.render, "kind_index.md.j2", f"{kind}/index.md",
                                              kind=kind, items=by_kind[kind])
        for kind in ("people", "organizations", "places")}
    makers["events/index.md"] = lambda: timeline_page(rd, timeline)
    makers["sources/index.md"] = lambda: rd.render(
        "sources_index.md.j2", "sources/index.md",
        rows=[(source_id, article, len({h.by for h in article.highlights}),
               len({m.entity_id for m in article.mentions})) for source_id, article in sources])
    makers[DISAGREEMENTS_PAGE] = disagreements_page
    makers[MAP_PAGE] = lambda: map_page(rd)
    makers[GRAPH_PAGE] = lambda: graph_page(rd)
    makers[CHANGES_PAGE] = lambda: rd.render("changes.md.j2", CHANGES_PAGE,
                                             history=history or History([], NO_HISTORY))
    makers["index.md"] = lambda: rd.render(
        "home.md.j2", "index.md", by_kind=by_kind, sources=sources, index_pages=INDEX_PAGES,
        claims=sum(len(e.claims) for e in resolved.entities.values()), disagreements=disagreements(),
        key_events=[resolved.entities[resolved.ref(e)] for e in resolved.dossier.key_events])
    assert set(makers) == {path for names in OVERVIEW_PARTS for path in names}
    return {path: makers[path]() for path in OVERVIEW_PARTS[part]}
