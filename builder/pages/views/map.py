"""The map: every place of a dossier over the world's country outlines (world-atlas,
vendored), drawn at build time as SVG, framed on what it draws.

A place is drawn one of three ways, decided by pages/map.py: as a point (its coordinates),
as an area (the country outline it names, shaded and labelled), or, having neither, in
italics under the label of the point or area it lies within; a place with none of these
is named in a line under the map, never left out silently.

The projection is equirectangular with its standard parallel at the middle of the frame
(x = lon · cos φ0), so shapes near the frame's latitude keep their proportions and a reader
can still compare it with an atlas. The frame covers every point and the main rings of
every area (a country's far islands would zoom a map of Europe out to South America), with
a tenth of padding on each side and a minimum span, so that a lone point shows its country.

Labels never overlap, by construction. Each is placed, places with more events first, at
its first free candidate: beside its mark, then further out in twelve directions with a
leader line; one that finds none gets a number, and its name goes into a key under the
map. A tight cluster (four points or more whose marks nearly touch, found over a grid) is
drawn again in an inset, a zoomed box in a corner the cluster leaves free (else under the
map), where its labels are placed the same way; in the map it is a framed spot. This
reads best: names stay beside their marks wherever there is room, a cluster gets the room
it needs without numbers, and numbers remain the fallback that always fits. Free space is
a bitmap of 4-unit cells (a bytearray per row), so testing a box costs a few C-level
searches however many labels are near, and placing n labels is O(n). Label widths are
estimated from Verdana's and DejaVu Sans's advance widths (view-map.css asks for them):
wider than most sans-serif fonts, so the estimate errs towards more room.
"""

from __future__ import annotations

import json
import math
import unicodedata
from dataclasses import dataclass, field
from functools import cache

from ...core.resources import VENDOR
from .svg import _t

Ring = list[tuple[float, float]]
Bounds = tuple[float, float, float, float]  # west, east, south, north
Box = tuple[float, float, float, float]  # a label's or mark's room: left, top, right, bottom
Line = tuple[str, str, str, str, float]  # a label's line: text, class, place id, href, font size
SIZE, INSIDE_SIZE, AREA_SIZE = 12.0, 11.0, 13.0  # font sizes of labels (view-map.css)
LINE = 16.0  # the distance between two lines of one label (12 above a baseline, 4 below)
CELL = 4  # the free-space bitmap's cell, in SVG units
MAX_CHARS, MAX_INSIDE = 40, 4  # a label's characters; the places named under a label
CLUSTER, CLUSTER_BOX = 20, 120  # points this close are a cluster, when the whole fits this box
WIDTHS = {**dict.fromkeys("iljI.,:;'!|", 4.0), **dict.fromkeys(" frt()-/", 5.0), **dict.fromkeys("szcJ", 6.6),
          **dict.fromkeys("mwMW—", 12.3)}  # advance widths at 12 px of the characters that differ most


@dataclass
class MapPoint:
    id: str
    name: str
    lat: float
    lon: float
    href: str
    events: list[str] = field(default_factory=list)  # names of the events there


@dataclass
class MapArea:
    """A place drawn as the country outline it names (outline: an index into outlines())."""
    id: str
    name: str
    outline: int
    href: str
    events: list[str] = field(default_factory=list)


@dataclass
class MapInside:
    """A place with neither point nor area, named under the mark of the place it lies in."""
    id: str
    name: str
    href: str
    shown_in: str  # the id of a MapPoint or MapArea


@dataclass
class Unlocated:
    id: str
    name: str
    href: str


@dataclass(frozen=True)
class Outline:
    name: str  # Natural Earth's name ("Dem. Rep. Congo")
    code: str  # ISO 3166-1 numeric ("180"), "" when Natural Earth gives none
    rings: list[tuple[Bounds, Ring]]
    main: Bounds  # the bounds of its main rings (a quarter of the largest's area or more)


def _bounds(ring: Ring) -> Bounds:
    lons, lats = [p[0] for p in ring], [p[1] for p in ring]
    return min(lons), max(lons), min(lats), max(lats)


def _area(ring: Ring) -> float:
    return abs(sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1]))) / 2


