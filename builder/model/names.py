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
