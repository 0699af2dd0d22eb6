"""Adjectives and demonyms among the candidate names of `dossier new-source` (step 5 of
candidates.py): a one-word candidate that is a country's demonym, a belief, a direction, a
name of the text with an adjective's ending, or the people a land ending in -stan is named
for; and phrases of them ("Central Asian", "Syrian city")."""

from __future__ import annotations

from .gazetteer import BELIEFS, gazetteer
from .words import _ADJECTIVE_ENDINGS, DIRECTIONS, INSTITUTIONS, ORG_WORDS, PLACE_WORDS, _bare
from ..resolve.resolved import name_key


def _by_prefix(keys) -> dict[str, list[str]]:
    """Names by the first five letters of their first word, shortest first."""
    found: dict[str, list[str]] = {}
    for other in sorted(keys, key=lambda k: (len(k), k)):
        first = other.split(" ")[0]
        if len(first) >= 5 and not first.endswith(_ADJECTIVE_ENDINGS + ("en",)):
            found.setdefault(first[:5], []).append(other)
    return found


_POSITIONS = DIRECTIONS | {"middle", "north", "south", "east", "west"}  # "Central": no place's adjective


def _phrase_adjective_of(name: str, keys: set[str], places: dict[str, str], names: dict[str, str],
                         by_prefix: dict[str, list[str]]) -> str | None:
    """What a phrase of adjectives is an adjective of ("Central Asian": Asia, "Middle
    Eastern", "South African"), also with lower-case words after it that are not a body
    ("Syrian city", "Central Asian nations"; "Russian interior ministry" is a body)."""
    words = name.split()
    if any(w.islower() and w in (INSTITUTIONS | ORG_WORDS) - {"nations", "states"} for w in words):
        return None  # "Russian security services": a body
    found = None
    for word in words:
        if word.islower():
            continue
        key = name_key(_bare(word))
        if key in _POSITIONS:
            continue
        if key in ORG_WORDS | PLACE_WORDS:
            return None  # "Chechen Republic", "Syrian Army": a name
        found = _adjective_of(key, keys, places, names, by_prefix)
        if found is None:
            return None
    if found is None and name.endswith("ern"):  # only directions: "Middle Eastern"
        return name[:-3]
    return found


def _adjective_of(key: str, keys: set[str], places: dict[str, str], names: dict[str, str],
                  by_prefix: dict[str, list[str]] | None = None) -> str | None:
    """What a one-word candidate is an adjective of, if it is one: a country's demonym
    ("French"), a belief ("Sunni"), or a name in the text or the gazetteer with an
    adjective's ending added ("Kavarian" of "Kavaria", "Chechen" of "Chechnya"), or the
    people a land ending in -stan is named for ("Kazakh" of "Kazakhstan"); a plural as its
    singular ("Russians", "Kazakhs", "Asians"). A place of the gazetteer is no adjective,
    though it ends like one ("Kazakhstan", "Jordan")."""
    if key in places:
        return None
    found = _singular_adjective_of(key, keys, places, names, by_prefix)
    if found is None and key.endswith("s") and len(key) > 3:
        found = _singular_adjective_of(key[:-1], keys, places, names, by_prefix)
    return found


def _singular_adjective_of(key: str, keys: set[str], places: dict[str, str], names: dict[str, str],
                           by_prefix: dict[str, list[str]] | None) -> str | None:
    for land in (key + "stan", key + "istan"):
        if land in keys or land in places:
            return names.get(land) or land.title()
    demonym = gazetteer().demonyms.get(key)
    if demonym:
        return demonym  # "French", "Russians"
    if key in BELIEFS:
        return "a belief"
    if key in DIRECTIONS:
        return "a direction"
    for ending in _ADJECTIVE_ENDINGS + ("en",):
        if key.endswith(ending) and len(key) - len(ending) >= 3:
            stem = key[:-len(ending)]
            if stem in keys or stem in places:
                return names.get(stem) or stem.title()
    if key.endswith(_ADJECTIVE_ENDINGS + ("en",)) and len(key) >= 6:
        # the same first five letters: "Chechen" and "Chechnya", "Kurdish" and "Kurdistan Region";
        # the shortest such name, which is the place rather than a longer name that starts with it
        if by_prefix is None:
            by_prefix = _by_prefix(keys | set(places))
        near = [other for other in by_prefix.get(key[:5], []) if other != key]
        if near:
            return names.get(near[0]) or near[0].title()
    return None
