"""What kind of difference it is when sources give one property different values.

A kind belongs to a pair of values: a point with three values ("directly from Iraq", "from
Jordan", "from Amman") holds a conflict (Iraq against Jordan) and a difference of precision
(Jordan against Amman). The curator states a kind on a claim (`difference:`), for every
pair of the point or, as a mapping from the other value to a kind, for one pair; the others
are computed here (`pair_kind`), in this order:

  scope      the claims count different things or report different moments, so both can
             be true: their `scope` differs, their `as_of` periods do not overlap, or their
             figures are in different units
  spelling   one name spelt differently: both values name the same entity of the dossier
             and are spelt alike, or they are spelt alike after folding transliteration
             (model/names.py: "Dorvala"/"Dorvalla", "Kuznetsova"/"Кузнецова")
  wording    the same thing in other words: two names of one entity not spelt alike
             ("ICRC", "International Committee of the Red Cross"), equal dates or equal
             figures written differently ("12 orphans", "12 without a parent")
  precision  values that can both be true at different precision: places one within the
             other (through `within`), dates whose periods overlap ("2017", "late 2017"),
             figures that can both hold (quantities.compatible: 123 and "over 120")
  conflict   places, dates, figures or entities of one kind that cannot all be true
  unclassified  none of the above can be told from the values: free text, figures of
             different things ("140 charged", "over 60 convicted"), or values that would
             conflict while only one claim says when or what it counts; `dossier check`
             asks the curator to state the kind

A point's kind, for ordering and headings, is the first of ORDER that any of its pairs has.
Values joined by precision, wording or spelling form one side (`sides`): a point whose
pairs conflict is shown as a conflict between its sides, each with its variants.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import combinations

from ..model.dates import FuzzyDate, TimeOfDay, date_in_words, time_of_day
from ..model.names import acronym_of, fold_name, spelt_alike, transliterated
from ..model.quantities import Quantity, compatible, counted, currencies, labelled, measure, parse_quantity

ORDER = ("conflict", "unclassified", "scope", "precision", "wording", "spelling")  # for readers
TITLES = {"conflict": "Sources conflict", "unclassified": "Sources differ (not yet classified)",
          "scope": "Different scope or time", "precision": "Different precision",
          "wording": "Different wording", "spelling": "Different spelling"}
VARIANT = {"precision": "at other precision", "wording": "in other words", "spelling": "spelt otherwise"}
SAME_SIDE = frozenset(VARIANT)
MAX_NAME_WORDS = 6  # a longer value is a sentence, not a name
MAX_WORDS_BESIDE = 2  # words beside a name in a value that still names it ("directly from Iraq")
# Words that say nothing of what a figure counts ("30 in all" counts what "30" does)
_GENERIC = frozenset("in all total altogether overall of them".split())
# Irregular past participles: a figure followed by one counts people who underwent something
# ("60 held"), as "60 convicted" does; other words name what is counted ("60 women")
_PARTICIPLES = frozenset("held taken born sent kept found brought flown seen left hurt put shot".split())


@dataclass(frozen=True)
class Value:
    """One value of a property as the claims give it, with their qualifiers."""

    text: str
    scope: str = ""
    as_of: FuzzyDate | None = None
    figure: Quantity | None = None  # written as a structure by the curator; else read from the words


@dataclass
class Known:
    """What the detector knows of the dossier: the entity a text names exactly (`lookup`,
    by id, name or alias), the entity a text is a spelling of (`spelling_of`, or None),
    each entity's kind and the place each place lies within."""

    lookup: Callable[[str], str | None]
    kind_of: Callable[[str], str]
    within: dict[str, str] = field(default_factory=dict)
    spelling_of: Callable[[str], str | None] = lambda text: None

    def named(self, text: str) -> str | None:
        """The one entity a short value names: all of it, or its longest known part ("from
        Amman" names Amman), or, failing both, the entity it is a spelling of."""
        words = text.split()
        if not words or len(words) > MAX_NAME_WORDS + MAX_WORDS_BESIDE:
            return None
        exact = self.lookup(text)
        if exact:
            return exact
        shortest = max(len(words) - MAX_WORDS_BESIDE, 1)
        for size in range(len(words) - 1, shortest - 1, -1):
            found = {self.lookup(" ".join(words[i:i + size])) for i in range(len(words) - size + 1)} - {None}
            if len(found) == 1:
                return found.pop()
            if found:
                return None  # two entities in one value: not one name
        return self.spelling_of(text) if len(words) <= MAX_NAME_WORDS else None


NOTHING_KNOWN = Known(lambda text: None, lambda entity_id: "")


def _inside(place: str, other: str, within: dict[str, str]) -> bool:
    """Whether place is other or lies within it, following `within` up (cycles stop it)."""
    seen = set()
    while place and place not in seen:
        if place == other:
            return True
        seen.add(place)
        place = within.get(place, "")
    return False


