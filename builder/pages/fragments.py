"""The pieces of HTML a page repeats for every claim (its value with its qualifiers and
reference marks, who says it, its ¶ link) and every list of sheets, made in Python for the
templates to assemble: as Jinja macros they were a third of the time of an entity page."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from markupsafe import Markup

from ..core.markup import text
from ..resolve.resolved import ResolvedClaim
from .renderer import Renderer


class Fragments:
    """A page's claim fragments: rd renders it, page is its path, marks its reference marks."""

    def __init__(self, rd: Renderer, page: str, marks: Callable[[object], Markup]):
        self.rd, self.page, self.marks = rd, page, marks

    def ref_list(self, ids: Iterable[str]) -> Markup:
        """Sheets by their names, linked, separated by middle dots."""
        return Markup(" · ".join(self.rd.ref_link(self.page, i) for i in ids))

    @staticmethod
    def qualifiers(claim: ResolvedClaim) -> Markup:
        """What a value counts and when: (of which …), (counting …; as of …)."""
        c = claim.claim
        out = ""
        if c.breakdown:
            parts = ", ".join(f"{text(label)}: {text(part)}" for label, part in c.breakdown.items())
            out += f" <em>(of which {parts})</em>"
        if c.scope or c.as_of:
            said = [f"counting {text(c.scope)}"] if c.scope else []
            if c.as_of:
                said.append(f"as of {text(c.as_of.label)}")
            out += f" <em>({'; '.join(said)})</em>"
        return Markup(out)

    def about(self, claim: ResolvedClaim) -> str:
        ids = claim.claim.about
        return f' <span class="dossier-about">(about {self.ref_list(ids)})</span>' if ids else ""

    def claim_value(self, claim: ResolvedClaim) -> Markup:
        """A claim's value, its qualifiers, its reference marks and what it is about."""
        value = text(claim.claim.value)
        return Markup(f"{value}{self.qualifiers(claim)}{self.marks(claim)}{self.about(claim)}")

    def said_by(self, claim: ResolvedClaim) -> Markup:
        """Where sources differ, which source says which value, in words beside the marks."""
        names = ", ".join(text(self.rd.short_source_label(sid, False)) for sid in claim.source_ids)
        return Markup(f' <span class="dossier-said-by">— {names}</span>')

    @staticmethod
    def permalink(claim: ResolvedClaim) -> Markup:
        """A claim's link mark: its address, and its citation (assets/dossier.js)."""
        return Markup(f' <a class="dossier-permalink" href="#{claim.anchor}" '
                      'title="Link to this claim and its citation" data-search-exclude="">¶</a>')
