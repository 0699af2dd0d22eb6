"""The graph of ties: a force layout that is the same on every build, labels spread so that
they do not overlap, the whole dossier's graph and the ties around one entity."""

from __future__ import annotations

import math
from dataclasses import dataclass

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


LABEL_CHARS = 32  # a longer name is cut, with "…"; the whole name is in the mark's title
EGO_LABEL_CHARS = 24  # around an entity on its page, where labels point out on both sides


def _label(name: str, chars: int = LABEL_CHARS) -> str:
    return name if len(name) <= chars else name[:chars - 1] + "…"


def _label_box(x: float, y: float, r: float, text: str, side: str) -> tuple[float, float, float, float]:
    """The box a label takes beside a mark at (x, y): right, left, above or below it."""
    w = CHAR_WIDTH * len(text)
    if side == "right":
        return (x + r + 2, y - 9, x + r + 4 + w, y + 6)
    if side == "left":
        return (x - r - 4 - w, y - 9, x - r - 2, y + 6)
    if side == "below":
        return (x - w / 2 - 1, y + r + 1, x + w / 2 + 1, y + r + 16)
    return (x - w / 2 - 1, y - r - 16, x + w / 2 + 1, y - r - 1)  # above


def spread(at: dict[str, tuple[float, float]], extent: dict[str, tuple[float, float, float, float]],
           width: int, height: int, rounds: int = 300) -> dict[str, tuple[float, float]]:
    """Move marks apart until no two of their boxes overlap (the idea of Gephi's Noverlap).

    `extent` gives each mark's box around its point (left, top, right, bottom offsets): its
    circle, and for a mark that must carry a label, the label too. Each round every
    overlapping pair moves apart along the axis where it overlaps least, each by half; marks
    stay inside the frame. Deterministic: pairs are visited in a fixed order."""
    ids = sorted(at)
    pos = {i: list(at[i]) for i in ids}

    def clamp(i: str) -> None:
        left, top, right, bottom = extent[i]
        pos[i][0] = min(max(pos[i][0], -left), width - right)
        pos[i][1] = min(max(pos[i][1], -top), height - bottom)

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


