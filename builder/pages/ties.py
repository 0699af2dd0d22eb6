"""The ties between entities (derived.py finds them) as the graph view draws them
(views/graph.py): the Ties page, with the most tied entities of the dossier, and the ties
around one entity on its page."""

from __future__ import annotations

from collections import defaultdict

from markupsafe import Markup

from ..resolve.resolved import EntityInfo
from .derived import COCITED
from .renderer import Renderer
from .views.graph import EGO_LABEL_CHARS, Edge, Node, ego_positions, graph_svg, whole_graph

MAX_EGO = 24  # ties drawn around an entity on its page
MAX_GRAPH_NODES = 120  # the whole-dossier graph keeps the most connected entities


def graph_page(rd: Renderer) -> str:
    page = "graph.md"
    ties = rd.ties
    drawn = [t for t in ties if t[1] != COCITED]  # co-citation: listed, and drawn on entity pages
    degree: dict[str, int] = defaultdict(int)
    for a, _, b, _, _ in drawn:
        degree[a] += 1
        degree[b] += 1
    kept = sorted(degree, key=lambda i: (-degree[i], i))[:MAX_GRAPH_NODES]
    keep = set(kept)
    nodes = [Node(i, rd.name_of(i), rd.r.entities[i].kind, rd.view_href(page, i)) for i in sorted(keep)]
    edges = [Edge(a, b, kind) for a, kind, b in {t[:3] for t in drawn} if a in keep and b in keep]
    edges.sort(key=lambda e: (e.a, e.kind, e.b))
    view = whole_graph(nodes, edges, width=1000)
    grouped: dict[tuple, list] = defaultdict(list)
    for a, kind, b, sheet, anchor in ties:
        if a not in keep or b not in keep:
            continue  # the ties of entities left out of the picture are on their own pages
        label = rd.source_label(sheet) if sheet in rd.r.articles else rd.name_of(sheet)
        grouped[(a, kind, b)].append((sheet, anchor, label))
    listed = [(*tie, where) for tie, where in grouped.items()]  # ties is sorted: so is this
    return rd.render("graph.md.j2", page, view=Markup(view), ties=listed, shown=len(nodes), total=len(degree))


def ego_view(rd: Renderer, info: EntityInfo, page: str) -> Markup:
    ties = sorted({t[:3] for t in rd.ties_of(info.id)})
    count: dict[str, int] = defaultdict(int)
    for a, _, b in ties:
        count[b if a == info.id else a] += 1
    # The most tied first, at most MAX_EGO around the entity; its page lists the rest.
    nearest = sorted(count, key=lambda i: (-count[i], rd.name_of(i).casefold()))[:MAX_EGO]
    others = sorted(nearest, key=lambda i: rd.name_of(i).casefold())
    ties = [t for t in ties if t[0] in nearest or t[2] in nearest]
    if not others:
        return Markup("")
    nodes = [Node(i, rd.name_of(i), rd.kind_of(i), rd.view_href(page, i))
             for i in [info.id, *others]]
    edges = [Edge(a, b, kind) for a, kind, b in ties]
    return Markup(graph_svg(nodes, edges, ego_positions(info.id, others, 700, 420), 700, 420,
                            center=info.id, label_chars=EGO_LABEL_CHARS))
