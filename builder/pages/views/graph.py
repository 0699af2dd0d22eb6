"""The graph of ties: a force layout that is the same on every build, marks spread apart until
each has room for its label, the whole dossier's graph, the ties around one entity, and a
legend of the colours.

Every mark is named: its label beside it (cut with "…" if long, the whole name in its
<title>), never over another label or mark. Label widths are estimated from the advance
widths of Helvetica/Arial (what `font: false` gives: Liberation Sans on Linux), with a
margin for other system fonts. Each tie carries the classes of both ends' kinds
(`end-people`), so that hiding a kind (the filter of the Ties page, CSS only) hides its
ties too, and the numbers of its ends (`data-a`, `data-b`), with which view-ties.js lights a
mark's ties and neighbours on hover and focus. Without script the picture is whole."""

from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from .svg import CHAR_WIDTH, _t


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


def layout(nodes: list[Node], edges: list[Edge], iterations: int = 120,
           seed_angle: float = 2.399963) -> dict[str, tuple[float, float]]:
    """Fruchterman-Reingold force layout from a fixed start (nodes on a golden-angle spiral):
    the same graph always gets the same picture. O(n²) per step: callers cap n."""
    n = len(nodes)
    pos = {node.id: [math.sqrt(i + 0.5) * math.cos(i * seed_angle),
                     math.sqrt(i + 0.5) * math.sin(i * seed_angle)] for i, node in enumerate(nodes)}
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


LABEL_CHARS = 32  # a longer name is cut, with "…"; the whole name is in the mark's title
EGO_LABEL_CHARS = 24  # around an entity on its page, where labels point out on both sides
SHORTER = (16, 10)  # where a label does not fit beside its mark, it is cut shorter

# Advance widths of Helvetica/Arial in thousandths of an em; other letters count 600 (accented
# ones as their base letter), wide East Asian ones 1000.
_ADVANCE = {ch: w for chars, w in (
    ("'", 191), ("ijl|", 222), ("ftI.,:;!/[]\\ ", 278), ('r()-"`*', 333), ("ckvxyzsJ_?", 500),
    ("abdeghnopqu0123456789L#$", 556), ("+=<>~", 584), ("FTZ", 611), ("ABEKPSVXY&", 667),
    ("CDHNRUw", 722), ("GOQ", 778), ("Mm", 833), ("%", 889), ("W", 944), ("—…@", 1000)) for ch in chars}


@lru_cache(maxsize=1 << 16)  # a name is measured for the picture of each of its neighbours
def text_width(text: str, size: float = 12, bold: bool = False) -> float:
    """The width a label takes at `size` px, a little more than Helvetica's (system fonts
    differ), and never less than CHAR_WIDTH a character (what the layout always assumed)."""
    em = 0
    for ch in text:
        w = _ADVANCE.get(ch)
        if w is None:
            if unicodedata.east_asian_width(ch) in "WF":
                w = 1000
            else:
                w = _ADVANCE.get(unicodedata.normalize("NFD", ch)[:1], 600)
        em += w
    width = em / 1000 * size * (1.16 if bold else 1.06)
    return max(width, CHAR_WIDTH * size / 12 * len(text))


def _label(name: str, chars: int = LABEL_CHARS) -> str:
    return name if len(name) <= chars else name[:chars - 1].rstrip() + "…"


def _label_box(x: float, y: float, r: float, w: float, side: str) -> tuple[float, float, float, float]:
    """The box a label w wide takes beside a mark at (x, y): right, left, above or below it."""
    if side == "right":
        return (x + r + 2, y - 9, x + r + 4 + w, y + 6)
    if side == "left":
        return (x - r - 4 - w, y - 9, x - r - 2, y + 6)
    if side == "below":
        return (x - w / 2 - 1, y + r + 1, x + w / 2 + 1, y + r + 16)
    return (x - w / 2 - 1, y - r - 16, x + w / 2 + 1, y - r - 1)  # above


FRAME = 4  # labels and marks stay this far inside the picture (a stroke's width and more)


