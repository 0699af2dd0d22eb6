"""Spelling variants of names the dossier knows: "Kadyroff" for "Kadyrov", "Abdel Mahdi"
for "Abdul-Mahdi", "Kuznestova" for "Kuznetsova". `dossier new-source` reports such a
candidate as probably a known entity (add the spelling as an alias?) instead of as a new
name.

Both spellings are first brought to a common form that folds the usual differences of
transliteration (accents, case, hyphens, doubled letters, y/i, -off/-ov, Abdel/Abdul,
ou/u, kh/h, j/y), then compared with RapidFuzz's optimal string alignment distance
(a transposition counts as one edit): none allowed under 5 letters ("Iraq" is not "Iran"),
one under 10, two beyond."""

from __future__ import annotations

import re
import unicodedata

from rapidfuzz.distance import OSA

_FOLDS = [
    (re.compile(r"\babd[eu]l"), "abdul"), (re.compile(r"\b(?:el|al|ul)[- ]"), "al "),
    (re.compile(r"off\b"), "ov"), (re.compile(r"ou"), "u"), (re.compile(r"kh"), "h"),
    (re.compile(r"j"), "y"), (re.compile(r"y"), "i"), (re.compile(r"(\w)\1"), r"\1"),
    (re.compile(r"[-'’.]"), " "), (re.compile(r"\s+"), " "),
]


def fold(name: str) -> str:
    """The common form of a name's spellings."""
    text = "".join(c for c in unicodedata.normalize("NFKD", name.casefold()) if not unicodedata.combining(c))
    for pattern, replacement in _FOLDS:
        text = pattern.sub(replacement, text)
    return text.strip()


def allowed_edits(length: int) -> int:
    return 0 if length < 5 else 1 if length < 10 else 2


class VariantFinder:
    """Known names by their folded form; `find` gives the known name a spelling is a
    variant of, or None. A look-up compares only names with the same first letter and a
    length within reach (a name more edits longer or shorter cannot be a variant)."""

    def __init__(self, names: dict[str, list[str]]):
        self.known: dict[str, tuple[str, str]] = {}  # folded -> (entity id, the name as written)
        for entity_id, entity_names in names.items():
            for name in entity_names:
                self.known.setdefault(fold(name), (entity_id, name))
        self.by_start: dict[tuple[str, int], list[str]] = {}  # (first letter, length) -> folded names
        for folded in self.known:
            self.by_start.setdefault((folded[:1], len(folded)), []).append(folded)

    def find(self, name: str) -> tuple[str, str] | None:
        folded = fold(name)
        if folded in self.known:
            return self.known[folded]
        reach = allowed_edits(len(folded))
        if not reach:
            return None
        best = None
        for length in range(len(folded) - reach, len(folded) + reach + 1):
            # a different first letter is another name: "Maria" is not "Daria"
            for other in self.by_start.get((folded[:1], length), []):
                if allowed_edits(min(len(other), len(folded))) == 0:
                    continue
                distance = OSA.distance(folded, other, score_cutoff=reach)
                if distance <= reach and (best is None or (distance, other) < best[:2]):
                    best = (distance, other, self.known[other])
        return best[2] if best else None
