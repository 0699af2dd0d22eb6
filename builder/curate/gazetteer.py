"""Countries, their other names and their demonyms, from the `countryinfo` package (MIT),
for `dossier new-source`: a country's name points at a place, and an adjective such as
"French" or "American" is a demonym, not a name. Loaded once, on first use (about 0.03 s)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import countryinfo

from ..resolve.resolved import name_key

# Adjectives of belief that news texts capitalise; like demonyms, they are not names.
BELIEFS = {"muslim", "muslims", "sunni", "sunnis", "shia", "shiite", "shiites", "christian", "christians",
           "jewish", "catholic", "orthodox", "protestant", "hindu", "buddhist", "islamic", "islamist",
           "islamists", "jihadist", "jihadists", "salafist", "salafi", "evangelical"}


@dataclass(frozen=True)
class Gazetteer:
    places: dict[str, str]  # name key of a country's name, other name or capital -> how it is known
    demonyms: dict[str, str]  # name key of a demonym -> the country's name


@cache
def gazetteer() -> Gazetteer:
    places: dict[str, str] = {}
    demonyms: dict[str, str] = {}
    # the most populous first: "American" is the United States' demonym before its territories'
    for country in sorted(countryinfo.all_countries(), key=lambda c: (-(c.population() or 0), c.name() or "")):
        try:
            name, other, capital = country.name(), country.alt_spellings() or [], country.capital()
            demonym, regions = country.demonym(), (country.region(), country.subregion())
        except Exception:  # an entry with missing data: skip it  # noqa: BLE001
            continue
        if not name:
            continue
        places.setdefault(name_key(name), "a country")
        for alias in other:
            # two-letter codes are left out: "IS", "IN" or "IT" are more often something else
            if len(alias) > 2:
                places.setdefault(name_key(alias), f"another name of {name}")
        for city in capital if isinstance(capital, list) else [capital]:  # some countries have more than one
            if city:
                places.setdefault(name_key(city), f"the capital of {name}")
        for region in regions:
            if region:
                places.setdefault(name_key(region), "a region of the world")
        if demonym:
            demonyms.setdefault(name_key(demonym), name)
    return Gazetteer(places, demonyms)
