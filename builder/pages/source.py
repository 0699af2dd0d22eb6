"""A source's page: the article's text in numbered paragraphs with stable anchors, the
passages that claims and facts cite highlighted and numbered, the names of known entities
linked, and what the dossier takes from it."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from markupsafe import Markup

from ..core.markup import html_href, text, title as title_attr
from ..model.sheets import ENTITY_KINDS
from ..resolve.excerpts import CONTEXT, GAP
from ..resolve.resolved import Article, ResolvedClaim, ResolvedFact
from .jsonld import article_ld, json_ld
from .paths import raw_path, source_page
from .renderer import Renderer
from .labels import language_name


@dataclass(frozen=True)
class Region:
    """A run of highlighted (cited) text in a paragraph and the claims and facts citing it."""

    start: int
    end: int
    by: tuple[ResolvedClaim | ResolvedFact, ...]


def merge_highlights(highlights) -> list[Region]:
    regions: list[list] = []
    for h in sorted(highlights, key=lambda h: (h.start, h.end)):
        if regions and h.start <= regions[-1][1]:
            regions[-1][1] = max(regions[-1][1], h.end)
            if h.by not in regions[-1][2]:
                regions[-1][2].append(h.by)
        else:
            regions.append([h.start, h.end, [h.by]])
    return [Region(s, e, tuple(c)) for s, e, c in regions]


def source_text(rd: Renderer, source_id: str, article: Article) -> str:
    page = source_page(source_id)
    numbers: dict[ResolvedClaim, int] = {}
    for h in sorted(article.highlights, key=lambda h: (h.paragraph, h.start)):
        numbers.setdefault(h.by, len(numbers) + 1)
    by_paragraph = defaultdict(list)
    for h in article.highlights:
        by_paragraph[h.paragraph].append(h)
    mentions = defaultdict(list)
    for m in article.mentions:
        mentions[m.paragraph].append(m)
    paragraphs = [{"anchor": p.anchor, "line": p.line, "role": p.role, "gap": i in article.gaps,
                   "html": paragraph(rd, page, p.text, merge_highlights(by_paragraph[i]),
                                         mentions[i], numbers, p.line)}
                  for i, p in enumerate(article.paragraphs)]
    mentioned = sorted({m.entity_id for m in article.mentions},
                       key=lambda i: rd.name_of(i).casefold())
    named = [(kind, [i for i in mentioned if rd.kind_of(i) == kind])
             for kind in ENTITY_KINDS]
    return rd.render("source.md.j2", page, a=article, s=article.source, id=source_id,
                     json_ld=json_ld(article_ld(article.source)),
                     paragraphs=paragraphs, numbers=sorted(numbers.items(), key=lambda x: x[1]),
                     mentioned=len(mentioned), named=[(k, ids) for k, ids in named if ids],
                     raw=html_href(page, raw_path(source_id), rd.directory_urls), language=language_name(article.source.language),
                     context=CONTEXT, gap=GAP)


def paragraph(rd: Renderer, page, words, regions, mentions, numbers, line) -> str:
    """One paragraph as HTML: its cited regions marked and numbered, its mentions linked."""
    out: list[str] = []
    pending = sorted(mentions, key=lambda m: m.start)
    cursor = 0  # index into pending

    def plain(a: int, b: int) -> None:
        nonlocal cursor
        pos = a
        while cursor < len(pending) and pending[cursor].start < b:
            m = pending[cursor]
            if m.start >= a and m.end <= b:
                out.append(text(words[pos:m.start]))
                title = title_attr(rd.name_of(m.entity_id))
                out.append(f'<a href="{rd.href(page, m.entity_id)}" title="{title}">{text(words[m.start:m.end])}</a>')
                pos = m.end
            cursor += 1
            if m.end > b:  # crosses the boundary: left as text
                break
        out.append(text(words[pos:b]))

    pos = 0
    for n, region in enumerate(regions, start=1):
        plain(pos, region.start)
        out.append(f'<mark class="dossier-cited" id="cited-{line}-{n}">')
        plain(region.start, region.end)
        out.append("</mark>")
        refs = []
        for by in sorted(region.by, key=numbers.__getitem__):
            label = f"{rd.name_of(by.entity_id)}: {rd.what(by)[0]}"
            target = rd.href(page, by.entity_id, by.anchor)
            refs.append(f'<a href="{target}" title="{title_attr(label)}">{numbers[by]}</a>')
        out.append(f'<sup class="dossier-cite-ref" data-search-exclude="">{",".join(refs)}</sup>')
        pos = region.end
    plain(pos, len(words))
    return Markup("".join(out).replace("\n", " "))  # every piece is escaped above
