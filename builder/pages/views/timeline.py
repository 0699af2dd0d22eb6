"""The timeline: events on lanes (the outermost place of each), at three scales (years,
months, days) that the reader switches between without JavaScript.

What a reader sees on load, with or without script, from `file://` too:

- the picture starts at the earliest event (the scroll container opens at its left end);
  runs of two or more years without any event are drawn as a narrow gap (`GAP` pixels,
  marked with a dotted band and "⋯"), so one early outlier does not push the rest of the
  dossier off screen, and `period_words` says in words what the picture spans;
- the years are a strip of HTML blocks above the chart, one per year (or per few years
  when years are narrow), whose label is `position: sticky`: at every scale the year of
  the leftmost visible part stays at the left edge while the reader scrolls, and each
  year boundary is labelled;
- the lane names are drawn in a second SVG laid over the chart's left edge and kept there
  with `position: sticky`, in each lane's header row (where no mark is drawn), so they stay
  readable while the chart scrolls sideways;
- every mark's label is placed right of its mark if it fits inside the picture, else left
  of it, else shortened with "…" at a word where it can (a name longer than `MAX_LABEL`
  characters is too); the mark's <title> always has the full name;
- the marks are SVG <a> elements, keyboard-focusable in Chromium and Firefox, written in
  chronological order so that Tab walks through time.

Every text from the dossier goes through `_t`; the numbers are formatted to one decimal, so
the same items give the same bytes. The drawing is a sort of the items and a pass over them
(rows are packed with heaps), plus a pass over the years the picture spans.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass, field
from datetime import date, timedelta

from .svg import CHAR_WIDTH, _t

ZOOMS = (("years", 1), ("months", 6), ("days", 36))  # the timeline's scales: width factor
MAX_LABEL = 48  # characters of a mark's label; longer names are shortened with "…"
GAP = 24  # pixels that a run of years without events takes, at every scale
LEFT, RIGHT = 8, 20  # margins; RIGHT keeps the last label off the edge of a narrow column
AXIS_H, LANE_HEAD, ROW_H, LANE_GAP = 30, 16, 24, 6  # heights: axis, lane name, row, between lanes
LANE_CHAR = 7.4  # average width of a lane name's character (10 px capitals, spaced)
MAX_LANE = 24  # characters of a lane name in the picture; the marks' titles name it in full
YEAR_LABEL, MONTH_LABEL = 36, 26  # room a year's and a month's label need, in pixels
DAY_STEPS = ((1, 22), (2, 20), (7, 40))  # days between labelled days, and the room that takes
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


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


def shorten(text: str, chars: int) -> str:
    """text in at most `chars` characters: cut at the last space in its second half if
    there is one (no word cut in the middle), ending in "…"."""
    if len(text) <= chars:
        return text
    if chars < 2:
        return "…" if chars == 1 else ""
    head = text[:chars - 1]
    space = head.rfind(" ")
    if space >= chars // 2:
        head = head[:space]
    return head.rstrip(" ,;:-–—") + "…"


def _last(item: TimeItem) -> date:
    """The last day of an item's period (never before its first)."""
    return max(item.start, item.end)


def _days_in(year: int) -> int:
    return (date(year + 1, 1, 1) - date(year, 1, 1)).days


def spans(items: list[TimeItem]) -> list[tuple[int, int, bool]]:
    """The picture's stretches of whole years, in order: (first year, year after the last,
    has events). A stretch without events is at least two years long; a single empty year
    between events is drawn as time, like the others."""
    first, last = min(i.start.year for i in items), max(_last(i).year for i in items)
    starts = [0] * (last - first + 2)  # a difference array: events running through each year
    for item in items:
        starts[item.start.year - first] += 1
        starts[_last(item).year - first + 1] -= 1
    busy, running = [], 0
    for n in range(last - first + 1):
        running += starts[n]
        busy.append(running > 0)
    out: list[tuple[int, int, bool]] = []
    year = first
    while year <= last:  # runs of years alike; the first and the last year have events
        end = year + 1
        while end <= last and busy[end - first] == busy[year - first]:
            end += 1
        has = busy[year - first] or end - year < 2  # one empty year is drawn as time
        if out and out[-1][2] and has:
            out[-1] = (out[-1][0], end, True)
        else:
            out.append((year, end, has))
        year = end
    return out


