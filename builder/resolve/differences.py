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

from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import combinations

from ..model.dates import FuzzyDate, date_in_words
from ..model.names import fold_name, skeleton, spelt_alike
from ..model.quantities import Quantity, compatible, counted, parse_quantity

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
    different people, both can be true) or "predicates" (what happened to them: "140
    charged", "over 60 convicted" may count the same people at two steps, or not)."""
    wa = [w for w in a.split() if w not in _GENERIC]
    wb = [w for w in b.split() if w not in _GENERIC]
    stem = lambda w: w[:-1] if w.endswith("s") and len(w) > 3 else w  # noqa: E731
    if not wa or not wb or [stem(w) for w in wa] == [stem(w) for w in wb]:
        return "same"
    predicate = lambda w: (w.endswith("ed") and len(w) > 4) or w in _PARTICIPLES  # noqa: E731
    return "predicates" if predicate(wa[0]) or predicate(wb[0]) else "things"


def _periods(a: FuzzyDate, b: FuzzyDate) -> str:
    """"same", "overlap" or "apart": how two dates' periods lie."""
    if (a.start, a.end) == (b.start, b.end):
        return "same"
    return "overlap" if a.start <= b.end and b.start <= a.end else "apart"


def _figures_kind(a: Value, b: Value, fa: Quantity, fb: Quantity) -> str:
    if fa.unit and fb.unit and fa.unit != fb.unit:
        return "scope"  # figures of different units count different things
    if (fa.low, fa.high) == (fb.low, fb.high):
        return "wording"  # equal figures are never a difference of precision
    counted_kind = _counted_kind(counted(a.text), counted(b.text))
    if counted_kind == "things":
        return "scope"
    if counted_kind == "predicates":
        return "unclassified"  # "140 charged", "over 60 convicted": the builder cannot know
    return "precision" if compatible(fa, fb) else "conflict"


def _entities_kind(a: Value, b: Value, ea: str, eb: str, known: Known) -> str:
    if ea == eb:  # one entity: its name spelt otherwise, or another of its names
        alike = spelt_alike(a.text, b.text) or skeleton(a.text) == skeleton(b.text) != ""
        return "spelling" if alike else "wording"
    ka, kb = known.kind_of(ea), known.kind_of(eb)
    if ka == kb == "places":
        nested = _inside(ea, eb, known.within) or _inside(eb, ea, known.within)
        return "precision" if nested else "conflict"
    return "conflict" if ka == kb else "unclassified"


def _values_kind(a: Value, b: Value, known: Known) -> str:
    if fold_name(a.text) == fold_name(b.text):
        return "spelling"  # in other capitals
    da, db = date_in_words(a.text), date_in_words(b.text)
    if da and db:
        return {"same": "wording", "overlap": "precision", "apart": "conflict"}[_periods(da, db)]
    fa, fb = a.figure or parse_quantity(a.text), b.figure or parse_quantity(b.text)
    if fa and fb:
        return _figures_kind(a, b, fa, fb)
    if da or db or fa or fb:
        return "unclassified"  # a date or a figure against words
    ea, eb = known.named(a.text), known.named(b.text)
    if ea and eb:
        return _entities_kind(a, b, ea, eb, known)
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
