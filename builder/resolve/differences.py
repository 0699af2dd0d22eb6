"""What kind of difference it is when sources give one property different values.

A kind is stated by the curator (`difference:` on any claim of the group) or computed, in
this order, from what the values are:

  scope      the claims carry different `scope` or `as_of` qualifiers, or figures of
             different units: they count different things or report different moments, so
             both can be true
  precision  every value is a place of the dossier and each lies within another's area or is
             it (Zhukovsky airport, within Moscow, and Moscow), or a date (periods that
             overlap: "2017" and "late 2017"), or a figure (quantities.compatible: 123 and
             "over 120"), and all of them can be true
  conflict   places, dates or figures that cannot all be true (aged "3 to 10" against "3 to
             15"; two places neither of which lies within the other)
  spelling   the values are one name spelt differently ("Adel Abdel Mahdi", "Adil
             Abdul-Mahdi"): close after folding case, accents, hyphens and spaces
  unclassified  none of the above: `dossier check` asks the curator to state the kind

"wording" (the same thing said in other words) can only be stated.
"""

from __future__ import annotations

import re
import unicodedata
from difflib import SequenceMatcher
from itertools import combinations

from ..model.dates import parse_date
from ..model.quantities import compatible, parse_quantity

KINDS = ("conflict", "scope", "precision", "wording", "spelling")
ORDER = ("conflict", "unclassified", "scope", "precision", "wording", "spelling")  # for readers
TITLES = {"conflict": "Sources conflict", "unclassified": "Sources differ (not yet classified)",
          "scope": "Different scope or time", "precision": "Different precision",
          "wording": "Different wording", "spelling": "Different spelling"}
SPELLING_SIMILARITY = 0.8


def _date(value: str):
    """The date a value begins with ("2017 (last year)" -> 2017), or None."""
    head = re.split(r"\s*[(,;]", value, maxsplit=1)[0].strip()
    try:
        parsed = parse_date(head)
    except ValueError:
        return None
    return parsed if parsed.known else None


def _folded(value: str) -> str:
    text = unicodedata.normalize("NFKD", value.casefold())
    return "".join(c for c in text if c.isalnum())


def _spelt_alike(values: list[str]) -> bool:
    if any(len(v.split()) > 6 for v in values):
        return False  # a sentence, not a name
    return all(SequenceMatcher(None, _folded(a), _folded(b)).ratio() >= SPELLING_SIMILARITY
               for a, b in combinations(values, 2))


def _inside(place: str, other: str, within: dict[str, str]) -> bool:
    """Whether place is other or lies within it, following `within` up (cycles stop it)."""
    seen = set()
    while place and place not in seen:
        if place == other:
            return True
        seen.add(place)
        place = within.get(place, "")
    return False


def computed_kind(values: list[str], qualifiers: list[tuple[str, str]],
                  place_of=lambda value: None, within: dict[str, str] | None = None,
                  figures: list | None = None) -> str:
    """The kind of difference between values (one per group of claims), given each group's
    (scope, as of) qualifiers; place_of(value) is the id of the place a value names, if any,
    and within maps a place to the place it lies within; figures: each value's figure where
    the curator wrote it as a structure (None: read from the words)."""
    if len(set(qualifiers)) > 1:
        return "scope"
    places = [place_of(v) for v in values]
    if all(places):
        nested = all(_inside(a, b, within or {}) or _inside(b, a, within or {})
                     for a, b in combinations(places, 2))
        return "precision" if nested else "conflict"
    dates = [_date(v) for v in values]
    if all(dates):
        overlap = all(a.start <= b.end and b.start <= a.end for a, b in combinations(dates, 2))
        return "precision" if overlap else "conflict"
    figures = [f or parse_quantity(v) for v, f in zip(values, figures or [None] * len(values))]
    if all(figures):
        if len({f.unit for f in figures if f.unit}) > 1:
            return "scope"  # figures of different units count different things
        return "precision" if all(compatible(a, b) for a, b in combinations(figures, 2)) else "conflict"
    if _spelt_alike(values):
        return "spelling"
    return "unclassified"