class Axis:
    """Where a date lies on the picture: each year of a stretch with events is `year_w`
    pixels wide (its days spread evenly), each stretch without events GAP pixels."""

    def __init__(self, items: list[TimeItem], plot: float):
        self.spans = spans(items)
        years = sum(b - a for a, b, busy in self.spans if busy)
        gaps = sum(1 for *_, busy in self.spans if not busy)
        # The picture starts at the month of the earliest event, not on 1 January: months
        # without events before it would open every scale on an empty stretch.
        earliest = min(i.start for i in items)
        january = date(earliest.year, 1, 1)
        self.trim = (date(earliest.year, earliest.month, 1) - january).days / _days_in(earliest.year)
        self.year_w = max(plot - GAP * gaps, plot / 2) / (years - self.trim)
        self.year_x: dict[int, float] = {}
        x = LEFT - self.trim * self.year_w
        for a, b, busy in self.spans:
            if busy:
                for year in range(a, b):
                    self.year_x[year] = x
                    x += self.year_w
            else:
                self.year_x[a] = x  # the end of the stretch before it: Jan 1 of its first year
                x += GAP
        self.year_x[self.spans[-1][1]] = x
        self.end = x
        self.blocks = self._blocks()

    def _blocks(self) -> list[tuple[int, int, bool]]:
        """The labelled stretches of the year strip: (first year, year after, has events);
        each year, or when years are narrow every few years (starting at a round year),
        and each stretch without events as one."""
        step = next((s for s in (1, 2, 5, 10, 20, 50, 100, 200, 500) if s * self.year_w >= YEAR_LABEL), 1000)
        out = []
        for a, b, busy in self.spans:
            if not busy:
                out.append((a, b, False))
                continue
            marks = [a] + [y for y in range(a - a % step + step, b, step)]
            if len(marks) > 1 and (marks[1] - a) * self.year_w < YEAR_LABEL:
                del marks[1]  # the first block too narrow for its label: it takes the next one's years
            if len(marks) > 1 and (b - marks[-1]) * self.year_w < YEAR_LABEL:
                del marks[-1]  # so does the last one
            out += [(y, marks[n + 1] if n + 1 < len(marks) else b, True) for n, y in enumerate(marks)]
        return out

    def x(self, d: date) -> float:
        start = self.year_x[d.year]
        return start + (d - date(d.year, 1, 1)).days / _days_in(d.year) * self.year_w


def _year_strip(axis: Axis, total: float) -> str:
    """The years above the chart, as HTML blocks whose labels are sticky (CSS): the year
    of the leftmost visible part stays in view at every scale. Narrow years are labelled
    every few years; a stretch without events is a gap block. data-y and data-z (the year
    after the block) let the script keep the same time in view when the scale changes."""
    out = ['<div class="tl-years" aria-hidden="true">', f'<div class="tl-pad" style="width:{LEFT}px"></div>']
    for a, b, busy in axis.blocks:
        if busy:
            cut = axis.trim * axis.year_w if a == axis.blocks[0][0] else 0  # the first year starts late
            out.append(f'<div class="tl-y" data-y="{a}" data-z="{b}" '
                       f'style="width:{(b - a) * axis.year_w - cut:.1f}px"><span>{a}</span></div>')
        else:
            out.append(f'<div class="tl-gap" data-y="{a}" data-z="{b}" style="width:{GAP}px" '
                       f'title="{a}–{b - 1}: no events"><span>⋯</span></div>')
    out.append(f'<div class="tl-pad" style="width:{max(total - axis.end, 0):.1f}px"></div></div>')
    return "".join(out)


