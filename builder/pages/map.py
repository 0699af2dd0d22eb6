"""The map: every place, as the map view draws it (views/map.py), on the Map page and,
small, on a place's page.

How a place is drawn is decided here, generically, from its sheet:
- with coordinates, as a point;
- else, when its name or an alias is a country's (an outline's name in Natural Earth, or
  one of that country's names or other spellings in the `countryinfo` package, matched by
  the outline's ISO 3166-1 numeric code) and no place it lies within is a country, as that
  outline, shaded: "Georgia" within the United States is not the country;
- else, within the nearest place up its `within` chain that is drawn, named under that
  place's label, and listed on the page as "shown within";
- else not drawn, and named under the map and on the page as not on the map.
A name that two outlines share (after folding case, accents and punctuation) matches
neither, unless it is Natural Earth's own name of one of them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from markupsafe import Markup

from ..resolve.resolved import EntityInfo, name_key
from .paths import MAP_PAGE
from .renderer import Renderer
from .views.map import MapArea, MapInside, MapPoint, Unlocated, map_svg, outlines


@cache
def outline_index() -> dict[str, int]:
    """Name key -> index of the outline it names: Natural Earth's names first, then the
    names and other spellings `countryinfo` gives for the same ISO numeric code (two-letter
    codes left out: "IN" or "IT" are more often something else); ambiguous keys dropped."""
    import countryinfo

    shapes = outlines()
    index = {name_key(o.name): i for i, o in enumerate(shapes) if o.name}
    by_code = {o.code: i for i, o in enumerate(shapes) if o.code}
    other: dict[str, set[int]] = {}
    for country in countryinfo.all_countries():
        try:
            code = (country.iso() or {}).get("numeric")
            names = [country.name(), *(country.alt_spellings() or [])]
        except Exception:  # an entry with missing data: skip it  # noqa: BLE001
            continue
        if code is None or str(code).zfill(3) not in by_code:
            continue
        for name in names:
            if name and len(name) > 2:
                other.setdefault(name_key(name), set()).add(by_code[str(code).zfill(3)])
    for key, found in sorted(other.items()):
        if key not in index and len(found) == 1:
            index[key] = found.pop()
    return index


def map_point(rd: Renderer, place: EntityInfo, page: str) -> MapPoint:
    return MapPoint(place.id, place.sheet.name, place.sheet.coordinates.lat, place.sheet.coordinates.lon,
                    rd.view_href(page, place.id), rd.events_at_place(place.id))


@dataclass
class MapPlaces:
    """Every place by how it is drawn, and for a place shown within another the place it
    lies in and the drawn one it is shown within (`via`: one id when they are the same)."""
    points: list[MapPoint] = field(default_factory=list)
    areas: list[MapArea] = field(default_factory=list)
    inside: list[MapInside] = field(default_factory=list)
    unlocated: list[Unlocated] = field(default_factory=list)
    via: dict[str, list[str]] = field(default_factory=dict)

    def svg(self, width: int = 920, height: int = 520) -> str:
        return map_svg(self.points, width, height, self.areas, self.inside, self.unlocated)


def _outline_of(place: EntityInfo) -> int | None:
    index = outline_index()
    for name in (place.sheet.name, *place.sheet.aliases):
        if name_key(name) in index:
            return index[name_key(name)]
    return None


def map_places(rd: Renderer, places: list[EntityInfo], page: str) -> MapPlaces:
    """How each of places is drawn (see the module's docstring). What is found for a
    place on a `within` chain is kept, so each chain is followed once: linear in the number
    of places; a chain that loops (refused by check) ends where it loops."""
    entities = rd.r.entities
    up = lambda pid: rd.r.ref(entities[pid].sheet.within) if entities[pid].sheet.within else None
    outline: dict[str, int | None] = {}
    under_country: dict[str, bool] = {}

    def outline_for(pid: str) -> int | None:
        if pid not in outline:
            sheet = entities[pid].sheet
            outline[pid] = None if sheet.coordinates else _outline_of(entities[pid])
        return outline[pid]

    def in_country(pid: str) -> bool:
        """Whether a place pid lies within (at any depth) is a country; remembered for each
        place on the way."""
        path, found = [], False
        while pid not in under_country:
            path.append(pid)
            pid = up(pid)
            if not pid or pid in path:
                break
            if outline_for(pid) is not None:
                found = True
                break
        else:
            found = under_country[pid]
        for p in path:
            under_country[p] = found
        return under_country[path[0]] if path else found

    drawn: dict[str, bool] = {}

    def is_drawn(pid: str) -> bool:
        if pid not in drawn:
            sheet = entities[pid].sheet
            drawn[pid] = bool(sheet.coordinates) or (outline_for(pid) is not None and not in_country(pid))
        return drawn[pid]

    above_memo: dict[str, str | None] = {}

    def drawn_above(pid: str) -> str | None:
        """The nearest drawn place pid lies within; each place on the way is remembered."""
        path, seen, found = [], {pid}, None
        pid = up(pid)
        while pid and pid not in seen:
            if pid in above_memo or is_drawn(pid):
                found = pid if is_drawn(pid) else above_memo[pid]
                break
            path.append(pid)
            seen.add(pid)
            pid = up(pid)
        for p in path:
            above_memo[p] = found
        return found

    result = MapPlaces()
    for place in sorted(places, key=lambda p: p.id):
        href = rd.view_href(page, place.id)
        if place.sheet.coordinates:
            result.points.append(map_point(rd, place, page))
        elif is_drawn(place.id):
            result.areas.append(MapArea(place.id, place.sheet.name, outline_for(place.id), href,
                                        rd.events_at_place(place.id)))
        else:
            shown_in = drawn_above(place.id)
            if shown_in:
                result.inside.append(MapInside(place.id, place.sheet.name, href, shown_in))
                result.via[place.id] = list(dict.fromkeys([up(place.id), shown_in]))
            else:
                result.unlocated.append(Unlocated(place.id, place.sheet.name, href))
    return result


def small_map(rd: Renderer, place: EntityInfo, page: str) -> str:
    """A place's page: the place as a point or an area, or the place it is shown within
    with its name under that place's label; "" when it is not on the map."""
    chain, pid, entities = [place], place.id, rd.r.entities
    while entities[pid].sheet.within and len(chain) <= len(entities):
        pid = rd.r.ref(entities[pid].sheet.within)
        if any(p.id == pid for p in chain):
            break
        chain.append(entities[pid])
    drawn = map_places(rd, chain, page)
    if place.id in drawn.via:
        shown_in = drawn.via[place.id][-1]
        drawn.points = [p for p in drawn.points if p.id == shown_in]
        drawn.areas = [a for a in drawn.areas if a.id == shown_in]
        drawn.inside = [i for i in drawn.inside if i.id == place.id]
    else:
        drawn.points = [p for p in drawn.points if p.id == place.id]
        drawn.areas = [a for a in drawn.areas if a.id == place.id]
        drawn.inside = []
    drawn.unlocated = []
    return drawn.svg(700, 360)


def map_page(rd: Renderer) -> str:
    page = MAP_PAGE
    places = rd.r.by_kind("places")
    drawn = map_places(rd, places, page)
    by_name = lambda items: sorted(items, key=lambda p: (p.name.casefold(), p.id))
    return rd.render("map.md.j2", page, view=Markup(drawn.svg()), total=len(places),
                     points=by_name(drawn.points), areas=by_name(drawn.areas),
                     outline_name={a.id: outlines()[a.outline].name for a in drawn.areas},
                     inside=by_name(drawn.inside), via=drawn.via, unlocated=by_name(drawn.unlocated))
