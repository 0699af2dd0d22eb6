"""Text that people compare by eye: names, aliases and ids.

A contributor could plant a look-alike entity ("Anna Smith" with a Cyrillic "А", or with
an invisible zero-width space) or a page that Windows cannot unzip (an id such as "con").
These checks refuse such values at validation; `name_key` compares names after the same
folding (NFKC, case folding, invisible characters removed), so look-alikes that slip
through still collide.
"""

from __future__ import annotations

import re
import unicodedata

from anyascii import anyascii
from rapidfuzz.distance import OSA, Levenshtein

from ..core.errors import CONTROL_CHARACTERS

# Ids become file names: these are taken by the builder's own pages or by Windows devices.
RESERVED_IDS = frozenset({"index", "raw", "assets", "search"} | {
    "con", "prn", "aux", "nul", "conin$", "conout$",
    *(f"{d}{n}" for d in ("com", "lpt") for n in "0123456789")})
_CONFUSABLE_SCRIPTS = {"LATIN", "CYRILLIC", "GREEK"}  # alphabets whose letters look alike


def check_id(value: str) -> str:
    if value in RESERVED_IDS:
        raise ValueError(f"the id '{value}' is reserved (a page of the site or a Windows device "
                         "name); choose another, e.g. with a word added")
    return value


def check_text(value: str) -> str:
    """No control characters and no direction overrides (they make text read differently
    from what it is, in the browser and in a terminal)."""
    m = CONTROL_CHARACTERS.search(value)
    if m:
        raise ValueError(f"the text holds the invisible control character U+{ord(m.group()):04X} "
                         f"at position {m.start() + 1}; remove it")
    return value


def _script(char: str) -> str | None:
    if not char.isalpha():
        return None
    name = unicodedata.name(char, "")
    return name.split(" ")[0] if name else None


def check_name(value: str) -> str:
    for i, char in enumerate(value):
        if unicodedata.category(char) == "Cf":
            raise ValueError(f"the name holds the invisible character U+{ord(char):04X} at position "
                             f"{i + 1}; remove it (it makes a name look like another)")
    for word in re.split(r"[\s\-‐-―'’.]+", value):
        scripts = {_script(c) for c in word} & _CONFUSABLE_SCRIPTS
        if len(scripts) > 1:
            odd = _odd_letter(word)
            raise ValueError(f"'{word}' mixes {' and '.join(sorted(s.title() for s in scripts))} "
                             f"letters{odd}; write each word in one alphabet (a mixed word is a "
                             "look-alike of another name)")
    return value


def _odd_letter(word: str) -> str:
    scripts = [_script(c) for c in word]
    counts = {s: scripts.count(s) for s in set(scripts) if s in _CONFUSABLE_SCRIPTS}
    rare = min(counts, key=lambda s: (counts[s], s))
    char = next(c for c, s in zip(word, scripts) if s == rare)
    return f": '{char}' is {unicodedata.name(char, 'U+%04X' % ord(char))}"


def fold_name(text: str) -> str:
    """NFKC, case folded, invisible format characters removed: the form names are compared in."""
    text = "".join(c for c in unicodedata.normalize("NFKC", text) if unicodedata.category(c) != "Cf")
    return text.casefold()


# -- spellings of one name ------------------------------------------------------------------
# Both spellings are first brought to a common form that folds the usual differences of
# transliteration: any script written in Latin letters (anyascii: "Кузнецова" ->
# "Kuznetsova"), accents, case, hyphens, the article al-/el- (dropped), doubled letters,
# y/i, dzh/dj/j, j/y, w/v, x/ks, -off/-ov, Abdel/Abdul, ou/u, kh/h, sch/sh, ts/tz/z (English,
# French and German transliterations of one Slavic or Arabic name), a company's legal form
# at the end ("Kadyr-Stroy LLC", "Kadyr-Stroi"); then compared with RapidFuzz's
# optimal string alignment distance (a transposition counts as one edit): none allowed under
# 5 letters ("Iraq" is not "Iran"), one under 10, two beyond.
_FOLDS = [
    (re.compile(r"\babd[eu]l"), "abdul"), (re.compile(r"\b(?:el|al|ul)[- ]"), ""),
    (re.compile(r"off\b"), "ov"), (re.compile(r"ou"), "u"), (re.compile(r"kh"), "h"),
    (re.compile(r"t?sch"), "sh"), (re.compile(r"t[sz]"), "z"), (re.compile(r"w"), "v"),
    (re.compile(r"d(?:z?h|j)"), "j"), (re.compile(r"j"), "y"), (re.compile(r"y"), "i"), (re.compile(r"x"), "ks"),
    (re.compile(r"(\w)\1"), r"\1"),
    (re.compile(r"[-'’.`,]"), " "), (re.compile(r"\s+"), " "),
    (re.compile(r"(?<=\S) (?:lc|ltd|inc|ysc|oysc|pysc|ooo|oao|zao|gmbh|ag|ad|ead|ood|sa|sarl|srl|spa|plc|bv|nv|"
                r"corp)$"), ""),  # a legal form, its letters folded as above (LLC: "lc", JSC: "ysc")
]


def _latin(name: str) -> str:
    """Case folded, in Latin letters without accents: the form an initial is read in."""
    text = name if name.isascii() else anyascii(unicodedata.normalize("NFKC", name))
    return "".join(c for c in unicodedata.normalize("NFKD", text.casefold()) if not unicodedata.combining(c))


