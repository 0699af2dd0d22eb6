"""A source published in excerpts: its article cut down to what the dossier cites.

In `excerpts` mode (`publication:` in content/dossier.yml, on a source sheet, or
`--publication` for one run, which wins) an article keeps only the paragraphs that a
published claim or key fact cites, and of each only the cited passages with their context:
the rest of the sentence each passage stands in, and no more than CONTEXT characters on
either side of it (cut at a word). What is left out of a paragraph is marked GAP. No copy
of the whole text is published. Every later stage (the source page, mention links and
their contexts on entity pages, search, exports) reads the article as cut here, so none of
them can publish more.

A sentence ends at `.`, `!`, `?`, `…` (or the CJK and Arabic marks), with any closing
quote marks or brackets, before white space (SENTENCE_END): deliberately eager, so that the
context is never more than one sentence (after "Mr." it is shorter than the sentence).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import replace

from .article import Paragraph, normalise
from .mentions import Mention
from ..core.memo import Memo, Reuse
from .resolved import Article, Highlight, Resolved

CONTEXT = 240  # characters of context at most on either side of a cited passage
GAP = "[…]"  # what is left out, inside or around a published passage
SENTENCE_END = re.compile(r"[.!?…。！？؟]+[\"'”’»)\]]*\s+")


def _sentence_starts(text: str) -> list[int]:
    return [0] + [m.end() for m in SENTENCE_END.finditer(text)] + [len(text)]


def published_spans(text: str, cited: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The spans of a paragraph published for its cited spans: each widened to its
    sentence(s), at most CONTEXT characters either side, cut at a word; merged."""
    starts = _sentence_starts(text)
    spans: list[list[int]] = []
    for start, end in sorted(cited):
        a = starts[bisect_right(starts, start) - 1]
        b = starts[bisect_left(starts, end)]
        if start - a > CONTEXT:
            a = start - CONTEXT
            space = text.find(" ", a, start)
            a = space + 1 if space >= 0 else start
        if b - end > CONTEXT:
            b = end + CONTEXT
            space = text.rfind(" ", end, b)
            b = space if space >= 0 else end
        while a < start and text[a].isspace():
            a += 1
        while b > end and text[b - 1].isspace():
            b -= 1
        if spans and a <= spans[-1][1] + 1:
            spans[-1][1] = max(spans[-1][1], b)
        else:
            spans.append([a, b])
    return [(a, b) for a, b in spans]


class _Cut:
    """A paragraph cut to its published spans, and where each kept offset moved."""

    def __init__(self, text: str, spans: list[tuple[int, int]]):
        pieces, self.moves = [], []  # (old start, old end, new start)
        position = 0
        for n, (a, b) in enumerate(spans):
            if a > 0 or n:
                pieces.append(GAP + " ")
                position += len(GAP) + 1
            self.moves.append((a, b, position))
            pieces.append(text[a:b])
            position += b - a
            if n + 1 < len(spans):
                pieces.append(" ")
                position += 1
        if spans and spans[-1][1] < len(text):
            pieces.append(" " + GAP)
        self.text = "".join(pieces)

    def span(self, start: int, end: int) -> tuple[int, int] | None:
        """The new span of [start, end), None unless it lies within one published span."""
        for a, b, new in self.moves:
            if a <= start and end <= b:
                return new + start - a, new + end - a
        return None


def excerpt(article: Article, reuse: Reuse | None = None) -> Article:
    """The article cut to its cited passages (see the module's docstring). reuse: the cuts of
    the last publish in this process (core/memo.py), by the paragraphs they cut (the same
    list: resolver.py gives an unchanged article's again) and the spans cited."""
    cited: dict[int, list[tuple[int, int]]] = {}
    for h in article.highlights:
        cited.setdefault(h.paragraph, []).append((h.start, h.end))
    order = sorted(cited)
    key = (id(article.paragraphs), tuple((i, tuple(sorted(cited[i]))) for i in order)) if reuse else None
    found = reuse.get(key, article.paragraphs) if reuse else None
    if found is None:
        cuts = {i: _Cut(article.paragraphs[i].text, published_spans(article.paragraphs[i].text, cited[i]))
                for i in order}
        paragraphs = []
        for i in order:
            p = article.paragraphs[i]
            paragraphs.append(Paragraph(p.line, cuts[i].text, normalise(cuts[i].text), p.role, p.opening))
        found = (cuts, paragraphs)
        if reuse:
            reuse.put(key, article.paragraphs, found)
    cuts, paragraphs = found
    new_index = {old: new for new, old in enumerate(order)}
    highlights = []
    for h in article.highlights:
        start, end = cuts[h.paragraph].span(h.start, h.end)  # type: ignore[misc]  # within by construction
        highlights.append(Highlight(new_index[h.paragraph], start, end, h.by))
    mentions = []
    for m in article.mentions:
        moved = cuts[m.paragraph].span(m.start, m.end) if m.paragraph in cuts else None
        if moved:
            mentions.append(Mention(m.entity_id, new_index[m.paragraph], *moved, m.name))
    gaps = frozenset(new for new, old in enumerate(order) if old != (order[new - 1] + 1 if new else 0))
    return replace(article, raw_text="", paragraphs=paragraphs, highlights=highlights, mentions=mentions,
                   publication="excerpts", gaps=gaps)


def publish(resolved: Resolved, mode: str | None = None, memo: Memo | None = None) -> Resolved:
    """The resolved dossier as published: each source in its publication mode (mode, the
    run's, wins over the source's, which wins over the dossier's). In place. memo: what the
    last publish in this process cut (core/memo.py, its "excerpts" part)."""
    cut = {}
    reuse = Reuse(memo, "excerpts") if memo else None
    for source_id, article in resolved.articles.items():
        chosen = mode or article.source.publication or resolved.dossier.publication
        if chosen == "excerpts":
            cut[source_id] = resolved.articles[source_id] = excerpt(article, reuse)
    if reuse:
        reuse.done()
    if not cut:
        return resolved
    for info in resolved.entities.values():  # as resolve lists them: by article, then by place
        info.mentions = []
    for source_id, article in resolved.articles.items():
        for m in article.mentions:
            resolved.entities[m.entity_id].mentions.append((source_id, m))
    return resolved