def _qualifiers(a: Value, b: Value) -> str:
    """"scope" when the qualifiers say the values count different things or moments,
    "uncertain" when only one says what or when, or the moments may be one, else ""."""
    found = ""
    scopes = (fold_name(a.scope).strip(), fold_name(b.scope).strip())
    if all(scopes) and scopes[0] != scopes[1]:
        return "scope"
    if any(scopes) and not all(scopes):
        found = "uncertain"
    if a.as_of and b.as_of:
        periods = _periods(a.as_of, b.as_of)
        if periods == "apart":
            return "scope"
        if periods == "overlap":
            found = "uncertain"
    elif a.as_of or b.as_of:
        found = "uncertain"
    return found


def _counted_kind(a: str, b: str) -> str:
    """What two figures' words say they count: "same" (as far as words tell: equal, or one
    says only the figure), "things" (different nouns: "30 children", "12 women" count
    different people, both can be true) or "unknown": what happened to them ("140 charged",
    "over 60 convicted" may count the same people at two steps, or not), or amounts in two
    currencies ("BGN 12 million", "€6 million" may be one amount converted, or not)."""
    wa = [w for w in a.split() if w not in _GENERIC]
    wb = [w for w in b.split() if w not in _GENERIC]
    stem = lambda w: w[:-1] if w.endswith("s") and len(w) > 3 else w  # noqa: E731
    if not wa or not wb or [stem(w) for w in wa] == [stem(w) for w in wb]:
        return "same"
    money_a, money_b = currencies(wa[0]), currencies(wb[0])
    if money_a and money_b:  # "10,000 leva", "BGN 10,000"; an amount in two currencies may be converted
        return "same" if money_a & money_b else "unknown"
    predicate = lambda w: (w.endswith("ed") and len(w) > 4) or w in _PARTICIPLES  # noqa: E731
    return "unknown" if predicate(wa[0]) or predicate(wb[0]) else "things"


def _periods(a: FuzzyDate, b: FuzzyDate) -> str:
    """"same", "overlap" or "apart": how two dates' periods lie."""
    if (a.start, a.end) == (b.start, b.end):
        return "same"
    return "overlap" if a.start <= b.end and b.start <= a.end else "apart"


def _times_kind(a: TimeOfDay, b: TimeOfDay) -> str:
    """Times of day compare as periods when given in one zone ("around 2 a.m.", "2:13 a.m.":
    precision). Times in two zones are not compared (Dossier knows no zone's offset); two
    exact times with no zone and the same minutes past the hour ("10:42", "09:42") may be
    one moment in two zones."""
    if a.zone != b.zone:
        return "unclassified"
    if (a.first, a.last) == (b.first, b.last):
        return "wording"
    if a.first <= b.last and b.first <= a.last:
        return "precision"
    exact = a.first == a.last and b.first == b.last and a.first % 60 == b.first % 60 != 0
    return "unclassified" if not a.zone and exact else "conflict"


def _figure(value: Value) -> tuple[Quantity | None, str]:
    """A value's figure (written by the curator, or read from its first words) and the words
    that say what it counts."""
    figure = value.figure or parse_quantity(value.text)
    return (figure, counted(value.text)) if figure else (None, "")


def _figures_kind(ca: str, cb: str, fa: Quantity, fb: Quantity) -> str:
    if fa.unit and fb.unit and fa.unit != fb.unit:
        return "scope"  # figures of different units count different things
    if fa.same_figure(fb):
        return "wording"  # equal figures are never a difference of precision
    counted_kind = _counted_kind(ca, cb)
    if counted_kind == "things":
        return "scope"
    if counted_kind == "unknown":
        return "unclassified"  # "140 charged", "over 60 convicted": the builder cannot know
    return "precision" if compatible(fa, fb) else "conflict"


def _entities_kind(a: Value, b: Value, ea: str, eb: str, known: Known) -> str:
    if ea == eb:  # one entity: its name spelt otherwise (or in another alphabet), or another of its names
        return "spelling" if spelt_alike(a.text, b.text) or transliterated(a.text, b.text) else "wording"
    ka, kb = known.kind_of(ea), known.kind_of(eb)
    if ka == kb == "places":
        nested = _inside(ea, eb, known.within) or _inside(eb, ea, known.within)
        return "precision" if nested else "conflict"
    return "conflict" if ka == kb else "unclassified"


# A place given by where it lies from a known place: "a warehouse in Tobruk", "some 40
# nautical miles south of Gavdos", "off the coast of Crete": (what, relation, the place)
_DIRECTION = r"(?:north|south|east|west)(?:[- ]?(?:north|south|east|west))?"
_LOCATED = re.compile(rf"^(?P<head>.*?)\b(?P<relation>in|at|near|outside|off|close to|on the outskirts of|"
                      rf"(?:to the\s+)?{_DIRECTION}\s+of)\s+(?P<place>[^,;]+)$", re.IGNORECASE)


def _location(text: str, known: Known) -> tuple[str, str, str] | None:
    """(head, relation, place id) of a value that places something relative to a known
    place; a value that is only a place's name is ("", "", its id); else None."""
    match = _LOCATED.match(text.strip())
    if match:
        place = known.named(match["place"])
        if place and known.kind_of(place) == "places":
            return match["head"].strip(), " ".join(match["relation"].lower().split()), place
    place = known.lookup(text.strip())
    return ("", "", place) if place and known.kind_of(place) == "places" else None