def spelling_form(name: str) -> str:
    """The common form of a name's spellings."""
    text = _latin(name)
    for pattern, replacement in _FOLDS:
        text = pattern.sub(replacement, text)
    return text.strip()


def _consonants(folded: str) -> str:
    """The consonants of a name in its common form (al-Hol and al-Hawl: "hl"; Mosul and
    al-Mawsil: "msl"): how transliterations of one name from a script that writes few
    vowels differ least."""
    return re.sub(r"[aeiouyvw ]", "", folded)


def allowed_edits(length: int) -> int:
    return 0 if length < 5 else 1 if length < 10 else 2


def transliterated(a: str, b: str) -> bool:
    """Whether two names of one entity are transliterations of each other ("Tobruk", "Tubruq",
    "طبرق"; "Heraklion", "Ηράκλειο"), not other words: their consonant skeletons in Latin
    letters differ in at most 40% of their letters, in order (Levenshtein). A translation
    ("Coast Guard", "Λιμενικό Σώμα") or another order of words ("Interior Ministry",
    "Ministry of Interior") does not."""
    wa, wb = spelling_form(a).split(), spelling_form(b).split()
    rest_a, rest_b = [w for w in wa if w not in wb], [w for w in wb if w not in wa]  # shared words say nothing
    ka, kb = _consonants(" ".join(rest_a)), _consonants(" ".join(rest_b))
    return bool(ka and kb) and Levenshtein.normalized_similarity(ka, kb) >= 0.6


def acronym_of(short: str, long: str) -> bool:
    """Whether a value in capitals is an acronym of a longer name: its letters are, in order,
    initials of the name's words, beginning with the first, and at least half of them ("ICRC",
    "International Committee of the Red Cross"; "IFRC", "International Federation of Red
    Cross and Red Crescent Societies")."""
    letters, words = short.replace(".", ""), re.findall(r"[^\W\d_]+", long)
    if not (2 <= len(letters) <= 8 and letters.isalpha() and letters.isupper()) or len(words) < len(letters):
        return False
    initials = "".join(w[0] for w in words if w[0].isupper())
    if not initials.startswith(letters[0]) or 2 * len(letters) < len(initials):
        return False
    rest = iter(initials)
    return all(letter in rest for letter in letters)


def _initial(word: str) -> bool:
    """"L", "L." or an initial of two or three letters with its full stop ("Ts.", "Ch.",
    "Dzh."), as transliterations write a letter that is two or three in Latin."""
    return len(word) == 1 or (2 <= len(word) <= 4 and word.endswith(".") and word[:-1].isalpha())


def _initial_of(initial: str, word: str) -> bool:
    """Whether an initial may stand for a word (or for another initial): one begins the other."""
    a, b = initial.rstrip("."), word.rstrip(".")
    return a.startswith(b) or b.startswith(a)


def spelt_alike(a: str, b: str) -> bool:
    """Whether two texts are one name spelt differently: word by word when one writes a
    first name as an initial (which then stands for any word it begins: "L. Marchetti",
    "Lionel Marchetti"; and two different initials are two names), else as a whole
    (spelling_form and allowed_edits)."""
    la, lb = re.sub(r"[-'’`]", " ", _latin(a)).split(), re.sub(r"[-'’`]", " ", _latin(b)).split()
    if len(la) == len(lb) >= 2 and any(_initial(x) or _initial(y) for x, y in zip(la, lb)):
        def word_alike(x: str, y: str) -> bool:
            if _initial(x) or _initial(y):
                return _initial_of(x, y)
            fx, fy = spelling_form(x), spelling_form(y)
            return OSA.distance(fx, fy) <= allowed_edits(min(len(fx), len(fy)))

        return all(word_alike(x, y) for x, y in zip(la, lb)) and not all(
            _initial(x) or _initial(y) for x, y in zip(la, lb))
    fa, fb = spelling_form(a), spelling_form(b)
    if not fa or not fb:
        return False
    return fa == fb or OSA.distance(fa, fb) <= allowed_edits(min(len(fa), len(fb)))


class VariantFinder:
    """Known names by their folded form; `find` gives the known name a spelling is a
    variant of, or None. A look-up compares only names with the same first letter and a
    length within reach (a name more edits longer or shorter cannot be a variant)."""

    def __init__(self, names: dict[str, list[str]]):
        self.known: dict[str, tuple[str, str]] = {}  # folded -> (entity id, the name as written)
        for entity_id, entity_names in names.items():
            for name in entity_names:
                self.known.setdefault(spelling_form(name), (entity_id, name))
        self.by_last: dict[str, list[str]] = {}  # the last word's form -> folded names
        for folded in self.known:
            self.by_last.setdefault(folded.split()[-1] if folded else "", []).append(folded)
        self.by_start: dict[tuple[str, int], list[str]] = {}  # (first letter, length) -> folded names
        for folded in self.known:
            self.by_start.setdefault((folded[:1], len(folded)), []).append(folded)

    def find(self, name: str) -> tuple[str, str] | None:
        folded = spelling_form(name)
        if folded in self.known:
            return self.known[folded]
        words = _latin(name).split()
        if len(words) >= 2 and any(_initial(w) for w in words[:-1]):  # "M. Kuznetsova": by the surname
            found = {self.known[k] for k in self.by_last.get(spelling_form(words[-1]), ())
                     if spelt_alike(name, self.known[k][1])}
            return min(found) if len({entity_id for entity_id, _ in found}) == 1 else None
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