def _ticks(axis: Axis, height: float) -> list[str]:
    """Lines at each year and, when they are wide enough, months and days, with their
    names; the dotted band of each stretch without events."""
    out = []
    month_w, day_w = axis.year_w / 12, axis.year_w / 365
    month_step = next((s for s in (1, 2, 3, 6) if s * month_w >= MONTH_LABEL), 0)
    day_step = next((s for s, room in DAY_STEPS if s * day_w >= room), 0)
    for a, b, busy in axis.blocks:
        x0 = max(axis.year_x[a], LEFT)  # the first year may start late (Axis.trim)
        if not busy:
            out.append(f'<rect class="tl-gapband" x="{x0 + 4:.1f}" y="0" width="{GAP - 8}" '
                       f'height="{height}"/>')
            continue
        out.append(f'<line class="tick-year" x1="{x0:.1f}" y1="0" x2="{x0:.1f}" y2="{height}"/>')
        for year in range(a, b):
            if year > a and axis.year_w >= 4:  # a year inside a block of several: unlabelled
                xy = axis.year_x[year]
                out.append(f'<line class="tick-year" x1="{xy:.1f}" y1="0" x2="{xy:.1f}" y2="{height}"/>')
            if month_w < 6:
                continue
            for month in range(2 - bool(month_step), 13):
                first = date(year, month, 1)
                xm = axis.x(first)
                if xm < LEFT - 0.5:
                    continue  # before the picture's start
                if month > 1 and xm > LEFT + 0.5:
                    out.append(f'<line class="tick-month" x1="{xm:.1f}" y1="2" x2="{xm:.1f}" y2="{height}"/>')
                if month_step and (month - 1) % month_step == 0:
                    out.append(f'<text class="tick tick-small" x="{xm + 3:.1f}" y="11">'
                               f'{MONTHS[month - 1]}</text>')
                if day_step:
                    last = (date(year + month // 12, month % 12 + 1, 1) - first).days
                    for day in range(1 + day_step, last + 2 - day_step, day_step):
                        xd = axis.x(first + timedelta(days=day - 1))
                        out.append(f'<text class="tick tick-day" x="{xd:.1f}" y="24">{day}</text>')
    x_end = axis.end
    out.append(f'<line class="tick-year" x1="{x_end:.1f}" y1="0" x2="{x_end:.1f}" y2="{height}"/>')
    return out


@dataclass
class _Placed:
    item: TimeItem
    x0: float  # the mark's left end
    x1: float  # its right end
    label: str
    text_x: float
    anchor_end: bool  # the label ends at text_x (left of the mark)
    inside: bool = False  # the label is drawn on the bar
    row: int = 0


def _place(item: TimeItem, axis: Axis, right_edge: float) -> _Placed:
    """The mark's extent and where its label goes: on the bar if the bar is longer than the
    label (so a period that runs off screen is named where it starts), else right of the
    mark if it fits before right_edge, else left of it if it fits after LEFT, else
    shortened to fit the wider side."""
    x0 = axis.x(item.start)
    if item.precision == "day":
        x0, x1 = x0 - 5, x0 + 5
    else:
        x1 = max(axis.x(_last(item) + timedelta(days=1)), x0 + 6)
    label = shorten(item.name, MAX_LABEL)
    width = CHAR_WIDTH * len(label)
    if x1 - x0 >= width + 12:  # a long bar carries its label, seen where the bar starts
        return _Placed(item, x0, x1, label, x0 + 6, False, inside=True)
    room_right, room_left = right_edge - (x1 + 6), (x0 - 6) - LEFT
    if width <= room_right:
        return _Placed(item, x0, x1, label, x1 + 6, False)
    if width <= room_left:
        return _Placed(item, x0, x1, label, x0 - 6, True)
    left = room_left > room_right
    label = shorten(item.name, int(max(room_left, room_right) // CHAR_WIDTH))
    return _Placed(item, x0, x1, label, x0 - 6 if left else x1 + 6, left)


def _extent(p: _Placed) -> tuple[float, float]:
    if p.inside:
        return p.x0, p.x1
    width = CHAR_WIDTH * len(p.label)
    return (p.text_x - width if p.anchor_end else p.x0), (p.x1 if p.anchor_end else p.text_x + width)


def _pack(placed: list[_Placed]) -> int:
    """Rows within one lane: each mark with its label goes in the lowest row free where it
    starts. Marks are taken by where they start; rows that have become free wait in one
    heap, busy ones in another (by where they become free): n log n, not n × rows."""
    order = sorted(range(len(placed)), key=lambda n: (_extent(placed[n])[0], n))
    busy: list[tuple[float, int]] = []
    free: list[int] = []
    rows = 0
    for n in order:
        start, end = _extent(placed[n])
        while busy and busy[0][0] <= start - 6:
            heapq.heappush(free, heapq.heappop(busy)[1])
        if free:
            row = heapq.heappop(free)
        else:
            row, rows = rows, rows + 1
        placed[n].row = row
        heapq.heappush(busy, (end, row))
    return rows


def timeline_svg(items: list[TimeItem], zoom: int = 1, width: int = 920) -> str:
    """Events on a time axis, one lane per `lane`; a date known to a day is a dot, a month, a
    year or a range is a bar over the whole period, and a vague period (early, late, a
    season) a bar that fades at both ends: uncertainty is drawn, not hidden. The chart, the
    year strip above it and the lane names over its left edge, as one HTML block to put in
    a horizontally scrolling container (`.dossier-scroll`)."""
    if not items:
        return ""
    total = (width - LEFT - RIGHT) * zoom + LEFT + RIGHT
    axis = Axis(items, total - LEFT - RIGHT)
    total = max(total, axis.end + RIGHT)
    chrono = sorted(items, key=lambda i: (i.start, i.end, i.name, i.id))
    chrono_placed = [_place(item, axis, total - RIGHT) for item in chrono]
    lanes: dict[str, list[_Placed]] = {}
    for p in chrono_placed:
        lanes.setdefault(p.item.lane, []).append(p)
    lane_top, y = {}, AXIS_H
    for lane, placed in lanes.items():
        lane_top[lane] = y + LANE_HEAD
        y += LANE_HEAD + ROW_H * _pack(placed) + LANE_GAP
    height = y
    out = [f'<div class="tl-canvas" style="width:{total:.0f}px">', _year_strip(axis, total),
           f'<svg class="dossier-view dossier-timeline-svg" width="{total:.0f}" height="{height}" '
           f'viewBox="0 0 {total:.0f} {height}" role="group" aria-label="Timeline of {len(items)} events; '
           'the list of events gives each in words" '
           'xmlns="http://www.w3.org/2000/svg">',
           f'<defs><linearGradient id="tl-fuzzy-{zoom}"><stop offset="0" stop-opacity="0"/>'
           '<stop offset=".3" stop-opacity="1"/><stop offset=".7" stop-opacity="1"/>'
           '<stop offset="1" stop-opacity="0"/></linearGradient></defs>', *_ticks(axis, height)]
    for top in lane_top.values():
        out.append(f'<line class="lane-rule" x1="0" y1="{top - LANE_HEAD:.0f}" x2="{total:.0f}" '
                   f'y2="{top - LANE_HEAD:.0f}"/>')
    for p in chrono_placed:  # document order is tab order: chronological
        item = p.item
        cy = lane_top[item.lane] + p.row * ROW_H + ROW_H / 2
        tip = f"{item.name} — {item.label} — {item.lane}"
        tip += f" — sources: {'; '.join(item.sources)}" if item.sources else ""
        out.append(f'<a href="{_t(item.href)}" class="item item-{_t(item.precision)}">'
                   f'<title>{_t(tip)}</title>')
        if item.precision == "day":
            out.append(f'<circle cx="{p.x0 + 5:.1f}" cy="{cy:.1f}" r="5"/>')
        else:
            fuzzy = f' fill="url(#tl-fuzzy-{zoom})"' if item.precision == "part" else ""
            out.append(f'<rect x="{p.x0:.1f}" y="{cy - 6:.1f}" width="{p.x1 - p.x0:.1f}" height="12" '
                       f'rx="3"{fuzzy}/>')
        end = ' text-anchor="end"' if p.anchor_end else ' class="on-bar"' if p.inside else ""
        out.append(f'<text x="{p.text_x:.1f}" y="{cy + 4:.1f}"{end}>{_t(p.label)}</text></a>')
    out.append("</svg>")
    out.append(_lane_names(lane_top, height))
    out.append("</div>")
    return "".join(out)


def _lane_names(lane_top: dict[str, float], height: float) -> str:
    """The lane names in an SVG of their own, laid over the chart's left edge and kept
    there while it scrolls (sticky, view-timeline.css); hidden from screen readers, which
    hear each mark's lane in its title."""
    names = {lane: shorten(lane, MAX_LANE) for lane in lane_top}
    w = LEFT + 6 + LANE_CHAR * max(len(n) for n in names.values())
    out = [f'<svg class="dossier-view tl-lanes" width="{w:.0f}" height="{height}" '
           f'viewBox="0 0 {w:.0f} {height}" aria-hidden="true" xmlns="http://www.w3.org/2000/svg">']
    for lane, top in lane_top.items():
        out.append(f'<text class="lane" x="{LEFT}" y="{top - 4:.0f}">{_t(names[lane])}</text>')
    out.append("</svg>")
    return "".join(out)


def period_words(items: list[TimeItem]) -> str:
    """What the timeline spans, in words, for the text above it: the first and last year,
    the shortest run of years holding four in five events when it is narrower, and the
    years drawn as a gap. Numbers only: nothing from the dossier's texts."""
    if not items:
        return ""
    first, last = min(i.start.year for i in items), max(_last(i).year for i in items)
    if len(items) == 1:
        text = f"The one dated event is in {first}."
    else:
        text = (f"All {len(items)} dated events fall in {first}." if first == last else
                f"The {len(items)} dated events run from {first} to {last}.")
    years = sorted(i.start.year for i in items)
    need = -(-len(years) * 4 // 5)
    best = (first, last)
    for hi in range(need - 1, len(years)):  # windows of `need` events, shortest in years
        lo = hi - need + 1
        if years[hi] - years[lo] < best[1] - best[0]:
            best = (years[lo], years[hi])
    if best != (first, last):
        held = sum(best[0] <= y <= best[1] for y in years)
        when = f"in {best[0]}" if best[0] == best[1] else f"between {best[0]} and {best[1]}"
        text += f" Most of them ({held}) are {when}."
    gaps = [f"{a}" if b - a == 1 else f"{a}–{b - 1}" for a, b, busy in spans(items) if not busy]
    if gaps:
        text += f" Years without events ({', '.join(gaps)}) are drawn narrow, marked ⋯."
    return text + " The chart opens at the earliest event; scroll sideways for later ones."


def zoomable_timeline(items: list[TimeItem], name: str, width: int = 680) -> str:
    """The timeline at each scale of ZOOMS, one shown at a time by radio buttons (CSS only:
    works without JavaScript and from file://); the picture scrolls sideways and opens at
    its left end, the earliest event. At the Years scale it fits the theme's content column
    on a desktop screen (688 px at 1280 px) whole."""
    if not items:
        return ""
    parts = ['<div class="dossier-timeline" data-search-exclude="">']
    for n, (label, _) in enumerate(ZOOMS):
        checked = " checked" if n == 0 else ""
        parts.append(f'<input type="radio" name="{name}" id="{name}-{label}" class="zoom-{n}"{checked}>'
                     f'<label for="{name}-{label}">{label.capitalize()}</label>')
    for n, (_, factor) in enumerate(ZOOMS):
        parts.append(f'<div class="dossier-scroll view-{n}">{timeline_svg(items, factor, width)}</div>')
    parts.append("</div>")
    return "".join(parts)
