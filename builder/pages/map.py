"""The map: the places with coordinates as the map view draws them (views/map.py), on the
Map page and, small, on a place's page."""

from __future__ import annotations

from markupsafe import Markup

from ..resolve.resolved import EntityInfo
from .renderer import Renderer
from .views.map import MapPoint, map_svg


def map_point(rd: Renderer, place: EntityInfo, page: str) -> MapPoint:
    return MapPoint(place.id, place.sheet.name, place.sheet.coordinates.lat, place.sheet.coordinates.lon,
                    rd.view_href(page, place.id), rd.events_at_place(place.id))


def map_page(rd: Renderer) -> str:
    page = "map.md"
    places = sorted(rd.r.by_kind("places"), key=lambda e: e.sheet.name.casefold())
    points = [map_point(rd, p, page) for p in sorted(rd.r.by_kind("places"), key=lambda p: p.id)
              if p.sheet.coordinates]
    return rd.render("map.md.j2", page, view=Markup(map_svg(points)),
                     placed=[p for p in places if p.sheet.coordinates],
                     unplaced=[p for p in places if not p.sheet.coordinates])
