"""What every page shares: a template rendered with the helpers it calls (links, names,
references to sheets), the labels of sources, the values of key facts, the sources that
report on an entity, and the preview cards of the entities a page links to. A page kind's
module (entity.py, source.py, overview.py...) decides what its page shows and calls these."""

from __future__ import annotations

import re
from functools import cached_property, lru_cache

from markupsafe import Markup

from ..core.markup import html_href, nested, script_json, text
from ..model.dates import FuzzyDate
from ..model.sheets import KIND_LABEL, Coordinates, Role
from ..resolve.differences import TITLES as DIFFERENCE_TITLES
from ..resolve.resolved import EntityInfo, Resolved, ResolvedClaim, ResolvedFact, name_key
from . import derived
from . import paths
from .paths import KIND_TITLE
from .templates import environment
from .rendercache import Digests
from .tracking import Tracking
from .labels import FACT_LABEL, language_name

SHORT_TITLE_WORDS = 5  # a source without a known outlet, in short: the first words of its title


_MONTHS = "January|February|March|April|June|July|August|September|October|November|December"
_SPAN = re.compile(r"between (\d{1,2}) (\w+ \d{4}) and (\d{1,2}) \2")


def short_date(label: str) -> str:
    """A date label in few characters, for references: months abbreviated ("30 Dec 2018"),
    a span within one month as one ("between 30 December 2018 and 31 December 2018" is
    "30–31 Dec 2018")."""
    label = _SPAN.sub(r"\1–\3 \2", label)
    return re.sub(rf"\b({_MONTHS})\b", lambda m: m[1][:3], label)


@lru_cache(maxsize=1 << 16)  # every page of a folder links to the same addresses
def _json_string(text: str) -> str:
    return script_json(text)


