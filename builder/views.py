"""Pictures of the dossier drawn at build time as SVG: a timeline, a map and a graph of ties.

SVG written by Python is the same on every build, shows without JavaScript (from
`file://`, in print, in Zensical) and loads nothing. Every text in it comes from the
dossier and is escaped here (`_t`); every mark is a link to the page it stands for, with a
<title> that browsers show on hover and screen readers read. Each view has a text
equivalent on its page (the timeline's list, the map's list of places, the ties on each
entity page).
"""

from __future__ import annotations

import html
import json
import math
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache
from pathlib import Path

VENDOR = Path(__file__).parent / "vendor"
CHAR_WIDTH = 6.4  # average width of a 12 px label character, for packing labels
ZOOMS = (("years", 1), ("months", 6), ("days", 36))  # the timeline's scales: width factor


def _t(text: object) -> str:
    """Text for SVG: escaped, so no name can add markup."""
    return html.escape(str(text), quote=True)


# -- timeline -------------------------------------------------------------------------

@dataclass
class TimeItem:
    id: str
    name: str
    start: date
    end: date  # the last day of the period
    precision: str  # day, month, year, part (early/mid/late, a season), range
    label: str  # the date as readers see it
    href: str
    lane: str
    sources: list[str] = field(default_factory=list)


def _year_start(d: date) -> date:
    return date(d.year, 1, 1)


def timeline_svg(items: list[TimeItem], zoom: int = 1, width: int = 920) -> str:
    """Events on a time axis, one lane per `lane`; a date known to a day is a dot, a month, a
    year or a range is a bar over the whole period, and a vague period (early, late, a
    season) a bar that fades at both ends: uncertainty is drawn, not hidden."""
    if not items:
        return ""
    t0 = _year_start(min(i.start for i in items))
    t1 = date(max(i.end for i in items).year + 1, 1, 1)
    days = max((t1 - t0).days, 1)
    left, top, row_h = 8, 34, 26
    plot = (width - left - 8) * zoom
    x = lambda d: left + (d - t0).days / days * plot
    lanes: dict[str, list[list[float]]] = {}  # lane -> rows -> the x where each row is free
    placed = []
    for item in sorted(items, key=lambda i: (i.start, i.end, i.name)):
        x0, x1 = x(item.start), max(x(item.end + timedelta(days=1)), x(item.start) + 6)
        text_end = x1 + 6 + CHAR_WIDTH * min(len(item.name), 48)
        rows = lanes.setdefault(item.lane, [])
        row = next((n for n, free in enumerate(rows) if free[0] <= x0 - 4), None)
        if row is None:
            rows.append([0.0])
            row = len(rows) - 1
        rows[row][0] = text_end
        placed.append((item, row, x0, x1))
    lane_top, y = {}, top
    for lane in lanes:
        lane_top[lane] = y + 18
        y += 18 + row_h * len(lanes[lane]) + 8
    height = y + 4
    total = max(left + plot + 8, max(free[0] for rows in lanes.values() for free in rows) + 8)
    out = [f'<svg class="dossier-view dossier-timeline-svg" width="{total:.0f}" height="{height}" '
           f'viewBox="0 0 {total:.0f} {height}" role="group" aria-label="Timeline of {len(items)} events" '
           'xmlns="http://www.w3.org/2000/svg">',
           '<defs><linearGradient id="dossier-fuzzy"><stop offset="0" stop-opacity="0"/>'
           '<stop offset=".3" stop-opacity="1"/><stop offset=".7" stop-opacity="1"/>'
           '<stop offset="1" stop-opacity="0"/></linearGradient></defs>']
    # axis: years, and months when they are wide enough to label
    month_w = plot / days * 30.4
    d = t0
    while d < t1:
        xd = x(d)
        if d.month == 1:
            out.append(f'<line class="tick-year" x1="{xd:.1f}" y1="14" x2="{xd:.1f}" y2="{height}"/>'
                       f'<text class="tick" x="{xd + 3:.1f}" y="12">{d.year}</text>')
        elif month_w >= 28:
            out.append(f'<line class="tick-month" x1="{xd:.1f}" y1="20" x2="{xd:.1f}" y2="{height}"/>'
                       f'<text class="tick tick-small" x="{xd + 2:.1f}" y="28">{d.strftime("%b")}</text>')
        d = date(d.year + (d.month == 12), d.month % 12 + 1, 1)
    for lane, y0 in lane_top.items():
        out.append(f'<text class="lane" x="{left}" y="{y0 - 4}">{_t(lane)}</text>')
    for item, row, x0, x1 in placed:
        cy = lane_top[item.lane] + row * row_h + row_h / 2
        tip = f"{item.name} — {item.label}" + (f" — sources: {'; '.join(item.sources)}" if item.sources else "")
        out.append(f'<a href="{_t(item.href)}" class="item item-{_t(item.precision)}"><title>{_t(tip)}</title>')
        if item.precision == "day":
            out.append(f'<circle cx="{x0:.1f}" cy="{cy:.1f}" r="5"/>')
        else:
            out.append(f'<rect x="{x0:.1f}" y="{cy - 6:.1f}" width="{x1 - x0:.1f}" height="12" rx="3"/>')
        label = item.name if len(item.name) <= 48 else item.name[:47] + "…"
        out.append(f'<text x="{max(x1, x0 + 5) + 6:.1f}" y="{cy + 4:.1f}">{_t(label)}</text></a>')
    out.append("</svg>")
    return "".join(out)


