"""The map: places with coordinates drawn over the world's country outlines (world-atlas,
vendored), in an equirectangular projection bounded to the dossier's places."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache

from ...core.resources import VENDOR
from .svg import _t



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


@cache
def _bounded_countries() -> list[list[tuple[tuple[float, float, float, float], list[tuple[float, float]]]]]:
    """Each country's rings with their bounds (west, east, south, north)."""
    return [[((min(p[0] for p in ring), max(p[0] for p in ring), min(p[1] for p in ring), max(p[1] for p in ring)), ring)
             for ring in shape] for shape in _countries()]


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
    # rings more than 50 units outside the frame are left out: first by each ring's bounds
    # (computed once), so that a small map does not project the world
    east, south = west + (width + 50) / scale, north - (height + 50) / scale
    west_edge, north_edge = west - 50 / scale, north + 50 / scale
    for shape in _bounded_countries():
        d = []
        for (lo_lon, hi_lon, lo_lat, hi_lat), ring in shape:
            if hi_lon < west_edge or lo_lon > east or hi_lat < south or lo_lat > north_edge:
                continue
            xs = [px(lon, lat) for lon, lat in ring]
            # no point inside across or along: a ring around the frame, or one that crosses 180°
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