class Renderer(Tracking):
    """Renders pages from a resolved dossier (see tracking.py for how what a page reads is
    noted)."""

    ACCESSORS = {**Tracking.ACCESSORS, "card": "card", "sources_about": "_reported_about",
                 "ties_of": "_ties_of", "events_at": "_events_at_place"}

    def __init__(self, resolved: Resolved, directory_urls: bool = True, shared: Digests | None = None):
        super().__init__(resolved, directory_urls, shared)
        self._cards: dict[str, dict] = {}
        self._card_texts: dict[str, tuple[str, str]] = {}  # card JSON, before and after its address
        self.linked: set[str] = set()  # the entities linked on the page being rendered (cards)
        self.env = environment()

    # -- derived data (derived.py), computed by prepare() and read through accessors ------
    @cached_property
    def _sources_about(self) -> dict[str, set[str]]:
        return derived.sources_about(self.r)

    @cached_property
    def _events_at(self) -> dict[str, list[str]]:
        return derived.events_at(self.r)

    @cached_property
    def ties(self) -> list[tuple[str, str, str, str, str]]:
        return derived.find_ties(self.r)

    @cached_property
    def _ties_by_entity(self) -> dict[str, list[tuple]]:
        return derived.ties_by_entity(self.ties)

    def ties_of(self, entity_id: str) -> list[tuple]:
        self.reads.note("ties_of", entity_id)
        return self._ties_of(entity_id)

    def _ties_of(self, entity_id: str) -> list[tuple]:
        return self._ties_by_entity.get(entity_id, [])

    def events_at_place(self, place_id: str) -> list[str]:
        self.reads.note("events_at", place_id)
        return self._events_at_place(place_id)

    def _events_at_place(self, place_id: str) -> list[str]:
        return self._events_at.get(place_id, [])

    def reporting_sources(self, info: EntityInfo) -> list[str]:
        """The sources that report on an entity (derived.reporting), oldest first."""
        self.reads.note("sources_about", info.id)
        sources = derived.reporting(info, self._sources_about)
        return sorted(sources, key=lambda s: (self.source_of(s).published.publication_order, s))

    def _reported_about(self, entity_id: str) -> list[str]:
        return sorted(self._sources_about.get(entity_id, ()))

    # -- a page --------------------------------------------------------------------------
    def href(self, page: str, target_id: str, anchor: str | None = None) -> str:
        """The address of a sheet's page (and an anchor in it) from a page, as written into
        its HTML; an entity linked from another page gets a preview card there."""
        target = self.page_of(target_id)
        if target_id in self.raw.entities and target != page:
            self.linked.add(target_id)
        return html_href(page, target, self.directory_urls, anchor)

    def a(self, page: str, target_id: str, anchor: str | None = None, label: str | None = None) -> Markup:
        """A link to a sheet's page, named by its name (or label)."""
        name = self.name_of(target_id) if label is None else label
        return Markup(f'<a href="{self.href(page, target_id, anchor)}">{text(name)}</a>')

    def ref_link(self, page: str, value: str) -> Markup:
        """A reference written in a sheet (an id, a name or an alias), linked by its name."""
        return self.a(page, self.r.ref(value))

    def render(self, template: str, page: str, **context) -> str:
        def link(target_id: str, anchor: str | None = None) -> str:
            return self.href(page, target_id, anchor)

        def link_page(path: str, anchor: str | None = None) -> str:
            return html_href(page, path, self.directory_urls, anchor)

        def ref(value: str) -> Markup:
            return self.ref_link(page, value)

        def outlet_link(value: str) -> str:
            """An outlet as written, linked when it is an organization's id, name or alias."""
            target = value if value in self.r.entities else self.r.lookup.get(name_key(value))
            if target and self.kind_of(target) == "organizations":
                return self.a(page, target, label=value)
            return text(value)

        body = self.env.get_template(template).render(
            page=page, paths=paths, link=link, link_page=link_page, ref=ref, outlet_link=outlet_link,
            language_name=language_name, r=self.r, dossier=self.r.dossier,
            kind_label=KIND_LABEL, kind_title=KIND_TITLE, name_of=self.name_of, what=self.what,
            difference_title=DIFFERENCE_TITLES, source_label=self.source_label,
            short_source_label=self.short_source_label, **context)
        if " \n" in body or "\t\n" in body:
            body = "\n".join(line.rstrip() for line in body.split("\n"))
        while "\n\n\n" in body:  # one blank line between blocks, as Python-Markdown writes them
            body = body.replace("\n\n\n", "\n\n")
        body = body.strip() + "\n"
        linked, self.linked = self.linked, set()
        return body + self.cards(page, linked)

    def view_href(self, page: str, target_id: str) -> str:
        """A link inside an SVG view (no preview card: its names are the picture's)."""
        return html_href(page, self.page_of(target_id), self.directory_urls)

    def source_label(self, source_id: str, with_title: bool = False) -> str:
        """A source as a reference: its outlet and date (and, with_title, its title), or its
        title and date when the outlet is not known."""
        source = self.source_of(source_id)
        title, date = f"“{nested(source.title)}”", source.published.label
        if source.outlet.lower() == "unknown":
            return f"{title}, {date}"
        return f"{source.outlet}, {date}, {title}" if with_title else f"{source.outlet}, {date}"

    def short_source_label(self, source_id: str, dated: bool = True) -> str:
        """A source in few words, for references and lists: its outlet (or, when the outlet is
        not known, the first words of its title) and, dated, its date. The source page has the
        full title."""
        source = self.source_of(source_id)
        if source.outlet.lower() != "unknown":
            name = source.outlet
        else:
            words = source.title.split()
            name = "“" + nested(" ".join(words[:SHORT_TITLE_WORDS])) + ("…" if len(words) > SHORT_TITLE_WORDS else "") + "”"
        return f"{name}, {short_date(source.published.label)}" if dated else name

    def fact_value(self, entity_id: str, path: tuple) -> str:
        """A key fact's value as text: a referenced sheet by its name."""
        value = self.r.entities[entity_id].sheet.fact(path)
        if isinstance(value, Role):
            return value.title + (f", {self.name_of(self.r.ref(value.organization))}" if value.organization else "")
        if isinstance(value, Coordinates):
            return f"{value.lat:.4f}, {value.lon:.4f}"
        if isinstance(value, FuzzyDate):
            return value.label
        return value if path[0] == "name" else self.name_of(self.r.ref(value))

    def what(self, by: ResolvedClaim | ResolvedFact) -> tuple[str, str | None]:
        """What a claim or fact says: (its property or fact label, its value or None)."""
        if isinstance(by, ResolvedFact):
            return FACT_LABEL[by.field], self.fact_value(by.entity_id, by.path)
        return by.claim.property or by.claim.statement, by.claim.value

    # -- preview cards -------------------------------------------------------------------
    def cards(self, page: str, linked: set[str]) -> str:
        """Preview cards for the entities a page links to (assets/dossier.js shows one when a
        link is hovered or focused): data in the page, read as JSON and shown as text only;
        `<`, `>` and `&` are JSON escapes, so no name can end the script element."""
        cards = []
        for entity_id in linked:
            self.reads.note("page", entity_id)
            target = self._page_or_none(entity_id)
            if target is None:
                continue
            self.reads.note("card", entity_id)
            href = html_href(page, target, self.directory_urls)
            before, after = self._card_json(entity_id)
            cards.append((href, before + _json_string(href) + after))
        if not cards:
            return ""
        # what script_json(the cards sorted by href) writes, each card's JSON made once
        data = "[" + ", ".join(text for _, text in sorted(cards)) + "]"
        return f'\n<script type="application/json" class="dossier-cards">{data}</script>\n'

    # Where a card's address goes in its JSON: no text can hold this, since a quote inside a
    # JSON string is escaped.
    _HREF_MARK = '"href": "\\u0000"'

    def _card_json(self, entity_id: str) -> tuple[str, str]:
        """An entity's card as script_json writes it (keys sorted), cut where its address
        goes: the same on every page (made once, _card_texts)."""
        if entity_id not in self._card_texts:
            text = script_json({**self.card(entity_id), "href": "\0"})
            before, mark, after = text.partition(self._HREF_MARK)
            assert mark, text
            self._card_texts[entity_id] = (before + '"href": ', after)
        return self._card_texts[entity_id]

    def card(self, entity_id: str) -> dict:
        """What a preview card says of an entity (the same on every page: made once, _cards;
        a page that shows it depends on it as a whole, "card")."""
        if entity_id in self._cards:
            return self._cards[entity_id]
        reads, self.reads.current = self.reads.current, None
        try:
            self._cards[entity_id] = card = self._card(entity_id)
        finally:
            self.reads.current = reads
        return card

    def _card(self, entity_id: str) -> dict:
        info = self.raw.entities[entity_id]
        sheet, facts = info.sheet, []
        description = sheet.description if len(sheet.description) <= 220 else sheet.description[:219] + "…"
        if info.kind == "events":
            facts.append(sheet.date.label if sheet.date.known else "date unknown")
        for role in getattr(sheet, "roles", [])[:2]:
            facts.append(role.title + (f", {self.name_of(self.r.ref(role.organization))}" if role.organization else ""))
        if getattr(sheet, "within", None):
            facts.append(f"within {self.name_of(self.r.ref(sheet.within))}")
        return {"name": sheet.name, "kind": KIND_LABEL[info.kind], "description": description, "facts": facts}
