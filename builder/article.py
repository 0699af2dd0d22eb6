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

_WHITE_SPACE = "".join(c for c in map(chr, range(0x3000 + 1)) if c.isspace())  # what str.split() splits on
_FOLD = str.maketrans({
    **dict.fromkeys(_WHITE_SPACE, " "),
    **dict.fromkeys("\u201c\u201d\u201e\u201f\u00ab\u00bb\u2033", '"'),
    **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032\u0060\u00b4", "'"),
    **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-"),
})
_ELLIPSIS = re.compile(r"\s*(?:\u2026|\.\.\.)\s*")
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"')\]]*\s+(?=[\"'(\[]?[A-Z0-9])")


_MULTI_SPACE = re.compile(r" {2,}")  # after folding, all white space is " "


@dataclass
class Normalised:
    """Normalised text and the way back to the original. Folding keeps lengths, and so does
    turning one white-space character into a space: only runs of white space shift the
    text. `starts` holds where each shift begins in the normalised text, `shifts` the
    shift, so the map costs one entry per run of two or more spaces, not one per character."""

    text: str
    original_length: int
    starts: list[int]
    shifts: list[int]

    def offset(self, i: int) -> int:
        """Index in the original of text[i]; the original's length for i == len(text)."""
        if i >= len(self.text):
            return self.original_length
        return i + self.shifts[bisect_right(self.starts, i) - 1]


def normalise(original: str) -> Normalised:
    folded = original.translate(_FOLD)
    stripped = folded.lstrip(" ")
    lead = len(folded) - len(stripped)
    body = stripped.rstrip(" ")
    pieces: list[str] = []
    starts, shifts = [0], [lead]
    pos = length = 0
    for m in _MULTI_SPACE.finditer(body):  # a run becomes one space at its first character
        pieces.append(body[pos:m.start()])
        length += m.start() - pos + 1
        pieces.append(" ")
        starts.append(length)
        shifts.append(lead + m.end() - length)
        pos = m.end()
    pieces.append(body[pos:])
    return Normalised("".join(pieces), len(original), starts, shifts)


def normalise_text(text: str) -> str:
    """normalise(text).text, without the map back to the original."""
    return " ".join(filter(None, text.translate(_FOLD).split(" ")))


@dataclass
class Paragraph:
    line: int  # first line in the seed file, 1-based: the stable anchor
    text: str  # as published, hard line breaks joined with a space
    norm: Normalised
    role: str = "body"  # or "caption", "byline", "dateline": lines the source sheet marks as such

    @property
    def anchor(self) -> str:
        return f"line-{self.line}"

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original-text span of the normalised span [start, end)."""
        return self.norm.offset(start), self.norm.offset(end - 1) + 1

    @cached_property
    def _sentence_starts(self) -> list[int]:
        return [0] + [m.end() for m in _SENTENCE_END.finditer(self.text)] + [len(self.text)]

    def sentence_bounds(self, start: int, end: int) -> tuple[int, int]:
        """The span of the sentence(s) of the original text that contain [start, end)."""
        bounds = self._sentence_starts
        return bounds[bisect_right(bounds, start) - 1], bounds[bisect_left(bounds, end)]


def split_paragraphs(text: str, furniture: set[int], each_line: bool = False,
                     roles: dict[int, str] | None = None) -> list[Paragraph]:
    """Paragraphs are runs of lines separated by blank lines or page furniture; with
    each_line, every line is a paragraph (texts that separate paragraphs by single line
    breaks, so that each gets its own anchor). A line with a role (a caption, a byline) is
    a paragraph of its own with that role."""
    roles = roles or {}
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
        if number in roles:
            close()
            paragraphs.append(Paragraph(number, line.strip(), normalise(line.strip()), roles[number]))
            continue
        if not current:
            first_line = number
        current.append(line)
        if each_line:
            close()
    close()
    return paragraphs


def furniture_paragraphs(text: str, furniture: set[int]) -> list[Paragraph]:
    """Each furniture line as a paragraph of its own: to tell a curator that a quote is there."""
    lines = text.splitlines()
    return [Paragraph(n, lines[n - 1].strip(), normalise(lines[n - 1].strip()))
            for n in sorted(furniture) if lines[n - 1].strip()]


@dataclass(frozen=True)
class QuoteMatch:
    paragraph: int  # index into the article's paragraphs
    spans: tuple[tuple[int, int], ...]  # original-text spans, one per part of the quote


def quote_parts(quote: str) -> list[str]:
    """The parts of a quote between ellipses, normalised."""
    return [p for p in (s.strip() for s in _ELLIPSIS.split(normalise_text(quote))) if p]


class ParagraphIndex:
    """The normalised paragraphs of an article joined by line breaks (which normalised text
    never holds), so that a quote is looked for with one search over the article instead
    of one per paragraph."""

    def __init__(self, paragraphs: list[Paragraph]):
        self.paragraphs = paragraphs
        self.text = "\n".join(p.norm.text for p in paragraphs)
        self.starts: list[int] = []
        start = 0
        for p in paragraphs:
            self.starts.append(start)
            start += len(p.norm.text) + 1

    def find(self, parts: list[str]) -> QuoteMatch | None:
        """The first paragraph holding every part, in order (the earliest match of each part
        after the previous one is the one to take)."""
        pos = 0
        while (found := self.text.find(parts[0], pos)) >= 0:
            index = bisect_right(self.starts, found) - 1
            base = self.starts[index]
            paragraph = self.paragraphs[index]
            end = base + len(paragraph.norm.text)
            spans = [paragraph.span(found - base, found - base + len(parts[0]))]
            at = found + len(parts[0])
            for part in parts[1:]:
                hit = self.text.find(part, at, end)
                if hit < 0:
                    break
                spans.append(paragraph.span(hit - base, hit - base + len(part)))
                at = hit + len(part)
            else:
                return QuoteMatch(index, tuple(spans))
            pos = end + 1  # not all parts in this paragraph: on to the next one
        return None


def find_quote(paragraphs: list[Paragraph] | ParagraphIndex, quote: str) -> QuoteMatch | None:
    """The first paragraph holding every part of the quote, in order; None when none does."""
    parts = quote_parts(quote)
    if not parts:
        return None
    index = paragraphs if isinstance(paragraphs, ParagraphIndex) else ParagraphIndex(paragraphs)
    return index.find(parts)


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
