"""The ties between entities (derived.py finds them) as the graph view draws them
(views/graph.py): the Ties page, with the most tied entities of the dossier, and the ties
around one entity on its page.

Each picture is drawn twice: for a wide column and, smaller, for a phone (view-ties.css
shows one of them by the width of its column, with container queries), because a picture
scaled down to a phone's width would have labels too small to read. On the Ties page the
phone's picture holds the most tied entities only (the others are in the list and, a tick
away, in the whole picture, which scrolls sideways); around an entity it is a column, its
ties as a list. A legend names the colours of the kinds of entities (on the Ties page
checkboxes that show or hide each kind with its ties) and of the kinds of ties drawn."""

from __future__ import annotations

from collections import defaultdict

from markupsafe import Markup

from ..model.sheets import ENTITY_KINDS
from ..resolve.resolved import EntityInfo
from .derived import COCITED, TIE_KINDS
from .paths import GRAPH_PAGE
from .renderer import Renderer
from .views.graph import (EGO_LABEL_CHARS, Edge, Node, ego_positions, fan_positions, graph_svg, legend,
                          whole_graph)

MAX_EGO = 24  # ties drawn around an entity on its page
MAX_GRAPH_NODES = 120  # the whole-dossier graph keeps the most connected entities
MAX_NARROW_NODES = 16  # the phone's picture of the Ties page keeps fewer still
WIDE, NARROW = 1000, 340  # the pictures' widths in their units: a label is 12 units high
NARROW_LABEL_CHARS = 24
FAN_LABEL_CHARS = 36  # a column of names: the labels have the picture's width to the right
TIE_ORDER = [*TIE_KINDS.values(), COCITED]


def key(nodes: list[Node], edges: list[Edge], filters: bool = False) -> str:
    """The legend of the kinds drawn, in a fixed order: the schema's kinds of entities,
    derived.py's kinds of ties (any other after them, by name)."""
    kinds = sorted({n.kind for n in nodes}, key=lambda k: (ENTITY_KINDS.index(k) if k in ENTITY_KINDS
                                                           else len(ENTITY_KINDS), k))
    ties = sorted({e.kind for e in edges}, key=lambda k: (TIE_ORDER.index(k) if k in TIE_ORDER
                                                          else len(TIE_ORDER), k))
    return legend([(k, k.capitalize()) for k in kinds], ties, filters=filters)


def graph_page(rd: Renderer) -> str:
    page = GRAPH_PAGE
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
    view = whole_graph(nodes, edges, width=WIDE)
    few = set(kept[:MAX_NARROW_NODES])
    narrow = whole_graph([n for n in nodes if n.id in few], [e for e in edges if e.a in few and e.b in few],
                         width=NARROW, label_chars=NARROW_LABEL_CHARS, outward=False)
    grouped: dict[tuple, list] = defaultdict(list)
    for a, kind, b, sheet, anchor in ties:
        if a not in keep or b not in keep:
            continue  # the ties of entities left out of the picture are on their own pages
        label = rd.source_label(sheet) if sheet in rd.r.articles else rd.name_of(sheet)
        grouped[(a, kind, b)].append((sheet, anchor, label))
    listed = [(*tie, where) for tie, where in grouped.items()]  # ties is sorted: so is this
    return rd.render("graph.md.j2", page, view=Markup(view), narrow=Markup(narrow),
                     legend=Markup(key(nodes, edges, filters=True)), ties=listed, shown=len(nodes),
                     narrow_shown=len(few), total=len(degree))


def ego_view(rd: Renderer, info: EntityInfo, page: str) -> Markup:
    """The ties around an entity, for its page: its legend, the entity amid them (a wide
    column) and the entity atop a column of them (a narrow one)."""
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
    wide = graph_svg(nodes, edges, ego_positions(info.id, others, 700, 420), 700, 420,
                     center=info.id, label_chars=EGO_LABEL_CHARS)
    fan, height = fan_positions(info.id, others)
    narrow = graph_svg(nodes, edges, fan, NARROW, height, center=info.id, label_chars=FAN_LABEL_CHARS)
    return Markup(f'<div class="dossier-ties dossier-ties-ego">{key(nodes, edges)}'
                  f'<div class="dossier-ties-wide">{wide}</div>'
                  f'<div class="dossier-ties-narrow">{narrow}</div></div>')