def _locations_kind(a: Value, b: Value, known: Known) -> str | None:
    """Two places given relative to known places: places that cannot overlap conflict (but a
    place named alone may be the one another value says is near its place); the
    value on a place within the other's, or with a distance the other lacks, is the more
    precise; two distances from one place compare as measures. None unless one of the values
    is placed by a relation ("near", "south of"...) and both name places."""
    la, lb = _location(a.text, known), _location(b.text, known)
    if not la or not lb or not (la[1] or lb[1]):
        return None
    (head_a, relation_a, pa), (head_b, relation_b, pb) = la, lb
    if not (_inside(pa, pb, known.within) or _inside(pb, pa, known.within)):
        inside = {"", "in", "at"}  # "near Mosul" may be the place a value names by name alone
        bare = (not head_a and not relation_a and relation_b not in inside) or \
            (not head_b and not relation_b and relation_a not in inside)
        return "unclassified" if bare else "conflict"
    ma, mb = measure(head_a) if head_a else None, measure(head_b) if head_b else None
    if pa != pb:
        return "unclassified" if ma and mb else "precision"  # distances from two places: not compared
    if ma and mb:
        return _figures_kind("", "", ma, mb)
    if bool(head_a or relation_a) != bool(head_b or relation_b) or bool(ma) != bool(mb):
        return "precision"  # "Tobruk", "a warehouse in Tobruk"; "south of Gavdos", "40 miles south of Gavdos"
    return "wording" if (fold_name(head_a), relation_a) == (fold_name(head_b), relation_b) else "unclassified"


def _values_kind(a: Value, b: Value, known: Known) -> str:
    if fold_name(a.text) == fold_name(b.text):
        return "spelling"  # in other capitals
    located = _locations_kind(a, b, known)
    if located:
        return located
    da, db = date_in_words(a.text), date_in_words(b.text)
    if da and db:
        return {"same": "wording", "overlap": "precision", "apart": "conflict"}[_periods(da, db)]
    ha, hb = time_of_day(a.text), time_of_day(b.text)
    if ha and hb:
        return _times_kind(ha, hb)
    (fa, ca), (fb, cb) = _figure(a), _figure(b)
    ta, tb = measure(a.text), measure(b.text)
    if ta and tb:  # "two weeks", "14 days"; "25 metres", "82 feet": measures, in any unit
        return _figures_kind("", "", ta, tb)
    if (ta and fb) or (tb and fa):  # a measure against another figure
        return "scope" if (cb if ta else ca) else "unclassified"
    if not (ta or tb) and not (fa and fb):  # "6.4", "magnitude 6.4"; "School No. 14", "School No. 41"
        la, lb = ((fa, ca) if fa else labelled(a.text)), ((fb, cb) if fb else labelled(b.text))
        if la and lb:
            (fa, ca), (fb, cb) = la, lb
    if fa and fb:
        return _figures_kind(ca, cb, fa, fb)
    if da or db or fa or fb:
        return "unclassified"  # a date or a figure against words
    ea, eb = known.named(a.text), known.named(b.text)
    if ea and eb:
        return _entities_kind(a, b, ea, eb, known)
    if acronym_of(a.text, b.text) or acronym_of(b.text, a.text):
        return "wording"  # "IFRC", "International Federation of Red Cross and Red Crescent Societies"
    short = len(a.text.split()) <= MAX_NAME_WORDS and len(b.text.split()) <= MAX_NAME_WORDS
    return "spelling" if short and spelt_alike(a.text, b.text) else "unclassified"


def pair_kind(a: Value, b: Value, known: Known = NOTHING_KNOWN) -> str:
    """The kind of difference between two values of one property."""
    qualifiers = _qualifiers(a, b)
    if qualifiers == "scope":
        return "scope"
    kind = _values_kind(a, b, known)
    return "unclassified" if qualifiers == "uncertain" and kind == "conflict" else kind


def point_kind(pairs: dict[tuple[int, int], str]) -> str:
    """The kind a point is listed under: the first of ORDER that any of its pairs has."""
    return min(pairs.values(), key=ORDER.index) if pairs else "unclassified"


def sides(count: int, pairs: dict[tuple[int, int], str]) -> list[list[int]]:
    """The values (by index) grouped into sides: joined by precision, wording or spelling.
    Each side lists its values in their order; sides come in the order of their first value."""
    parent = list(range(count))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for (i, j), kind in sorted(pairs.items()):
        if kind in SAME_SIDE:
            parent[max(root(i), root(j))] = min(root(i), root(j))
    groups: dict[int, list[int]] = {}
    for i in range(count):
        groups.setdefault(root(i), []).append(i)
    return list(groups.values())


def all_pairs(values: list[Value], known: Known = NOTHING_KNOWN) -> dict[tuple[int, int], str]:
    return {(i, j): pair_kind(values[i], values[j], known) for i, j in combinations(range(len(values)), 2)}
