"""The numbered references of one page, as on Wikipedia: each quote or external reference
gets one number, the first time a claim or fact on the page cites it; the marks link to the
list at the foot of the page, which shows each quote once, with its source in short (outlet
and date: the source page has the full title) and a link to its paragraph."""

from __future__ import annotations

from urllib.parse import urlsplit

from markupsafe import Markup

from ..core.markup import nested, title, web_href
from ..resolve.resolved import ResolvedClaim, ResolvedFact
from .renderer import Renderer
from .labels import EXTERNAL_LABEL


class References:
    def __init__(self, renderer: Renderer, page: str):
        self.renderer, self.page = renderer, page
        self.numbers: dict[tuple, int] = {}
        self.items: list[dict] = []

    def number(self, key: tuple, item: dict) -> int:
        if key not in self.numbers:
            self.numbers[key] = len(self.numbers) + 1
            self.items.append({"n": self.numbers[key], **item})
        return self.numbers[key]

    def marks(self, by: ResolvedClaim | ResolvedFact) -> Markup:
        found = []
        for cite in by.citations:
            label = self.renderer.source_label(cite.source_id)
            n = self.number(("quote", cite.source_id, cite.quote), {
                "quote": cite.quote, "source_id": cite.source_id, "label": self.renderer.short_source_label(cite.source_id),
                "href": self.renderer.href(self.page, cite.source_id, cite.anchor), "line": cite.line})
            found.append((n, f"“{nested(cite.quote)}” ({label})"))
        for ext in getattr(by, "external", ()):
            kind, address = ext.external
            n = self.number(("external", kind, address, ext.note), {
                "external": urlsplit(address).hostname if kind == "url" else EXTERNAL_LABEL[kind].format(getattr(ext, kind)),
                "href": web_href(address), "note": ext.note})
            found.append((n, ext.note))
        links = ",".join(f'<a href="#ref-{n}" title="{title(said)}">{n}</a>' for n, said in sorted(set(found)))
        return Markup(f'<sup class="dossier-refs" data-search-exclude="">{links}</sup>')  # not in search text