@cache
def outlines() -> list[Outline]:
    """Country outlines (lon, lat rings) from world-atlas's TopoJSON (Natural Earth 1:110m),
    with their names and ISO numeric codes; read once."""
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

    def ring(indexes: list[int]) -> Ring:
        points: Ring = []
        for i in indexes:
            arc = arcs[i] if i >= 0 else arcs[~i][::-1]
            points.extend(arc if not points else arc[1:])
        lons = [p[0] for p in points]
        if points and max(lons) - min(lons) > 180:  # cut at 180°: east of it, in one piece
            east = [(lon + 360 if lon < 0 else lon, lat) for lon, lat in points]
            if max(p[0] for p in east) - min(p[0] for p in east) <= 180:
                return east
        return points

    shapes = []
    for geometry in topo["objects"]["countries"]["geometries"]:
        polygons = geometry.get("arcs", [])
        if geometry["type"] == "Polygon":
            polygons = [polygons]
        rings = [ring(r) for polygon in polygons for r in polygon]
        if not rings:
            continue
        largest = max(_area(r) for r in rings)
        main = [_bounds(r) for r in rings if _area(r) >= largest / 4]
        name, code = geometry.get("properties", {}).get("name", ""), str(geometry.get("id", "") or "")
        shapes.append(Outline(name, code,
                              [(_bounds(r), r) for r in rings],
                              (min(b[0] for b in main), max(b[1] for b in main),
                               min(b[2] for b in main), max(b[3] for b in main))))
    return shapes


def text_width(text: str, size: float = SIZE) -> float:
    """The width of a label, from Verdana's and DejaVu Sans's advance widths (the wider of
    the two, rounded up), so that the estimate is rarely smaller than what a browser draws."""
    width = 0.0
    for ch in text:
        w = WIDTHS.get(ch)
        if w is None:  # other letters: capitals and anything not ASCII wider, East Asian wider still
            w = (9.3 if ch.isupper() or ch in "#%&@" else 7.8) if ch.isascii() else (
                12.5 if unicodedata.east_asian_width(ch) in "WF" else 9.3)
        width += w
    return width * size / 12 + 2


def _clip(text: str) -> str:
    return text if len(text) <= MAX_CHARS else text[:MAX_CHARS - 1].rstrip() + "…"


class _Frame:
    """Lon/lat to SVG units: the bounds of what is drawn, padded, at least min_span degrees
    of latitude high, fitted into width × height."""

    def __init__(self, boxes: list[Bounds], width: int, height: int, min_span: float):
        west, east = min(b[0] for b in boxes), max(b[1] for b in boxes)
        south, north = min(b[2] for b in boxes), max(b[3] for b in boxes)
        self.k = max(math.cos(math.radians((south + north) / 2)), 0.25)
        span_x, span_y = (east - west) * self.k * 1.2, (north - south) * 1.2  # a tenth of padding each side
        span_y = max(span_y, min_span, span_x * height / width)
        span_x = max(span_x, span_y * width / height)
        self.scale = width / span_x
        self.x0 = (west + east) / 2 * self.k - span_x / 2
        self.y0 = (south + north) / 2 + span_y / 2

    def __call__(self, lon: float, lat: float) -> tuple[float, float]:
        return (lon * self.k - self.x0) * self.scale, (self.y0 - lat) * self.scale


