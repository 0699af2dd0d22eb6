"""The timeline: events on lanes (the outermost place of each), at three scales (years,
months, days) that the reader switches between without JavaScript."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from .svg import CHAR_WIDTH, _t

ZOOMS = (("years", 1), ("months", 6), ("days", 36))  # the timeline's scales: width factor



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
    parts = ['<div class="dossier-timeline" data-search-exclude="">']
    for n, (label, _) in enumerate(ZOOMS):
        checked = " checked" if n == 0 else ""
        parts.append(f'<input type="radio" name="{name}" id="{name}-{label}" class="zoom-{n}"{checked}>'
                     f'<label for="{name}-{label}">{label.capitalize()}</label>')
    for n, (_, factor) in enumerate(ZOOMS):
        parts.append(f'<div class="dossier-scroll view-{n}">{timeline_svg(items, factor)}</div>')
    parts.append("</div>")
    return "".join(parts)