def graph_svg(nodes: list[Node], edges: list[Edge], at: dict[str, tuple[float, float]],
              width: int, height: int, center: str | None = None, label_chars: int = LABEL_CHARS) -> str:
    """Nodes (a colour per kind) and labelled ties at positions in the picture's units; each
    node links to its page.

    Labels never cover each other or another mark: the most tied entities (the centre
    first) get room for their label before the marks are spread apart, as many as fit in a
    fifth of the picture; every other entity gets a label where one fits beside it and
    otherwise names itself on hover and focus. A label points away from the middle of the
    picture (to the left of a mark in its left half), where it crosses fewer ties."""
    if not nodes:
        return ""
    names = {n.id: n.name for n in nodes}
    degree = {n.id: 0 for n in nodes}
    for e in edges:
        degree[e.a] += 1
        degree[e.b] += 1
    radius = {n.id: 9 if n.id == center else 6 for n in nodes}
    label = {n.id: _label(n.name, label_chars) for n in nodes}
    middle = sum(x for x, _ in at.values()) / len(at)
    outward = {n.id: "right" if at[n.id][0] >= middle or n.id == center else "left" for n in nodes}
    priority = sorted(nodes, key=lambda n: (n.id != center, -degree[n.id], n.name.casefold(), n.id))
    budget, sure = width * height / 5, set()
    for n in priority:
        box = _label_box(0, 0, radius[n.id], label[n.id], outward[n.id])
        budget -= (box[2] - box[0]) * (box[3] - box[1])
        if budget < 0 and n.id != center:
            break
        sure.add(n.id)
    gap = 3  # between two marks
    extent = {}
    for n in nodes:
        r = radius[n.id] + gap
        left, top, right, bottom = -r, -r, r, r
        if n.id in sure:
            box = _label_box(0, 0, radius[n.id], label[n.id], outward[n.id])
            left, top, right, bottom = min(left, box[0]), min(top, box[1]), max(right, box[2]), max(bottom, box[3])
        extent[n.id] = (left, top, right, bottom)
    at = spread(at, extent, width, height * 3 // 2)  # room to grow downwards if the marks need it
    height = max(height, int(max(at[i][1] + extent[i][3] for i in at)) + 10)

    # labels: the sure ones on their outward side (room was made), then the others where they fit
    taken = {n.id: (at[n.id][0] - radius[n.id] - 1, at[n.id][1] - radius[n.id] - 1,
                    at[n.id][0] + radius[n.id] + 1, at[n.id][1] + radius[n.id] + 1) for n in nodes}
    placed: dict[str, str] = {}
    boxes: list[tuple] = []
    marks = list(taken.items())

    def free(box: tuple, own: str) -> bool:  # no label or other mark in the box; runs for every label
        x0, y0, x1, y1 = box
        for b in boxes:
            if x0 < b[2] and b[0] < x1 and y0 < b[3] and b[1] < y1:
                return False
        for i, t in marks:
            if i != own and x0 < t[2] and t[0] < x1 and y0 < t[3] and t[1] < y1:
                return False
        return True

    for n in priority:
        x, y = at[n.id]
        sides = ("right", "left") if outward[n.id] == "right" else ("left", "right")
        for side in (*sides, "below", "above"):
            box = _label_box(x, y, radius[n.id], label[n.id], side)
            if box[0] < 4 or box[1] < 4 or box[2] > width - 4 or box[3] > height - 4:  # a stroke's width inside
                continue
            if not free(box, n.id):
                continue
            placed[n.id] = side
            boxes.append(box)
            break

    out = [f'<svg class="dossier-view dossier-graph-svg" viewBox="0 0 {width} {height}" role="group" '
           f'aria-label="Graph of {len(nodes)} entities and {len(edges)} ties" xmlns="http://www.w3.org/2000/svg">']
    for e in edges:
        (x1, y1), (x2, y2) = at[e.a], at[e.b]
        out.append(f'<line class="edge edge-{_t(e.kind.replace(" ", "-"))}" x1="{x1:.1f}" y1="{y1:.1f}" '
                   f'x2="{x2:.1f}" y2="{y2:.1f}"><title>{_t(f"{names[e.a]} — {e.kind} — {names[e.b]}")}</title></line>')
    for n in nodes:
        x, y = at[n.id]
        r = radius[n.id]
        text = ""
        if n.id in placed:
            side = placed[n.id]
            tx, ty, anchor = {"right": (x + r + 3, y + 4, ""), "left": (x - r - 3, y + 4, "end"),
                              "below": (x, y + r + 12, "middle"), "above": (x, y - r - 4, "middle")}[side]
            text = (f'<text x="{tx:.1f}" y="{ty:.1f}"' + (f' text-anchor="{anchor}"' if anchor else "")
                    + f'>{_t(label[n.id])}</text>')
        out.append(f'<a href="{_t(n.href)}" class="node node-{_t(n.kind)}{" node-center" if n.id == center else ""}">'
                   f'<title>{_t(n.name)}</title><circle cx="{x:.1f}" cy="{y:.1f}" r="{r}"/>{text}</a>')
    out.append("</svg>")
    return "".join(out)


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


UNIT = 50  # picture units per unit of the force layout (whose ideal tie length is 1.8)


def whole_graph(nodes: list[Node], edges: list[Edge], width: int) -> str:
    """The graph of many entities: each group of tied entities (a connected component)
    laid out on its own, and the groups packed in rows, biggest first (as Graphviz packs
    components), so a small separate group neither flies off nor squeezes the rest. The
    picture is as tall as its rows."""
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
        local = layout(group, ties.get(root(group[0].id), [])) if len(group) > 1 else {group[0].id: (0.0, 0.0)}
        lo_x, lo_y = min(p[0] for p in local.values()), min(p[1] for p in local.values())
        span, room, scale = max(p[0] for p in local.values()) - lo_x, width - 2 * margin, UNIT
        # the rightmost end of a label, each beside its mark
        right = max((local[n.id][0] - lo_x) * scale + 10 + CHAR_WIDTH * len(_label(n.name)) for n in group)
        if right > room and span:  # too wide for the picture: drawn smaller, the labels as wide as before
            scale = (room - (right - span * scale)) / span
            right = room
        bottom = max(p[1] - lo_y for p in local.values()) * scale + 20
        if x and x + right + margin > width:  # a new row
            x, y, row = 0.0, y + row + margin, 0.0
        for n in group:
            at[n.id] = (margin + x + (local[n.id][0] - lo_x) * scale, margin + y + (local[n.id][1] - lo_y) * scale)
        x += right + margin
        row = max(row, bottom)
    height = int(y + row + 2 * margin)
    return graph_svg(nodes, edges, at, width, height)
