"""Article texts: paragraphs with stable anchors, normalised text, and quote search.

Normalisation folds typographic quotes, apostrophes and dashes to their ASCII forms and
white space runs to one space, and keeps, for every normalised character, its offset in
the original text, so that a match can be highlighted in the text as published.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import cached_property
from difflib import SequenceMatcher

_FOLD = str.maketrans({
    **dict.fromkeys("\u201c\u201d\u201e\u201f\u00ab\u00bb\u2033", '"'),
    **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032\u0060\u00b4", "'"),
    **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-"),
})
_ELLIPSIS = re.compile(r"\s*(?:\u2026|\.\.\.)\s*")
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"')\]]*\s+(?=[\"'(\[]?[A-Z0-9])")


@dataclass
class Normalised:
    text: str
    offsets: list[int]  # offsets[i]: index in the original of text[i]; one extra at the end


def normalise(original: str) -> Normalised:
    folded = original.translate(_FOLD)
    chars: list[str] = []
    offsets: list[int] = []
    in_space = True  # drops leading white space
    for i, ch in enumerate(folded):
        if ch.isspace():
            if not in_space:
                chars.append(" ")
                offsets.append(i)
            in_space = True
            continue
        in_space = False
        chars.append(ch)
        offsets.append(i)
    if chars and chars[-1] == " ":
        chars.pop()
        offsets.pop()
    offsets.append(len(original))
    return Normalised("".join(chars), offsets)


def normalise_text(text: str) -> str:
    return normalise(text).text


@dataclass
class Paragraph:
    line: int  # first line in the seed file, 1-based: the stable anchor
    text: str  # as published, hard line breaks joined with a space
    norm: Normalised

    @property
    def anchor(self) -> str:
        return f"line-{self.line}"

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original-text span of the normalised span [start, end)."""
        return self.norm.offsets[start], self.norm.offsets[end - 1] + 1

    @cached_property
    def _sentence_starts(self) -> list[int]:
        return [0] + [m.end() for m in _SENTENCE_END.finditer(self.text)] + [len(self.text)]

    def sentence_bounds(self, start: int, end: int) -> tuple[int, int]:
        """The span of the sentence(s) of the original text that contain [start, end)."""
        bounds = self._sentence_starts
        return bounds[bisect_right(bounds, start) - 1], bounds[bisect_left(bounds, end)]


def split_paragraphs(text: str, furniture: set[int]) -> list[Paragraph]:
    """Paragraphs are runs of lines separated by blank lines or page furniture."""
    paragraphs: list[Paragraph] = []
    current: list[str] = []
    first_line = 0

    def close() -> None:
        if current:
            joined = " ".join(line.strip() for line in current)
            paragraphs.append(Paragraph(first_line, joined, normalise(joined)))
            current.clear()

    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or number in furniture:
            close()
            continue
        if not current:
            first_line = number
        current.append(line)
    close()
    return paragraphs


@dataclass(frozen=True)
class QuoteMatch:
    paragraph: int  # index into the article's paragraphs
    spans: tuple[tuple[int, int], ...]  # original-text spans, one per part of the quote


def quote_parts(quote: str) -> list[str]:
    """The parts of a quote between ellipses, normalised."""
    return [p for p in (s.strip() for s in _ELLIPSIS.split(normalise_text(quote))) if p]


def find_quote(paragraphs: list[Paragraph], quote: str) -> QuoteMatch | None:
    """The first paragraph holding every part of the quote, in order; None when none does."""
    parts = quote_parts(quote)
    if not parts:
        return None
    for index, paragraph in enumerate(paragraphs):
        haystack = paragraph.norm.text
        pos = 0
        spans = []
        for part in parts:
            found = haystack.find(part, pos)
            if found < 0:
                break
            spans.append(paragraph.span(found, found + len(part)))
            pos = found + len(part)
        else:
            return QuoteMatch(index, tuple(spans))
    return None


def closest_passage(paragraphs: list[Paragraph], quote: str) -> tuple[Paragraph, str] | None:
    """For an error message: the paragraph sharing the longest run with the quote."""
    wanted = " ".join(quote_parts(quote))
    best: tuple[int, Paragraph, str] | None = None
    for paragraph in paragraphs:
        matcher = SequenceMatcher(None, paragraph.norm.text, wanted, autojunk=False)
        match = matcher.find_longest_match(0, len(paragraph.norm.text), 0, len(wanted))
        if match.size and (best is None or match.size > best[0]):
            best = (match.size, paragraph, paragraph.norm.text[match.a:match.a + match.size])
    return (best[1], best[2]) if best else None
