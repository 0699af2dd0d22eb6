"""The timeline: the events as the timeline view draws them (views/timeline.py), on the
Timeline page (events/index.md) and, small, on entity pages."""

from __future__ import annotations

from markupsafe import Markup

from ..resolve.resolved import EntityInfo
from .renderer import Renderer
from .views.timeline import TimeItem, period_words, zoomable_timeline


def root_place(rd: Renderer, place_id: str) -> str:
    """The outermost place a place lies within (a country, usually)."""
    seen = set()
    while place_id in rd.r.within and place_id not in seen:
        seen.add(place_id)
        place_id = rd.r.within[place_id]
    return place_id


def time_items(rd: Renderer, events: list[EntityInfo], page: str) -> list[TimeItem]:
    items = []
    for ev in events:
        d = ev.sheet.date
        if not d.known:
            continue
        places = ev.sheet.places
        lane = rd.name_of(root_place(rd, rd.r.ref(places[0]))) if places else "No place given"
        items.append(TimeItem(ev.id, ev.sheet.name, d.start, d.end, d.precision, d.label,
                              rd.view_href(page, ev.id), lane,
                              [rd.source_label(s) for s in rd.reporting_sources(ev)]))
    return items


def timeline_page(rd: Renderer, timeline: list[EntityInfo]) -> str:
    """The Timeline page: every event in date order, drawn and listed; undated ones apart.
    Above the picture, what it spans in words (`period_words`)."""
    page = "events/index.md"
    items = time_items(rd, timeline, page)
    view = Markup(zoomable_timeline(items, "zoom"))
    return rd.render("timeline.md.j2", page, view=view, period=period_words(items),
                     events=[e for e in timeline if e.sheet.date.known],
                     undated=[e for e in timeline if not e.sheet.date.known], reported=rd.reporting_sources)