def spread(at: dict[str, tuple[float, float]], extent: dict[str, tuple[float, float, float, float]],
           width: int, height: int, rounds: int = 300) -> dict[str, tuple[float, float]]:
    """Move marks apart until no two of their boxes overlap (the idea of Gephi's Noverlap).

    `extent` gives each mark's box around its point (left, top, right, bottom offsets): its
    circle and its label. Each round every overlapping pair moves apart along the axis where
    it overlaps least, each by half; marks stay inside the frame. Deterministic: pairs are
    visited in a fixed order."""
    ids = sorted(at)
    pos = {i: list(at[i]) for i in ids}

    def clamp(i: str) -> None:
        left, top, right, bottom = extent[i]
        pos[i][0] = min(max(pos[i][0], FRAME - left), width - FRAME - right)
        pos[i][1] = min(max(pos[i][1], FRAME - top), height - FRAME - bottom)

    for i in ids:
        clamp(i)
    for _ in range(rounds):
        moved = False
        # the boxes sorted by their left edge: a pair can only meet while the next starts
        # before the current one ends (sweep and prune), so a round is not n² for a spread graph
        boxes = sorted(((pos[i][0] + extent[i][0], pos[i][1] + extent[i][1], pos[i][0] + extent[i][2],
                         pos[i][1] + extent[i][3], i) for i in ids))
        for k, a in enumerate(boxes):
            for b in boxes[k + 1:]:
                if b[0] >= a[2]:
                    break
                if not (a[1] < b[3] and b[1] < a[3]):
                    continue
                i, j = a[4], b[4]
                ax0, ay0, ax1, ay1 = (pos[i][0] + extent[i][0], pos[i][1] + extent[i][1],
                                      pos[i][0] + extent[i][2], pos[i][1] + extent[i][3])
                bx0, by0, bx1, by1 = (pos[j][0] + extent[j][0], pos[j][1] + extent[j][1],
                                      pos[j][0] + extent[j][2], pos[j][1] + extent[j][3])
                ox, oy = min(ax1, bx1) - max(ax0, bx0), min(ay1, by1) - max(ay0, by0)
                if ox <= 0 or oy <= 0:
                    continue  # moved apart earlier in this round
                moved = True
                # apart along the axis of least overlap; the order of the pair breaks a tie
                if ox * height < oy * width:
                    sign = 1 if (ax0 + ax1, i) < (bx0 + bx1, j) else -1
                    pos[i][0] -= sign * (ox / 2 + 0.5)
                    pos[j][0] += sign * (ox / 2 + 0.5)
                else:
                    sign = 1 if (ay0 + ay1, i) < (by0 + by1, j) else -1
                    pos[i][1] -= sign * (oy / 2 + 0.5)
                    pos[j][1] += sign * (oy / 2 + 0.5)
                clamp(i)
                clamp(j)
        if not moved:
            break
    return {i: (p[0], p[1]) for i, p in pos.items()}


@lru_cache(maxsize=1 << 10)
def _cls(text: str) -> str:
    """A kind as a class name: "took part in" -> "took-part-in"."""
    return _t(text.replace(" ", "-"))


@lru_cache(maxsize=1 << 14)  # a tie is drawn twice on each of its two entities' pages
def _edge_parts(kind: str, kind_a: str, kind_b: str, name_a: str, name_b: str) -> tuple[str, str]:
    """A tie's line element but for its ends: its start up to them, and its title and end."""
    ends = "".join(f" end-{_cls(k)}" for k in sorted({kind_a, kind_b}))
    return (f'<line class="edge edge-{_cls(kind)}{ends}" ',
            f'<title>{_t(f"{name_a} — {kind} — {name_b}")}</title></line>')


