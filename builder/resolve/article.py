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
    opening: bool = False  # a dateline that opens the paragraph of its line (which keeps its words)

    @property
    def anchor(self) -> str:
        return f"line-{self.line}-dateline" if self.opening else f"line-{self.line}"

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
                     roles: dict[int, str] | None = None,
                     openings: dict[int, str] | None = None) -> list[Paragraph]:
    """Paragraphs are runs of lines separated by blank lines or page furniture; with
    each_line, every line is a paragraph (texts that separate paragraphs by single line
    breaks, so that each gets its own anchor). A line with a role (a caption, a byline) is
    a paragraph of its own with that role. A dateline that opens a line (`openings`: line
    -> its words, which the line begins with) is also a paragraph of its own, before the
    paragraph it opens, which keeps its words (a quote may run from the dateline into the
    text, as the article prints it) and the line's anchor."""
    roles, openings = roles or {}, openings or {}
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
        if number in openings:
            close()
            head = openings[number].strip()
            paragraphs.append(Paragraph(number, head, normalise(head), "dateline", opening=True))
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


_TOKEN = re.compile(r"\w+|[^\w\s]+")  # words, and runs of punctuation apart from them


@dataclass
class Passage:
    """The article's wording closest to a quote that was not found: the paragraph, the
    passage as published (whole words, to copy), and the words that differ."""

    paragraph: Paragraph
    text: str
    start: int  # offsets of `text` in paragraph.text
    end: int
    differences: list[tuple[str, str]]  # (the quote's words, the article's words); one may be ""


def _tokens(text: str) -> tuple[list[str], list[tuple[int, int]]]:
    spans = [(m.start(), m.end()) for m in _TOKEN.finditer(text)]
    return [text[a:b] for a, b in spans], spans


def _punctuation(token: str) -> bool:
    """Punctuation matches only next to matching words (difflib's junk), never on its own."""
    return not token[0].isalnum() and token[0] != "_"


def _window(tokens: list[str], wanted: list[str], begin: int) -> tuple[int, int, list[tuple[int, int, int, int]]] | None:
    """Where in tokens[begin:] the words `wanted` most likely stand: from the first to the
    last run of words they share (a run of one word counts only near the longest, lest a
    stray "the" stretch it), widened by the wanted words before and after those runs; and
    the differing stretches (wanted from, to; tokens from, to)."""
    blocks = [b for b in SequenceMatcher(_punctuation, tokens[begin:], wanted, autojunk=False).get_matching_blocks()
              if b.size]
    if not blocks:
        return None
    core = max(blocks, key=lambda b: b.size)
    runs = [b for b in blocks if b.size > 1 or abs(b.a - core.a) <= len(wanted)]
    first, last = runs[0], runs[-1]
    lo = begin + max(0, first.a - first.b)
    hi = min(len(tokens), begin + last.a + last.size + (len(wanted) - last.b - last.size))
    matcher = SequenceMatcher(None, wanted, tokens[lo:hi], autojunk=False)
    return lo, hi, [(q0, q1, lo + a0, lo + a1) for op, q0, q1, a0, a1 in matcher.get_opcodes() if op != "equal"]


def closest_passage(paragraphs: list[Paragraph], quote: str) -> Passage | None:
    """For an error message and `dossier quote`: the paragraph sharing the longest run of
    words with the quote (compared word by word, as difflib compares lines), the passage
    there that each part of the quote most likely copies, and the words that differ. None
    when no passage shares two words with the quote: then it is no hint."""
    texts = quote_parts(quote)
    parts = [_tokens(part) for part in texts]
    if not parts:
        return None
    wanted = [w for tokens, _ in parts for w in tokens]
    best = None
    for paragraph in paragraphs:
        tokens, _ = _tokens(paragraph.norm.text)
        matcher = SequenceMatcher(_punctuation, tokens, wanted, autojunk=False)
        longest = matcher.find_longest_match(0, len(tokens), 0, len(wanted)).size
        if longest and (best is None or longest > best[0]):
            best = (longest, paragraph)
    if best is None:
        return None
    paragraph = best[1]
    norm = paragraph.norm.text
    tokens, spans = _tokens(norm)
    differences, shared, begin, lo = [], 0, 0, None
    for part, (words, word_spans) in zip(texts, parts):  # the parts of a quote come in order
        found = _window(tokens, words, begin)
        if found is None:
            continue
        start, begin, differing = found
        lo = start if lo is None else lo
        shared += len(words) - sum(q1 - q0 for q0, q1, _, _ in differing)
        for q0, q1, a0, a1 in differing:
            said = part[word_spans[q0][0]:word_spans[q1 - 1][1]] if q1 > q0 else ""
            differences.append((said, norm[spans[a0][0]:spans[a1 - 1][1]] if a1 > a0 else ""))
    if lo is None or begin <= lo or shared < 2:
        return None
    start, end = paragraph.span(spans[lo][0], spans[begin - 1][1])
    return Passage(paragraph, paragraph.text[start:end], start, end, differences)


def describe_passage(passage: Passage, limit: int = 3) -> str:
    """'line 9 reads: "…" (the quote has "15" where the article has "14")', for messages."""
    def words(text: str) -> str:
        cut = text.split(" ")
        return "“" + (" ".join(cut[:8]) + " …" if len(cut) > 8 else text) + "”"

    said = []
    for quote_words, article_words in passage.differences[:limit]:
        if not article_words:
            said.append(f"{words(quote_words)}, which the article does not have there")
        elif not quote_words:
            said.append(f"no {words(article_words)}, which the article has there")
        else:
            said.append(f"{words(quote_words)} where the article has {words(article_words)}")
    more = len(passage.differences) - limit
    text = passage.text if len(passage.text) <= 400 else passage.text[:399] + "…"
    return (f"line {passage.paragraph.line} reads: “{text}”"
            + (f" (the quote has {'; '.join(said)}{f'; and {more} more' if more > 0 else ''})" if said else ""))
