"""Finding entities named in article texts, by name and alias.

One Aho-Corasick automaton holds every name of every entity, so a text is scanned once,
in time linear in its length plus the matches, however many names there are. Matching is
on normalised text (so "Abdul-Mahdi" matches "Abdul–Mahdi"). Only whole words count; where
names overlap, the leftmost match wins, and of those starting at one place, the longest.

Case, the rule (`case_matches`): the automaton finds names in any case, then each word of
the text must be written as in the name, in capitals (a dateline "ERBIL", a byline "Jane
DOE") or capitalised (a headline's "Border Police" for "border police"); a name of two or
more words also matches in lower case ("border police" for "Border Police"). An acronym (a
word of at most four letters, all capitals, such as "IS" or "UN") matches only as written,
so "IS" never matches "is" or "Is". A sheet's `exact_names` lists names that match only as
written (the per-name override).
"""

from __future__ import annotations

from dataclasses import dataclass

import ahocorasick

from .article import Paragraph, normalise_text


@dataclass(frozen=True)
class Mention:
    entity_id: str
    paragraph: int  # index into the article's paragraphs
    start: int  # span in the paragraph's original text
    end: int
    name: str  # the name or alias as written in the sheet


def is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def whole_word(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] is not part of a longer word."""
    return not (start > 0 and is_word_char(text[start - 1])) and not (
        end < len(text) and is_word_char(text[end]))


def fold_case(text: str) -> str:
    """Lower case with the length kept (a few characters lower to two: those stay as they are),
    so that offsets in the folded text are offsets in the text."""
    folded = text.lower()
    if len(folded) == len(text):
        return folded
    return "".join(low if len(low := c.lower()) == 1 else c for c in text)


def _is_acronym(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return 0 < len(letters) <= 4 and all(c.isupper() for c in letters)


def case_matches(name: str, found: str, exact: bool = False) -> bool:
    """Whether `found` (text, same length and letters as name up to case) names `name`."""
    if found == name:
        return True
    if exact:
        return False
    name_words, found_words = name.split(" "), found.split(" ")
    if len(name_words) != len(found_words):
        return False
    for word, seen in zip(name_words, found_words):
        if seen == word:
            continue
        if _is_acronym(word):
            return False
        if seen not in (word.upper(), word[:1].upper() + word[1:]) and not (
                len(name_words) > 1 and seen == word.lower()):
            return False
    return True


class MentionFinder:
    def __init__(self, names: dict[str, list[str]], exact: set[str] = frozenset()):
        """names: entity id -> its name and aliases; exact: names that match only as written."""
        self._automaton = ahocorasick.Automaton()
        self._exact = exact
        keys: dict[str, list[tuple[str, str, str]]] = {}
        for entity_id, entity_names in names.items():
            for name in entity_names:
                key = normalise_text(name)
                if key:
                    keys.setdefault(fold_case(key), []).append((entity_id, key, name))
        for folded, owners in keys.items():
            self._automaton.add_word(folded, (len(folded), tuple(owners)))
        self._empty = len(self._automaton) == 0
        if not self._empty:
            self._automaton.make_automaton()

    def find(self, paragraphs: list[Paragraph]) -> list[Mention]:
        if self._empty:
            return []
        mentions: list[Mention] = []
        for index, paragraph in enumerate(paragraphs):
            text = paragraph.norm.text
            candidates = []
            for end, (length, owners) in self._automaton.iter(fold_case(text)):
                start = end - length + 1
                if not whole_word(text, start, end + 1):
                    continue
                seen = text[start:end + 1]
                for entity_id, key, name in owners:
                    if case_matches(key, seen, name in self._exact):
                        candidates.append((start, -length, entity_id, name))
                        break
            candidates.sort()
            reached = 0
            for start, neg_length, entity_id, name in candidates:
                if start < reached:
                    continue
                reached = start - neg_length
                o_start, o_end = paragraph.span(start, reached)
                mentions.append(Mention(entity_id, index, o_start, o_end, name))
        return mentions