class _Free:
    """Where nothing is drawn yet: a bitmap of CELL-unit cells, a bytearray per row. Boxes
    are rounded outwards to cells, so two boxes tested free of each other never overlap."""

    def __init__(self, width: float, height: float):
        self.cols, self.rows = int(width // CELL), int(height // CELL)
        self.grid = [bytearray(self.cols) for _ in range(self.rows)]

    def free(self, box: Box) -> bool:
        if box[0] < 0 or box[1] < 0:
            return False
        c0, c1 = int(box[0] / CELL), math.ceil(box[2] / CELL)
        r0, r1 = int(box[1] / CELL), math.ceil(box[3] / CELL)
        if c1 > self.cols or r1 > self.rows:
            return False
        grid = self.grid
        for r in range(r0, r1):
            if grid[r].find(1, c0, c1) >= 0:
                return False
        return True

    def take(self, box: Box) -> None:
        c0, c1 = max(math.floor(box[0] / CELL), 0), min(math.ceil(box[2] / CELL), self.cols)
        r0, r1 = max(math.floor(box[1] / CELL), 0), min(math.ceil(box[3] / CELL), self.rows)
        for r in range(r0, r1):
            self.grid[r][c0:c1] = b"\x01" * (c1 - c0)


# (dx, dy) directions tried around a mark, in order: centred (an area's label, on its anchor),
# right, left, above, below, the diagonals
DIRECTIONS = ((0, 0), (1, 0), (-1, 0), (0, -1), (0, 1), (1, -1), (1, 1), (-1, -1), (-1, 1),
              (1, -0.4), (1, 0.4), (-1, -0.4), (-1, 0.4))


def _candidates(x: float, y: float, r: float, w: float, h: float, rings: int = 6):
    """Label boxes (west, north, east, south) around a mark of radius r at (x, y): beside it,
    then 14, 28, 42, 56 and 84 units further out in more directions (with a leader line)."""
    for ring, far in enumerate((0, 14, 28, 42, 56, 84)[:rings]):
        gap = r + 3 + far
        for dx, dy in DIRECTIONS[0 if r == 0 and not ring else 1:]:
            if not ring and 0 < abs(dy) < 1:
                continue  # beside the mark already covers these
            gx, gy = (gap * 0.75, gap * 0.75 * abs(dy)) if dx and dy else (gap, gap)
            left = x + gx if dx > 0 else x - gx - w if dx < 0 else x - w / 2
            top = y - gy - h if dy < 0 else y + gy if dy > 0 else y - 8
            yield (left, top, left + w, top + h), bool(ring)


@dataclass
class _Label:
    id: str
    href: str
    x: float
    y: float
    r: float
    lines: list[Line]
    title: str
    number: int = 0
    box: Box | None = None
    leader: bool = False


def _block(label: _Label) -> tuple[float, float]:
    return max(text_width(t, s) for t, _, _, _, s in label.lines), LINE * (len(label.lines) - 1) + 16


def _place(labels: list[_Label], free: _Free, first: int) -> list[_Label]:
    """Each label at its first free candidate; the ones without get a number, from first
    on (returned)."""
    numbered = []
    for label in labels:
        w, h = _block(label)
        for box, leader in _candidates(label.x, label.y, label.r, w, h):
            if free.free(box):
                label.box, label.leader = box, leader
                free.take(box)
                break
        else:
            numbered.append(label)
    for n, label in enumerate(numbered, first):
        label.number = n
        w = text_width(str(n), INSIDE_SIZE)
        for box, leader in _candidates(label.x, label.y, label.r, w, 14, 3):
            if free.free(box):
                label.box, label.leader = box, leader
                free.take(box)
                break
    return numbered


def _anchor(outline: Outline, frame: _Frame) -> tuple[float, float]:
    """A point well inside an area, for its label: on the middle line of its largest ring's
    bounds (or a line a sixth or a third above or below), the middle of the widest stretch
    of land that line crosses."""
    bounds, ring = max(outline.rings, key=lambda br: _area(br[1]))
    best = (-1.0, (bounds[0] + bounds[1]) / 2, (bounds[2] + bounds[3]) / 2)
    for part in (0.5, 0.33, 0.67, 0.17, 0.83):
        lat = bounds[2] + (bounds[3] - bounds[2]) * part
        edges = zip(ring, ring[1:] + ring[:1])
        crossings = sorted(x0 + (lat - y0) * (x1 - x0) / (y1 - y0) for (x0, y0), (x1, y1) in edges
                           if (y0 > lat) != (y1 > lat))
        for a, b in zip(crossings[::2], crossings[1::2]):
            if b - a > best[0]:
                best = (b - a, (a + b) / 2, lat)
    return frame(best[1], best[2])


def _land(frame: _Frame, width: int, height: int, only: list[int] | None = None) -> list[str]:
    """The path of each outline (of the `only` ones when given) with a point in the frame;
    rings far outside it are skipped by their bounds first, so a small map does not project
    the world, and a ring across 180° (all its points outside) is left out."""
    west, north = frame.x0 / frame.k - 50 / frame.scale / frame.k, frame.y0 + 50 / frame.scale
    east, south = west + (width + 100) / frame.scale / frame.k, north - (height + 100) / frame.scale
    paths = []
    for i in (range(len(outlines())) if only is None else only):
        d = []
        for (lo_lon, hi_lon, lo_lat, hi_lat), ring in outlines()[i].rings:
            if hi_lon < west or lo_lon > east or hi_lat < south or lo_lat > north:
                continue
            xs = [frame(lon, lat) for lon, lat in ring]
            if all(not -50 <= x <= width + 50 for x, _ in xs) or all(not -50 <= y <= height + 50
                                                                      for _, y in xs):
                continue
            d.append("M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in xs) + "Z")
        paths.append("".join(d))
    return paths


def _lines(name: str, inside: list[MapInside], size: float, cls: str) -> list[Line]:
    """A label's lines: the name, then the places shown within it; past MAX_INSIDE of them,
    one line less and how many more the page lists."""
    shown = inside if len(inside) <= MAX_INSIDE else inside[:MAX_INSIDE - 1]
    lines = [(_clip(name), cls, "", "", size)]
    lines += [(_clip(place.name), "inside", place.id, place.href, INSIDE_SIZE) for place in shown]
    if len(shown) < len(inside):
        lines.append((f"and {len(inside) - len(shown)} more, listed below", "more", "", "", INSIDE_SIZE))
    return lines


def _draw_label(label: _Label) -> str:
    if label.box is None:
        return ""
    x, top = label.box[0], label.box[1]
    if label.number:
        return (f'<a href="{_t(label.href)}" class="num" tabindex="-1" aria-hidden="true">'
                f'<text x="{x + 1:.1f}" y="{top + 11:.1f}">{label.number}</text></a>')
    out = []
    for i, (text, cls, pid, href, _) in enumerate(label.lines):
        y = top + 12 + i * LINE
        if pid:  # a place shown within this one: its own link
            out.append(f'<a href="{_t(href)}" class="inside" data-place="{_t(pid)}"><title>{_t(text)} — '
                       f'shown within {_t(label.lines[0][0])}</title><text x="{x + 1:.1f}" y="{y:.1f}">'
                       f'{_t(text)}</text></a>')
        elif i == 0:
            out.append(f'<a href="{_t(label.href)}" class="{cls}" tabindex="-1" aria-hidden="true">'
                       f'<text x="{x + 1:.1f}" y="{y:.1f}">{_t(text)}</text></a>')
        else:
            out.append(f'<text class="{cls}" x="{x + 1:.1f}" y="{y:.1f}">{_t(text)}</text>')
    return "".join(out)


def _leader(label: _Label) -> str:
    if not label.leader or label.box is None:
        return ""
    w, n, e, s = label.box
    tx, ty = min(max(label.x, w), e), min(max(label.y, n), s)
    dist = math.hypot(tx - label.x, ty - label.y) or 1
    sx, sy = label.x + (tx - label.x) * label.r / dist, label.y + (ty - label.y) * label.r / dist
    return f'<path class="leader" d="M{sx:.1f},{sy:.1f}L{tx:.1f},{ty:.1f}"/>'


def _key(numbered: list[_Label], unlocated: list[Unlocated], width: int, top: float) -> tuple[list, float]:
    """Under the map: the numbered places' names in columns, then the places not on the map."""
    out, y = [], top
    if numbered:
        entries = []  # text, class, place id, href, title
        for label in numbered:
            name = label.lines[0][0]
            entries.append((f"{label.number} {name}", "key", label.id, label.href, label.title))
            entries += [(f"{t} (in {name})", "key inside", pid, href, f"{t} — shown within {name}")
                        for t, _, pid, href, _ in label.lines[1:] if pid]
        column = max(text_width(e[0]) for e in entries) + 16
        per_row = max(1, int((width - 16) // column))
        for i, (text, cls, pid, href, title) in enumerate(entries):
            x, row_y = 8 + (i % per_row) * column, y + 14 + (i // per_row) * LINE
            out.append(f'<a href="{_t(href)}" class="{cls}" data-place="{_t(pid)}"><title>{_t(title)}'
                       f'</title><text x="{x:.1f}" y="{row_y:.1f}">{_t(text)}</text></a>')
        y += 14 + ((len(entries) - 1) // per_row + 1) * LINE
    if unlocated:
        y += 6
        out.append(f'<text class="note" x="8" y="{y + 12:.1f}">Not on the map: no coordinates, no outline '
                   f'and not within a place on it:</text>')
        x, y = 8.0, y + 12 + LINE
        for place in unlocated:
            w = text_width(_clip(place.name)) + 14
            if x > 8 and x + w > width - 8:
                x, y = 8.0, y + LINE
            out.append(f'<a href="{_t(place.href)}" class="key unlocated" data-place="{_t(place.id)}"><title>'
                       f'{_t(place.name)} — not on the map</title><text x="{x:.1f}" y="{y:.1f}">'
                       f'{_t(_clip(place.name))}</text></a>')
            x += w
        y += 4
    return out, y + (8 if out else 0)


def _cluster(xy: dict[str, tuple[float, float]]) -> list[str]:
    """The largest group of four points or more, each within CLUSTER units of another, that
    fits in a CLUSTER_BOX square: found over a grid of CLUSTER-unit cells, in linear time."""
    cells: dict[tuple[int, int], list[str]] = {}
    for pid, (x, y) in sorted(xy.items()):
        cells.setdefault((int(x // CLUSTER), int(y // CLUSTER)), []).append(pid)
    seen, best = set(), []
    for start in sorted(cells):
        if start in seen:
            continue
        seen.add(start)
        group, todo = [], [start]
        while todo:
            cx, cy = todo.pop()
            group += cells[(cx, cy)]
            for near in ((cx + dx, cy + dy) for dx in (-1, 0, 1) for dy in (-1, 0, 1)):
                if near in cells and near not in seen:
                    seen.add(near)
                    todo.append(near)
        xs, ys = [xy[p][0] for p in group], [xy[p][1] for p in group]
        if len(group) > len(best) and max(xs) - min(xs) <= CLUSTER_BOX and max(ys) - min(ys) <= CLUSTER_BOX:
            best = sorted(group)
    return best if len(best) >= 4 else []


def _layer(frame: _Frame, width: float, height: float, points: list[MapPoint], areas: list[MapArea],
           within: dict[str, list[MapInside]], free: _Free, labelled: set[str],
           first: int = 1) -> tuple[list[str], list[_Label]]:
    """Shaded areas, leader lines, marks and labels (of the places in labelled) in one frame."""
    labels = []
    for p in sorted(points, key=lambda p: (-len(p.events), p.name.casefold(), p.id)):
        x, y = frame(p.lon, p.lat)
        r = 5 + min(len(p.events), 6)
        free.take((x - r, y - r, x + r, y + r))
        tip = p.name + (f" — {'; '.join(p.events)}" if p.events else "")
        labels.append(_Label(p.id, p.href, x, y, r, _lines(p.name, within.get(p.id, []), SIZE, "name"), tip))
    for a in sorted(areas, key=lambda a: (-len(a.events), a.name.casefold(), a.id)):
        x, y = _anchor(outlines()[a.outline], frame)
        tip = a.name + (f" — {'; '.join(a.events)}" if a.events else "")
        lines = _lines(a.name, within.get(a.id, []), AREA_SIZE, "area-name")
        labels.append(_Label(a.id, a.href, x, y, 0, lines, tip))
    numbered = _place([label for label in labels if label.id in labelled], free, first)
    by_id = {label.id: label for label in labels}
    out = [f'<path class="land" d="{d}"/>' for d in _land(frame, width, height) if d]
    paths = _land(frame, width, height, [a.outline for a in areas]) if areas else []
    for a, d in sorted(zip(areas, paths), key=lambda ad: (ad[0].name.casefold(), ad[0].id)):
        out.append(f'<a href="{_t(a.href)}" class="area" data-place="{_t(a.id)}"><title>'
                   f'{_t(by_id[a.id].title)}</title><path d="{d}"/></a>')
    out += [_leader(label) for label in labels if label.leader]
    for p in sorted(points, key=lambda p: (-p.lat, p.lon, p.id)):
        label = by_id[p.id]
        out.append(f'<a href="{_t(p.href)}" class="place" data-place="{_t(p.id)}"><title>{_t(label.title)}'
                   f'</title><circle cx="{label.x:.1f}" cy="{label.y:.1f}" r="{label.r}"/></a>')
    return out + [_draw_label(label) for label in labels], numbered


def map_svg(points: list[MapPoint], width: int = 920, height: int = 520, areas: list[MapArea] = (),
            inside: list[MapInside] = (), unlocated: list[Unlocated] = ()) -> str:
    """Country outlines; each area shaded; a marker per point; a label beside each mark
    (or a number and the name in the key), with the places shown within it under it; a
    dense cluster of points drawn again, labelled, in a zoomed inset; the places not on
    the map named under it. Nothing is fetched."""
    if not points and not areas:
        return ""
    boxes = [(p.lon, p.lon, p.lat, p.lat) for p in points] + [outlines()[a.outline].main for a in areas]
    frame = _Frame(boxes, width, height, 16.0 if len(points) == 1 and not areas else 3.0)
    within: dict[str, list[MapInside]] = {}
    for place in sorted(inside, key=lambda p: (p.name.casefold(), p.id)):
        within.setdefault(place.shown_in, []).append(place)
    free, bottom = _Free(width, height), float(height)
    cluster = _cluster({p.id: frame(p.lon, p.lat) for p in points}) if len(points) >= 4 else []
    inset_out, numbered = [], []
    if cluster:
        # the inset: in the first corner it leaves every mark and area label visible, else under the map
        group = [p for p in points if p.id in cluster]
        xy = [frame(p.lon, p.lat) for p in group]
        x0, y0 = min(x for x, _ in xy) - 8, min(y for _, y in xy) - 8
        x1, y1 = max(x for x, _ in xy) + 8, max(y for _, y in xy) + 8
        iw, ih = round(width * 0.4), round(height * 0.5)
        marks = [frame(p.lon, p.lat) for p in points] + [_anchor(outlines()[a.outline], frame) for a in areas]
        corners = [(8, height - ih - 8), (width - iw - 8, height - ih - 8), (width - iw - 8, 8), (8, 8)]
        clear = [(cx, cy) for cx, cy in corners
                 if not any(cx - 12 <= x <= cx + iw + 12 and cy - 12 <= y <= cy + ih + 12
                            for x, y in marks + [(x0, y0), (x1, y1)])]
        ix, iy = clear[0] if clear else (8, height + 8)
        if not clear:
            bottom = height + ih + 16.0
        free.take((ix - 4, iy - 4, ix + iw + 4, iy + ih + 4))
        free.take((x0, y0, x1, y1))
        inset = _Frame([(p.lon, p.lon, p.lat, p.lat) for p in group], iw, ih, 0.05)
        drawn, numbered = _layer(inset, iw, ih, group, areas, within, _Free(iw, ih), set(cluster))
        near = (min(max(ix + iw / 2, x0), x1), min(max(iy + ih / 2, y0), y1))
        far = (min(max(near[0], ix), ix + iw), min(max(near[1], iy), iy + ih))
        inset_out = [f'<path class="connector" d="M{near[0]:.1f},{near[1]:.1f}L{far[0]:.1f},{far[1]:.1f}"/>',
                     f'<rect class="cluster" x="{x0:.1f}" y="{y0:.1f}" width="{x1 - x0:.1f}" '
                     f'height="{y1 - y0:.1f}"/>',
                     f'<svg class="inset" x="{ix}" y="{iy}" width="{iw}" height="{ih}" '
                     f'viewBox="0 0 {iw} {ih}">'
                     f'<rect class="sea" width="{iw}" height="{ih}"/>', *drawn, "</svg>",
                     f'<rect class="inset-frame" x="{ix}" y="{iy}" width="{iw}" height="{ih}"/>']
    labelled = {p.id for p in points if p.id not in cluster} | {a.id for a in areas}
    drawn, more = _layer(frame, width, height, points, areas, within, free, labelled, len(numbered) + 1)
    key, bottom = _key(numbered + more, list(unlocated), width, bottom)
    total = len(points) + len(areas) + len(inside)
    return "".join([f'<svg class="dossier-view dossier-map-svg" viewBox="0 0 {width} {bottom:.0f}" '
                    f'role="group" aria-label="Map of {total} places; the list of places says where each is '
                    'in words" xmlns="http://www.w3.org/2000/svg">',
                    f'<rect class="sea" width="{width}" height="{height}"/>', *drawn, *inset_out, *key,
                    "</svg>"])