def zoomable_timeline(items: list[TimeItem], name: str) -> str:
    """The timeline at each scale of ZOOMS, one shown at a time by radio buttons (CSS only:
    works without JavaScript and from file://); the picture scrolls sideways."""
    if not items:
        return ""
    parts = [f'<div class="dossier-timeline" data-search-exclude="">']
    for n, (label, _) in enumerate(ZOOMS):
        checked = " checked" if n == 0 else ""
        parts.append(f'<input type="radio" name="{name}" id="{name}-{label}" class="zoom-{n}"{checked}>'
                     f'<label for="{name}-{label}">{label.capitalize()}</label>')
    for n, (_, factor) in enumerate(ZOOMS):
        parts.append(f'<div class="dossier-scroll view-{n}">{timeline_svg(items, factor)}</div>')
    parts.append("</div>")
    return "".join(parts)


# -- map --------------------------------------------------------------------------------

@dataclass
class MapPoint:
    id: str
    name: str
    lat: float
    lon: float
    href: str
    events: list[str] = field(default_factory=list)  # names of the events there


@cache
def _countries() -> list[list[list[tuple[float, float]]]]:
    """Country outlines (lon, lat rings) from world-atlas's TopoJSON (Natural Earth 1:110m)."""
    topo = json.loads((VENDOR / "world-atlas" / "countries-110m.json").read_text(encoding="utf-8"))
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)

    def ring(indexes: list[int]) -> list[tuple[float, float]]:
        points: list[tuple[float, float]] = []
        for i in indexes:
            arc = arcs[i] if i >= 0 else arcs[~i][::-1]
            points.extend(arc if not points else arc[1:])
        return points

    shapes = []
    for geometry in topo["objects"]["countries"]["geometries"]:
        polygons = geometry.get("arcs", [])
        if geometry["type"] == "Polygon":
            polygons = [polygons]
        shapes.append([ring(r) for polygon in polygons for r in polygon])
    return shapes