def graph_svg(nodes: list[Node], edges: list[Edge], at: dict[str, tuple[float, float]],
              width: int, height: int, center: str | None = None, label_chars: int = LABEL_CHARS,
              outward: bool = True) -> str:
    """Nodes (a colour per kind) and ties at positions in the picture's units; each node
    links to its page.

    Every mark gets room for its label before the marks are spread apart (the picture grows
    downwards if they need it), so that labels cover no other label or mark. A label points
    away from the middle of the picture (to the left of a mark in its left half), where it
    crosses fewer ties, or to the right of every mark (not `outward`: a narrow picture).
    Where it still finds no room (spreading gave up in a dense knot) it goes to another side
    or is cut shorter, and failing that its mark moves to the nearest place with room
    (_room_near). The most tied entities (the centre first) are placed first."""
    if not nodes:
        return ""
    number = {n.id: k for k, n in enumerate(nodes)}
    names = {n.id: n.name for n in nodes}
    kinds = {n.id: n.kind for n in nodes}
    degree = {n.id: 0 for n in nodes}
    for e in edges:
        degree[e.a] += 1
        degree[e.b] += 1
    radius = {n.id: 9 if n.id == center else 6 for n in nodes}
    label = {n.id: _label(n.name, label_chars) for n in nodes}
    wide = {n.id: text_width(label[n.id], bold=n.id == center) for n in nodes}
    middle = sum(x for x, _ in at.values()) / len(at)
    facing = {n.id: "right" if at[n.id][0] >= middle or n.id == center or not outward else "left"
              for n in nodes}
    priority = sorted(nodes, key=lambda n: (n.id != center, -degree[n.id], n.name.casefold(), n.id))
    gap = 3  # between two marks
    extent, area = {}, 0.0
    for n in nodes:
        r = radius[n.id] + gap
        box = _label_box(0, 0, radius[n.id], wide[n.id], facing[n.id])
        extent[n.id] = (min(-r, box[0]), min(-r, box[1]), max(r, box[2]), max(r, box[3]))
        area += (extent[n.id][2] - extent[n.id][0]) * (extent[n.id][3] - extent[n.id][1])
    # room to grow downwards: half as much again, or three times what the boxes need
    room = max(height * 3 // 2, int(3 * area / width))
    at = spread(at, extent, width, room)
    height = max(height, int(max(at[i][1] + extent[i][3] for i in at)) + 10)

    taken = {n.id: (at[n.id][0] - radius[n.id] - 1, at[n.id][1] - radius[n.id] - 1,
                    at[n.id][0] + radius[n.id] + 1, at[n.id][1] + radius[n.id] + 1) for n in nodes}
    placed: dict[str, tuple[str, str]] = {}
    boxes: list[tuple] = []
    marks = list(taken.items())

    def free(box: tuple, own: str) -> bool:  # no label or other mark in the box; runs for every label
        x0, y0, x1, y1 = box
        if x0 < FRAME or y0 < FRAME or x1 > width - FRAME or y1 > height - FRAME:
            return False
        for b in boxes:
            if x0 < b[2] and b[0] < x1 and y0 < b[3] and b[1] < y1:
                return False
        for i, t in marks:
            if i != own and x0 < t[2] and t[0] < x1 and y0 < t[3] and t[1] < y1:
                return False
        return True

    for n in priority:
        x, y = at[n.id]
        sides = ("right", "left") if facing[n.id] == "right" else ("left", "right")
        texts = [label[n.id]] + [_label(n.name, c) for c in SHORTER if c < len(label[n.id])]
        for text in texts:
            w = wide[n.id] if text == label[n.id] else text_width(text, bold=n.id == center)
            for side in (*sides, "below", "above"):
                box = _label_box(x, y, radius[n.id], w, side)
                if free(box, n.id):
                    placed[n.id] = (side, text)
                    boxes.append(box)
                    break
            if n.id in placed:
                break
        if n.id not in placed:  # no room anywhere beside it: the mark moves to the nearest spot with room
            at[n.id], placed[n.id], box, mark = _room_near(at[n.id], radius[n.id], label[n.id], wide[n.id],
                                                            lambda b: free(b, n.id), height)
            boxes.append(box)
            taken[n.id] = mark
            marks = list(taken.items())
            height = max(height, int(box[3] + mark[3] - mark[1]))

    out = [f'<svg class="dossier-view dossier-graph-svg" viewBox="0 0 {width} {height}" role="group" '
           f'aria-label="Graph of {len(nodes)} entities and {len(edges)} ties; '
           'the list of ties says the same in words" '
           'xmlns="http://www.w3.org/2000/svg">']
    for e in edges:
        (x1, y1), (x2, y2) = at[e.a], at[e.b]
        head, tail = _edge_parts(e.kind, kinds[e.a], kinds[e.b], names[e.a], names[e.b])
        out.append(f'{head}data-a="{number[e.a]}" data-b="{number[e.b]}" x1="{x1:.1f}" y1="{y1:.1f}" '
                   f'x2="{x2:.1f}" y2="{y2:.1f}">{tail}')
    for n in nodes:
        x, y = at[n.id]
        r = radius[n.id]
        text = ""
        if n.id in placed:
            side, words = placed[n.id]
            tx, ty, anchor = {"right": (x + r + 3, y + 4, ""), "left": (x - r - 3, y + 4, "end"),
                              "below": (x, y + r + 12, "middle"), "above": (x, y - r - 4, "middle")}[side]
            text = (f'<text x="{tx:.1f}" y="{ty:.1f}"' + (f' text-anchor="{anchor}"' if anchor else "")
                    + f'>{_t(words)}</text>')
        centre = " node-center" if n.id == center else ""
        out.append(f'<a href="{_t(n.href)}" class="node node-{_cls(n.kind)}{centre}" '
                   f'data-n="{number[n.id]}"><title>{_t(n.name)}</title>'
                   f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r}"/>{text}</a>')
    out.append("</svg>")
    return "".join(out)


def _room_near(at: tuple[float, float], r: float, text: str, w: float, free, height: int):
    """The nearest point to `at` (on a spiral of rings 8 units apart) where a mark and its
    label beside it cover nothing (`free`), else a point below the picture, where there
    always is room; with the side of its label, the label's box and the mark's box."""
    x, y = at
    candidates = [(x + 8 * ring * math.cos(step * math.pi / 8), y + 8 * ring * math.sin(step * math.pi / 8))
                  for ring in range(1, 31) for step in range(16)]
    candidates.append((FRAME + r + 1, height + r + FRAME + 8))  # always free: the picture grows to hold it
    for cx, cy in candidates:
        mark = (cx - r - 1, cy - r - 1, cx + r + 1, cy + r + 1)
        if not free(mark) and (cx, cy) != candidates[-1]:
            continue
        for side in ("right", "left"):
            box = _label_box(cx, cy, r, w, side)
            if (cx, cy) == candidates[-1] or free(box):
                return (cx, cy), (side, text), box, mark
    raise AssertionError("unreachable: the last candidate is always taken")


def ego_positions(center: str, others: list[str], width: int, height: int) -> dict[str, tuple[float, float]]:
    """The entity in the middle, its direct ties around it on an ellipse that leaves room
    for labels on either side."""
    cx, cy = width / 2, height / 2
    rx, ry = width / 2 - 20 - CHAR_WIDTH * EGO_LABEL_CHARS, height / 2 - 30
    pos = {center: (cx, cy)}
    for i, other in enumerate(others):
        angle = 2 * math.pi * i / max(len(others), 1) - math.pi / 2
        pos[other] = (cx + rx * math.cos(angle), cy + ry * math.sin(angle))
    return pos


ROW = 24  # between two marks of a column


def fan_positions(center: str, others: list[str]) -> tuple[dict[str, tuple[float, float]], int]:
    """For a narrow screen: the entity at the top left, its direct ties in a column below and
    to its right, each label to the right of its mark, so that the names read as a list and
    no tie crosses a label. Returns the positions and the picture's height."""
    pos = {center: (18.0, 20.0)}
    for i, other in enumerate(others):
        pos[other] = (62.0, 52.0 + ROW * i)
    return pos, int(52 + ROW * max(len(others) - 1, 0) + 20)


def _turned(at: dict[str, tuple[float, float]], upright: bool) -> dict[str, tuple[float, float]]:
    """A group's layout turned so that its longest extent (its principal axis) runs across,
    where the labels run too, or downwards (`upright`) in a picture too narrow for that."""
    n = len(at)
    mx, my = sum(p[0] for p in at.values()) / n, sum(p[1] for p in at.values()) / n
    sxx = sum((p[0] - mx) ** 2 for p in at.values())
    syy = sum((p[1] - my) ** 2 for p in at.values())
    sxy = sum((p[0] - mx) * (p[1] - my) for p in at.values())
    angle = 0.5 * math.atan2(2 * sxy, sxx - syy) - (math.pi / 2 if upright else 0.0)
    c, s = math.cos(-angle), math.sin(-angle)
    return {i: (round((p[0] - mx) * c - (p[1] - my) * s, 9), round((p[0] - mx) * s + (p[1] - my) * c, 9))
            for i, p in at.items()}


def _fit(at: dict[str, tuple[float, float]], wide: dict[str, float], room: float,
         outward: bool) -> tuple[float, float, float]:
    """The scale (at most UNIT) at which a group's marks with their labels fit in `room`,
    each label on the side away from the group's middle, or on the right (as graph_svg puts
    it); with how far the leftmost label reaches left of x = 0 and how wide the group is."""
    middle = sum(p[0] for p in at.values()) / len(at) if outward else -math.inf

    def reach(scale: float) -> tuple[float, float]:
        lo = min(p[0] * scale - (wide[i] if p[0] < middle else 10) for i, p in at.items())
        hi = max(p[0] * scale + (wide[i] if p[0] >= middle else 10) for i, p in at.items())
        return -lo, hi - lo

    scale = float(UNIT)
    if reach(scale)[1] > room:  # too wide: drawn smaller (the scale found by halving), the labels as wide
        low, high = 0.0, scale
        for _ in range(24):
            mid = (low + high) / 2
            low, high = (low, mid) if reach(mid)[1] > room else (mid, high)
        scale = low
    return (scale, *reach(scale))


UNIT = 50  # picture units per unit of the force layout (whose ideal tie length is 1.8)


def whole_graph(nodes: list[Node], edges: list[Edge], width: int, label_chars: int = LABEL_CHARS,
                outward: bool = True) -> str:
    """The graph of many entities: each group of tied entities (a connected component)
    laid out on its own, and the groups packed in rows, biggest first (as Graphviz packs
    components), so a small separate group neither flies off nor squeezes the rest. The
    picture is as tall as its rows (and as its labels need: graph_svg). A narrow picture
    (not `outward`) has its labels on the right and its groups upright."""
    parent = {n.id: n.id for n in nodes}

    def root(i: str) -> str:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for e in edges:
        parent[root(e.a)] = root(e.b)
    groups: dict[str, list[Node]] = {}
    for n in nodes:
        groups.setdefault(root(n.id), []).append(n)
    ties: dict[str, list[Edge]] = {}  # each group's ties, sorted out once
    for e in edges:
        ties.setdefault(root(e.a), []).append(e)
    ordered = sorted(groups.values(), key=lambda g: (-len(g), g[0].id))
    at: dict[str, tuple[float, float]] = {}
    x = y = row = 0.0
    margin = 24
    for group in ordered:
        local = (layout(group, ties.get(root(group[0].id), [])) if len(group) > 1
                 else {group[0].id: (0.0, 0.0)})
        local = _turned(local, upright=not outward)
        wide = {n.id: text_width(_label(n.name, label_chars)) + 12 for n in group}
        scale, left, right = _fit(local, wide, width - 2 * margin, outward)
        lo_y = min(p[1] for p in local.values())
        # drawn less narrow than low: the picture may grow downwards, and its labels need the rows
        lift = (scale + UNIT) / 2
        bottom = max(p[1] - lo_y for p in local.values()) * lift + 20
        if x and x + right + margin > width:  # a new row
            x, y, row = 0.0, y + row + margin, 0.0
        for i, (px, py) in local.items():
            at[i] = (margin + x + left + px * scale, margin + y + (py - lo_y) * lift)
        x += right + margin
        row = max(row, bottom)
    height = int(y + row + 2 * margin)
    return graph_svg(nodes, edges, at, width, height, label_chars=label_chars, outward=outward)


def legend(kinds: list[tuple[str, str]], ties: list[str], filters: bool = False) -> str:
    """The key to the colours, as HTML beside the picture: the kinds of entities drawn
    (kinds: (kind, its title)), each a checkbox that shows or hides the kind and its ties
    when `filters` (view-ties.css; the ids are those the CSS names), and the kinds of ties
    drawn, each with a stroke as the picture draws it."""
    out = ['<div class="dossier-legend">']
    if kinds:
        out.append('<p class="dossier-filter">' if filters else '<p>')
        for kind, title in kinds:
            mark = f'<span class="dossier-key node-{_cls(kind)}" aria-hidden="true"></span>'
            if filters:  # a pair that wraps as one
                out.append(f'<span class="dossier-legend-item"><input type="checkbox" id="show-{_cls(kind)}" '
                           f'checked><label for="show-{_cls(kind)}">{mark}{_t(title)}</label></span>')
            else:
                out.append(f'<span class="dossier-legend-item">{mark}{_t(title)}</span>')
        out.append("</p>")
    if ties:
        out.append('<p class="dossier-legend-ties"><span class="dossier-legend-title">Ties:</span>')
        for kind in ties:
            out.append(f'<span class="dossier-legend-item"><svg class="dossier-key-tie" viewBox="0 0 28 8" '
                       f'aria-hidden="true"><line class="edge edge-{_cls(kind)}" x1="1" y1="4" x2="27" '
                       f'y2="4"/></svg>{_t(kind)}</span>')
        out.append("</p>")
    out.append("</div>")
    return "".join(out)
