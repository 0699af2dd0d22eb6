"""Finding entities named in article texts, by name and alias.

One Aho-Corasick automaton holds every name of every entity, so a text is scanned once,
in time linear in its length plus the matches, however many names there are. Matching is
case-sensitive (so the alias "IS" does not match the word "is") and on normalised text
(so "Abdul-Mahdi" matches "Abdul–Mahdi"). Only whole words count; where names overlap,
the leftmost match wins, and of those starting at one place, the longest.
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


class MentionFinder:
    def __init__(self, names: dict[str, list[str]]):
        """names: entity id -> its name and aliases."""
        self._automaton = ahocorasick.Automaton()
        for entity_id, entity_names in names.items():
            for name in entity_names:
                key = normalise_text(name)
                if key and key not in self._automaton:
                    self._automaton.add_word(key, (len(key), entity_id, name))
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
            for end, (length, entity_id, name) in self._automaton.iter(text):
                start = end - length + 1
                if not whole_word(text, start, end + 1):
                    continue
                candidates.append((start, -length, entity_id, name))
            candidates.sort()
            reached = 0
            for start, neg_length, entity_id, name in candidates:
                if start < reached:
                    continue
                reached = start - neg_length
                o_start, o_end = paragraph.span(start, reached)
                mentions.append(Mention(entity_id, index, o_start, o_end, name))
        return mentions