def map_svg(points: list[MapPoint], width: int = 920, height: int = 520) -> str:
    """Country outlines and a marker per place, framed on the places (equirectangular, so
    a reader can compare it with any atlas); nothing is fetched."""
    if not points:
        return ""
    lons, lats = [p.lon for p in points], [p.lat for p in points]
    span = max(max(lons) - min(lons), (max(lats) - min(lats)) * width / height, 20.0) * 1.6  # room for labels
    cx, cy = (max(lons) + min(lons)) / 2, (max(lats) + min(lats)) / 2
    scale = width / span
    west, north = cx - span / 2, cy + height / scale / 2
    px = lambda lon, lat: ((lon - west) * scale, (north - lat) * scale)
    out = [f'<svg class="dossier-view dossier-map-svg" viewBox="0 0 {width} {height}" role="group" '
           f'aria-label="Map of {len(points)} places" xmlns="http://www.w3.org/2000/svg">',
           f'<rect class="sea" width="{width}" height="{height}"/>']
    for shape in _countries():
        d = []
        for ring in shape:
            xs = [px(lon, lat) for lon, lat in ring]
            if all(x < -50 or x > width + 50 for x, _ in xs) or all(y < -50 or y > height + 50 for _, y in xs):
                continue
            d.append("M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in xs) + "Z")
        if d:
            out.append(f'<path class="land" d="{"".join(d)}"/>')
    for p in sorted(points, key=lambda p: (-p.lat, p.lon, p.id)):
        x, y = px(p.lon, p.lat)
        tip = p.name + (f" — {'; '.join(p.events)}" if p.events else "")
        out.append(f'<a href="{_t(p.href)}" class="place"><title>{_t(tip)}</title>'
                   f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{5 + min(len(p.events), 6)}"/>'
                   f'<text x="{x + 9:.1f}" y="{y + 4:.1f}">{_t(p.name)}</text></a>')
    out.append("</svg>")
    return "".join(out)


# -- graph --------------------------------------------------------------------------------

@dataclass
class Node:
    id: str
    name: str
    kind: str
    href: str


@dataclass
class Edge:
    a: str
    b: str
    kind: str  # role, participant, place, within, part of, based in, co-cited


def layout(nodes: list[Node], edges: list[Edge], iterations: int = 120, seed_angle: float = 2.399963) -> dict[str, tuple[float, float]]:
    """Fruchterman-Reingold force layout from a fixed start (nodes on a golden-angle spiral):
    the same graph always gets the same picture. O(n²) per step: callers cap n."""
    n = len(nodes)
    pos = {node.id: [math.sqrt(i + 0.5) * math.cos(i * seed_angle), math.sqrt(i + 0.5) * math.sin(i * seed_angle)]
           for i, node in enumerate(nodes)}
    k = 1.8
    gravity = 0.12
    temperature = math.sqrt(n) / 2 + 0.5
    ids = [node.id for node in nodes]
    for _ in range(iterations):
        move = {i: [0.0, 0.0] for i in ids}
        for a_index, a in enumerate(ids):
            ax, ay = pos[a]
            for b in ids[a_index + 1:]:
                dx, dy = ax - pos[b][0], ay - pos[b][1]
                dist2 = dx * dx + dy * dy or 1e-6
                force = k * k / dist2
                move[a][0] += dx * force
                move[a][1] += dy * force
                move[b][0] -= dx * force
                move[b][1] -= dy * force
        for e in edges:
            dx, dy = pos[e.a][0] - pos[e.b][0], pos[e.a][1] - pos[e.b][1]
            dist = math.sqrt(dx * dx + dy * dy) or 1e-6
            force = dist / k
            move[e.a][0] -= dx * force
            move[e.a][1] -= dy * force
            move[e.b][0] += dx * force
            move[e.b][1] += dy * force
        for i in ids:  # gravity: parts of the graph that are not tied stay near the middle
            move[i][0] -= pos[i][0] * gravity
            move[i][1] -= pos[i][1] * gravity
        for i in ids:
            dx, dy = move[i]
            length = math.sqrt(dx * dx + dy * dy) or 1e-6
            step = min(length, temperature)
            pos[i][0] += dx / length * step
            pos[i][1] += dy / length * step
        temperature *= 0.96
    return {i: (p[0], p[1]) for i, p in pos.items()}


def graph_svg(nodes: list[Node], edges: list[Edge], positions: dict[str, tuple[float, float]],
              width: int = 920, height: int = 760, center: str | None = None, pad: int = 70) -> str:
    """Nodes (a colour and a shape per kind) and labelled ties; each node links to its page."""
    if not nodes:
        return ""
    def axis(values: list[float], size: int, before: int, after: int):
        """Scale on the middle 90% of the nodes, so that a few far away (a separate group)
        do not squeeze the rest; those are drawn at the edge."""
        ordered = sorted(values)
        cut = len(ordered) // 20
        lo, hi = ordered[cut], ordered[-1 - cut]
        scale = (size - before - after) / ((hi - lo) or 1)
        return lambda v: min(max(before + (v - lo) * scale, before / 2), size - after / 2)

    # labels run to the right of their marks: more room on that side
    fx = axis([positions[n.id][0] for n in nodes], width, 40, pad)
    fy = axis([positions[n.id][1] for n in nodes], height, 40, 40)
    at = {n.id: (fx(positions[n.id][0]), fy(positions[n.id][1])) for n in nodes}
    names = {n.id: n.name for n in nodes}
    degree = {n.id: 0 for n in nodes}
    for e in edges:
        degree[e.a] += 1
        degree[e.b] += 1
    # In a big graph only the hubs carry a label; every node names itself on hover and focus.
    labelled = lambda node_id: len(nodes) <= 40 or degree[node_id] >= 3 or node_id == center
    out = [f'<svg class="dossier-view dossier-graph-svg" viewBox="0 0 {width} {height}" role="group" '
           f'aria-label="Graph of {len(nodes)} entities and {len(edges)} ties" xmlns="http://www.w3.org/2000/svg">']
    for e in edges:
        (x1, y1), (x2, y2) = at[e.a], at[e.b]
        out.append(f'<line class="edge edge-{_t(e.kind.replace(" ", "-"))}" x1="{x1:.1f}" y1="{y1:.1f}" '
                   f'x2="{x2:.1f}" y2="{y2:.1f}"><title>{_t(f"{names[e.a]} — {e.kind} — {names[e.b]}")}</title></line>')
    for n in nodes:
        x, y = at[n.id]
        r = 9 if n.id == center else 6
        out.append(f'<a href="{_t(n.href)}" class="node node-{_t(n.kind)}{" node-center" if n.id == center else ""}">'
                   f'<title>{_t(n.name)}</title><circle cx="{x:.1f}" cy="{y:.1f}" r="{r}"/>'
                   + (f'<text x="{x + r + 3:.1f}" y="{y + 4:.1f}">{_t(n.name if len(n.name) <= 32 else n.name[:31] + "…")}</text>'
                      if labelled(n.id) else "") + '</a>')
    out.append("</svg>")
    return "".join(out)


def ego_positions(center: str, others: list[str]) -> dict[str, tuple[float, float]]:
    """The entity in the middle, its direct ties around it in a circle."""
    pos = {center: (0.0, 0.0)}
    for i, other in enumerate(others):
        angle = 2 * math.pi * i / max(len(others), 1) - math.pi / 2
        pos[other] = (math.cos(angle), math.sin(angle))
    return pos
