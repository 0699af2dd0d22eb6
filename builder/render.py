"""Stage 4: the resolved model -> Markdown pages (Jinja2 with StrictUndefined).

render_pages returns {path in the docs folder: text}; it writes nothing, except the source and
entity pages, written into the previous build's docs folder as they come when it is given
(rendercache.Previous). Templates decide
the layout; this module prepares what they show. Links are written as relative Markdown
links to .md files, so MkDocs rewrites them for web or offline URLs and checks them.
"""

from __future__ import annotations

import copy
import gc
import re
from collections import defaultdict
from dataclasses import dataclass
from collections.abc import Callable
import functools
from functools import cached_property
from itertools import combinations
from pathlib import Path
from urllib.parse import urlsplit

import jinja2
from markupsafe import Markup
from babel import Locale, UnknownLocaleError

from .changes import NO_HISTORY, History
from .markup import attr, front_matter, href, html_href, md, relative, script_json
from .views import EGO_LABEL_CHARS, Edge, MapPoint, Node, TimeItem, ego_positions, graph_svg, map_svg, timeline_svg, whole_graph, zoomable_timeline
from .dates import FuzzyDate
from .resolve import Article, Disagreement, EntityInfo, Resolved, ResolvedClaim, ResolvedFact, name_key
from .dossier import no_cyclic_gc
from .differences import ORDER as DIFFERENCE_ORDER, TITLES as DIFFERENCE_TITLES
from .export import EXPORT_SCHEMA_VERSION, FILES as EXPORT_FILES, export_files
from .write import check_collisions, write_if_changed
from .parallel import chunks, fork_each, fork_map, workers
from .rendercache import Previous, Reads, RenderCache, Tracked, code_key, digest, numbered, text_digest, tracked_value
from .model import ENTITY_KINDS, KIND_LABEL, Coordinates, Role, cited_fields

TEMPLATES = Path(__file__).parent / "templates"
ASSETS = Path(__file__).parent / "assets"
INDEX_PAGES = {  # the only pages in the navigation
    "index.md": "Home",
    "events/index.md": "Timeline",
    "people/index.md": "People",
    "organizations/index.md": "Organizations",
    "places/index.md": "Places",
    "sources/index.md": "Sources",
    "disagreements.md": "Where sources differ",
    "map.md": "Map",
    "graph.md": "Ties",
    "changes.md": "Changes",
    "data.md": "Data",
}
KIND_TITLE = {"people": "People", "places": "Places", "organizations": "Organizations",
              "events": "Timeline", "sources": "Sources"}
MAX_CONTEXTS_PER_SOURCE = 5
EXTERNAL_LABEL = {"wikidata": "Wikidata {}", "geonames": "GeoNames {}"}  # a URL shows its host
FACT_TITLE = {"name": "Name", "date": "Date", "places": "Place", "participants": "Participant",
              "roles": "Role", "parent": "Part of", "based_in": "Based in", "within": "Within",
              "coordinates": "Coordinates"}
FACT_TITLES = {**FACT_TITLE, "places": "Places", "participants": "Participants"}
FACT_LABEL = {name: title.lower() for name, title in FACT_TITLE.items()}  # in running text
DIFFERENCE_INTRO = {
    "conflict": "The values cannot all be true.",
    "unclassified": "The editors have not yet said what kind of difference these are.",
    "scope": "The values count different things or report different moments; both can be true.",
    "precision": "The values agree at different precision (a range and a figure within it, a year and a "
                 "date in it).",
    "wording": "The same thing in other words.",
    "spelling": "The same name, spelt differently.",
}


def entity_page(kind: str, entity_id: str) -> str:
    return f"{kind}/{entity_id}.md"


def raw_path(source_id: str) -> str:
    """The published copy of an article: always plain text under a name the builder chooses
    (never the contributor's file name, whose extension could make it HTML, SVG or a page)."""
    return f"sources/raw/{source_id}.txt"


def language_name(code: str) -> str:
    try:
        return Locale.parse(code.replace("-", "_")).get_display_name("en") or code
    except (ValueError, UnknownLocaleError):
        return code


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


UNCITED = Markup(' <span class="dossier-uncited">(no source cited)</span>')


class References:
    """The numbered references of one page, as on Wikipedia: each quote or external
    reference gets one number, the first time a claim or fact on the page cites it; the
    marks link to the list at the foot of the page, which shows each quote once."""

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
                "quote": cite.quote, "source_id": cite.source_id, "label": self.renderer.source_label(cite.source_id, True),
                "href": relative(self.page, self.renderer.page_of(cite.source_id), cite.anchor), "line": cite.line})
            found.append((n, f"“{cite.quote}” ({label})"))
        for ext in getattr(by, "external", ()):
            kind, address = ext.external
            n = self.number(("external", kind, address, ext.note), {
                "external": urlsplit(address).hostname if kind == "url" else EXTERNAL_LABEL[kind].format(getattr(ext, kind)),
                "href": href(address), "note": ext.note})
            found.append((n, ext.note))
        links = ",".join(f'[{n}](#ref-{n} "{attr(title)}")' for n, title in sorted(set(found)))
        return Markup(f'<sup class="dossier-refs">{links}</sup>')


@functools.cache
def environment() -> jinja2.Environment:
    """The templates' environment, one per process: a template is compiled once, not on every
    build of `dossier serve` (Jinja reloads one whose file changed)."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        # Markdown heading ids are written {#id}: keep Jinja's comments out of their way.
        comment_start_string="{##",
        comment_end_string="##}",
    )
    env.filters.update(md=md, front_matter=front_matter, href=href, capfirst=lambda t: t[:1].upper() + t[1:])
    return env


def _compile_templates(env: jinja2.Environment) -> None:
    """Before forking workers, so that they do not each compile them."""
    for name in env.list_templates():
        env.get_template(name)


class Renderer:
    """Renders pages from a resolved dossier. Every read of the model a page makes is noted
    (rendercache.py): through `self.r`, whose mappings are Tracked views, or through an
    accessor that notes the value it returns (`ACCESSORS`). Code that reads the model for a
    page must do one or the other; `self.raw` (the model untracked) is for the accessors and
    for the derived data computed before any page (`prepare`)."""

    # accessor kind -> method: a page that called it depends on the value it returned
    ACCESSORS = {"name": "_name_of", "page": "_page_or_none", "card": "card", "source": "_source_of",
                 "sources_about": "_reported_about", "ties_of": "_ties_of", "events_at": "_events_at_place"}

    def __init__(self, resolved: Resolved, directory_urls: bool = True):
        self.raw = resolved
        self.reads = Reads()
        self.directory_urls = directory_urls
        for name, value in vars(type(resolved)).items():  # derived data, computed untracked
            if isinstance(value, cached_property):
                getattr(resolved, name)
        self.r = copy.copy(resolved)
        self.tracked = {name: value for name, value in vars(resolved).items() if isinstance(value, dict)}
        for name, value in self.tracked.items():
            setattr(self.r, name, Tracked(value, name, self.reads))
        self._cards: dict[str, dict] = {}
        self._digests: dict[tuple[str, object], bytes] = {}
        self.env = environment()

    # -- what a page depends on (rendercache.py) ---------------------------------
    def prepare(self) -> None:
        """Compute the data derived from the whole model before any page is rendered, so that
        no page's reads include them: pages read them through accessors."""
        for name, value in vars(type(self)).items():
            if isinstance(value, cached_property):
                getattr(self, name)

    def key(self) -> str:
        """What every page depends on, whatever it reads: code, versions, the URL style, the
        dossier's own sheet and any part of the model that is not a mapping."""
        untracked = {name: value for name, value in vars(self.raw).items() if name not in self.tracked}
        return code_key(str(self.directory_urls), digest(untracked).hex())

    def recording(self, func: Callable[..., str], *args: object) -> tuple[str, set]:
        """func(*args) (a page's Markdown) and the dependencies it read."""
        self.reads.current = found = set()
        try:
            text = func(*args)
        finally:
            self.reads.current = None
        return text, found

    def fingerprints(self, deps: list) -> list[bytes]:
        return [self.fingerprint(dep) for dep in deps]

    def fingerprint(self, dep: tuple[str, object]) -> bytes:
        kind, key = dep
        if dep in self._digests:
            return self._digests[dep]
        base = kind.rstrip("?#*")
        try:
            if base in self.tracked:
                value = tracked_value(self.tracked[base], kind, key)
            else:
                value = getattr(self, self.ACCESSORS[kind])(key)
        except (KeyError, IndexError, AttributeError, TypeError):
            value = ("unreadable", kind, key)  # gone, or another kind of thing: changed
        self._digests[dep] = result = digest(value)
        return result

    def _page_or_none(self, target_id: str) -> str | None:
        if target_id in self.raw.articles:
            return f"sources/{target_id}.md"
        info = self.raw.entities.get(target_id)
        return entity_page(info.kind, target_id) if info else None

    def _name_of(self, target_id: str) -> str:
        if target_id in self.raw.articles:
            return self.raw.articles[target_id].source.title
        return self.raw.entities[target_id].sheet.name

    def _source_of(self, source_id: str):
        return self.raw.articles[source_id].source

    # -- helpers the templates call -----------------------------------------
    def page_of(self, target_id: str) -> str:
        self.reads.note("page", target_id)
        page = self._page_or_none(target_id)
        if page is None:
            raise KeyError(target_id)
        return page

    def kind_of(self, entity_id: str) -> str:
        """An entity's kind (noted as its page, which says the same)."""
        return self.page_of(entity_id).split("/", 1)[0]

    def name_of(self, target_id: str) -> str:
        self.reads.note("name", target_id)
        return self._name_of(target_id)

    def source_of(self, source_id: str):
        """A source's sheet (the article's title, outlet, date...)."""
        self.reads.note("source", source_id)
        return self._source_of(source_id)

    def render(self, template: str, page: str, **context) -> str:
        def link(target_id: str, anchor: str | None = None) -> str:
            return relative(page, self.page_of(target_id), anchor)

        def link_page(path: str, anchor: str | None = None) -> str:
            return relative(page, path, anchor)

        def ref(value: str) -> str:
            target = self.r.ref(value)
            return Markup(f"[{md(self.name_of(target))}]({link(target)})")

        def outlet_link(value: str) -> str:
            """An outlet as written, linked when it is an organization's id, name or alias."""
            target = value if value in self.r.entities else self.r.lookup.get(name_key(value))
            if target and self.kind_of(target) == "organizations":
                return Markup(f"[{md(value)}]({link(target)})")
            return md(value)

        text = self.env.get_template(template).render(
            page=page, link=link, link_page=link_page, ref=ref, outlet_link=outlet_link,
            language_name=language_name, r=self.r, dossier=self.r.dossier,
            kind_label=KIND_LABEL, kind_title=KIND_TITLE, name_of=self.name_of, what=self.what,
            difference_title=DIFFERENCE_TITLES, source_label=self.source_label, **context)
        text = "\n".join(line.rstrip() for line in text.splitlines()).strip() + "\n"
        return text + self.cards(page, text)

    _ENTITY_LINK = re.compile(r"\]\(((?:\.\./)*)(people|places|organizations|events)/([a-z0-9-]+)\.md[)#\s\"]")

    def cards(self, page: str, text: str) -> str:
        """Preview cards for the entities a page links to (assets/dossier.js shows one when a
        link is hovered or focused): data in the page, read as JSON and shown as text only;
        `<`, `>` and `&` are JSON escapes, so no name can end the script element."""
        cards = {}
        for _, kind, entity_id in self._ENTITY_LINK.findall(text):
            if entity_id in cards:
                continue
            self.reads.note("page", entity_id)
            target = self._page_or_none(entity_id)
            if target is None or not target.startswith(kind + "/"):
                continue
            self.reads.note("card", entity_id)
            cards[entity_id] = {"href": html_href(page, target, self.directory_urls), **self.card(entity_id)}
        if not cards:
            return ""
        data = script_json(sorted(cards.values(), key=lambda c: c["href"]))
        return f'\n<script type="application/json" class="dossier-cards">{data}</script>\n'

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

    # -- pages ----------------------------------------------------------------
    def entity(self, info: EntityInfo) -> str:
        page = entity_page(info.kind, info.id)
        events = sorted((self.r.entities[i] for i in info.related
                         if self.kind_of(i) == "events" and i != info.id),
                        key=lambda e: (e.sheet.date.sort_key, e.sheet.name))
        related = defaultdict(list)
        for other in sorted(info.related, key=lambda i: self.name_of(i).casefold()):
            kind = self.kind_of(other)
            if kind != "events":
                related[kind].append(other)
        references = References(self, page)
        facts = self.key_facts(info, page, references)
        differing = {name_key(d.property): d for d in info.disagreements}
        properties: dict[str, list[ResolvedClaim]] = {}
        for claim in info.claims:
            if claim.claim.property is not None:
                properties.setdefault(name_key(claim.claim.property), []).append(claim)
        dated = [e for e in events if e.sheet.date.known]
        if info.kind == "events":
            dated = []
        small_map = ""
        if info.kind == "places" and info.sheet.coordinates:
            small_map = map_svg([self.map_point(info, page)], width=700, height=360)
        return self.render("entity.md.j2", page, e=info, sheet=info.sheet, events=events,
                           json_ld=entity_ld(self.r, info),
                           small_timeline=Markup(timeline_svg(self.time_items(dated, page), width=700)) if len(dated) > 1 else "",
                           small_map=Markup(small_map), ego=self.ego_view(info, page),
                           related=[(k, related[k]) for k in ENTITY_KINDS if related[k]],
                           contexts=self.contexts(info, page), facts=facts, marks=references.marks,
                           references=references.items,
                           properties=[(claims, differing.get(key)) for key, claims in properties.items()],
                           statements=[c for c in info.claims if c.claim.property is None],
                           reported_by=self.reporting_sources(info), spellings=self.spellings(info))

    def key_facts(self, info: EntityInfo, page: str, references: References) -> list[dict]:
        """The infobox: each key fact (model.Cited) present on the sheet, with its citation
        marks; a fact without citations says so."""
        sheet, rows = info.sheet, []

        def ref(value: str) -> str:
            target = self.r.ref(value)
            return f"[{md(self.name_of(target))}]({relative(page, self.page_of(target))})"

        for name, is_list, _ in cited_fields(type(sheet)):
            value = getattr(sheet, name)
            if not value or (name == "name" and ("name",) not in info.facts):
                continue
            shown = []
            for i, item in (enumerate(value) if is_list else [(None, value)]):
                path = (name,) if i is None else (name, i)
                if isinstance(item, Role):
                    text = md(item.title) + (f", {ref(item.organization)}" if item.organization else "")
                elif isinstance(item, Coordinates):
                    text = f"{item.lat:.4f}, {item.lon:.4f}"
                elif isinstance(item, FuzzyDate):
                    text = md(item.label) + (" *(approximate)*" if item.approximate else "")
                else:
                    text = md(item) if name == "name" else ref(item)
                fact = info.facts.get(path)
                needed = not (isinstance(item, FuzzyDate) and not item.known)
                shown.append(Markup(text + (references.marks(fact) if fact else UNCITED if needed else "")))
            rows.append({"label": FACT_TITLE[name] if len(shown) == 1 or name in ("roles",) else FACT_TITLES[name],
                         "anchor": "fact-" + name.replace("_", "-"), "values": shown,
                         "note": getattr(sheet, f"{name}_note", None)})
        return rows

    def spellings(self, info: EntityInfo) -> list[tuple[str, list[str]]]:
        """Each spelling of an entity's name that the articles use, with the sources using it,
        when they use more than one: which outlet spells it which way. Short forms (a surname,
        with or without a title) of a longer name used too are left out."""
        by_name: dict[str, set[str]] = defaultdict(set)
        for source_id, mention in info.mentions:
            by_name[mention.name].add(source_id)
        words = {name: re.findall(r"\w+", name.casefold()) for name in by_name}

        def short_form(name: str) -> bool:
            """A surname alone, or with a title (Mr, Ms, Dr): part of a longer name used too."""
            own = words[name][1:] if len(words[name]) > 1 and len(words[name][0]) <= 3 else words[name]
            return any(other != name and set(own) <= set(words[other]) for other in by_name)

        by_name = {name: ids for name, ids in by_name.items() if not short_form(name)}
        if len(by_name) < 2:
            return []
        order = {name: i for i, name in enumerate(info.names)}
        key = lambda s: (self.source_of(s).published.sort_key, s)
        return [(name, sorted(by_name[name], key=key)) for name in sorted(by_name, key=lambda n: order.get(n, 0))]

    def source_label(self, source_id: str, with_title: bool = False) -> str:
        """A source as a reference: its outlet and date (and, with_title, its title), or its
        title and date when the outlet is not known."""
        source = self.source_of(source_id)
        title, date = f"“{source.title}”", source.published.label
        if source.outlet.lower() == "unknown":
            return f"{title}, {date}"
        return f"{source.outlet}, {date}, {title}" if with_title else f"{source.outlet}, {date}"

    @cached_property
    def _sources_about(self) -> dict[str, set[str]]:
        """Entity id -> the sources cited by claims on other sheets that are about it, and by
        other sheets' key facts that name it (an event's place, a role's organization)."""
        about: dict[str, set[str]] = defaultdict(set)
        for other in self.r.entities.values():
            for claim in other.claims:
                for target in claim.claim.about:
                    about[self.r.ref(target)].update(claim.source_ids)
            for path, fact in other.facts.items():
                value = other.sheet.fact(path)
                target = value.organization if isinstance(value, Role) else value if isinstance(value, str) else None
                if target and path[0] != "name":
                    about[self.r.ref(target)].update(fact.source_ids)
        return about

    def reporting_sources(self, info: EntityInfo) -> list[str]:
        """The sources that report on an entity: cited by its own claims and key facts, by
        claims about it on other sheets, or by other sheets' key facts that name it. An event is reported far more often than it is named."""
        self.reads.note("sources_about", info.id)
        sources = {s for c in [*info.claims, *info.facts.values()] for s in c.source_ids} \
            | self._sources_about.get(info.id, set())
        return sorted(sources, key=lambda s: (self.source_of(s).published.sort_key, s))

    def _reported_about(self, entity_id: str) -> list[str]:
        return sorted(self._sources_about.get(entity_id, ()))

    def contexts(self, info: EntityInfo, page: str) -> list[dict]:
        """Mentions in context: per source, the sentences around the mentions."""
        by_source: dict[str, list] = defaultdict(list)
        for source_id, mention in info.mentions:
            by_source[source_id].append(mention)
        result = []
        for source_id in sorted(by_source, key=lambda s: self.source_of(s).published.sort_key):
            article = self.r.articles[source_id]
            seen, items = set(), []
            for mention in by_source[source_id]:
                paragraph = article.paragraphs[mention.paragraph]
                first, last = paragraph.sentence_bounds(mention.start, mention.end)
                if (mention.paragraph, first) in seen:
                    continue
                seen.add((mention.paragraph, first))
                text = paragraph.text
                items.append({
                    "markdown": md(text[first:mention.start].lstrip()) + "**" + md(text[mention.start:mention.end])
                    + "**" + md(text[mention.end:last].rstrip()),
                    "anchor": paragraph.anchor, "line": paragraph.line})
            result.append({"id": source_id, "items": items[:MAX_CONTEXTS_PER_SOURCE],
                           "more": max(0, len(items) - MAX_CONTEXTS_PER_SOURCE),
                           "count": len(by_source[source_id])})
        return result

    def source(self, source_id: str, article: Article) -> str:
        page = f"sources/{source_id}.md"
        numbers: dict[ResolvedClaim, int] = {}
        for h in sorted(article.highlights, key=lambda h: (h.paragraph, h.start)):
            numbers.setdefault(h.by, len(numbers) + 1)
        by_paragraph = defaultdict(list)
        for h in article.highlights:
            by_paragraph[h.paragraph].append(h)
        mentions = defaultdict(list)
        for m in article.mentions:
            mentions[m.paragraph].append(m)
        paragraphs = [{"anchor": p.anchor, "line": p.line, "role": p.role,
                       "markdown": self.paragraph(page, p.text, merge_highlights(by_paragraph[i]),
                                                  mentions[i], numbers, p.line)}
                      for i, p in enumerate(article.paragraphs)]
        mentioned = sorted({m.entity_id for m in article.mentions},
                           key=lambda i: self.name_of(i).casefold())
        named = [(kind, [i for i in mentioned if self.kind_of(i) == kind])
                 for kind in ENTITY_KINDS]
        return self.render("source.md.j2", page, a=article, s=article.source, id=source_id,
                           json_ld=json_ld(_article_ld(article.source)),
                           paragraphs=paragraphs, numbers=sorted(numbers.items(), key=lambda x: x[1]),
                           mentioned=len(mentioned), named=[(k, ids) for k, ids in named if ids], raw=relative(page, raw_path(source_id)),
                           language=language_name(article.source.language))

    def paragraph(self, page, text, regions, mentions, numbers, line) -> str:
        out: list[str] = []
        pending = sorted(mentions, key=lambda m: m.start)
        cursor = 0  # index into pending

        def plain(a: int, b: int) -> None:
            nonlocal cursor
            pos = a
            while cursor < len(pending) and pending[cursor].start < b:
                m = pending[cursor]
                if m.start >= a and m.end <= b:
                    out.append(md(text[pos:m.start]))
                    target = relative(page, self.page_of(m.entity_id))
                    title = attr(self.name_of(m.entity_id))
                    out.append(f'[{md(text[m.start:m.end])}]({target} "{title}")')
                    pos = m.end
                cursor += 1
                if m.end > b:  # crosses the boundary: left as text
                    break
            out.append(md(text[pos:b]))

        pos = 0
        for n, region in enumerate(regions, start=1):
            plain(pos, region.start)
            out.append(f'<mark class="dossier-cited" id="cited-{line}-{n}">')
            plain(region.start, region.end)
            out.append("</mark>")
            refs = []
            for by in sorted(region.by, key=numbers.__getitem__):
                label = f"{self.name_of(by.entity_id)}: {self.what(by)[0]}"
                target = relative(page, self.page_of(by.entity_id), by.anchor)
                refs.append(f'[{numbers[by]}]({target} "{attr(label)}")')
            out.append(f'<sup class="dossier-cite-ref">{",".join(refs)}</sup>')
            pos = region.end
        plain(pos, len(text))
        return Markup("".join(out).replace("\n", " "))  # every piece is escaped above

    # -- views (views.py): SVG drawn here, links in the site's final URL style ------------
    def view_href(self, page: str, target_id: str) -> str:
        return html_href(page, self.page_of(target_id), self.directory_urls)

    def root_place(self, place_id: str) -> str:
        """The outermost place a place lies within (a country, usually)."""
        seen = set()
        while place_id in self.r.within and place_id not in seen:
            seen.add(place_id)
            place_id = self.r.within[place_id]
        return place_id

    def time_items(self, events: list[EntityInfo], page: str) -> list[TimeItem]:
        items = []
        for ev in events:
            d = ev.sheet.date
            if not d.known:
                continue
            lane = self.name_of(self.root_place(self.r.ref(ev.sheet.places[0]))) if ev.sheet.places else "No place given"
            items.append(TimeItem(ev.id, ev.sheet.name, d.start, d.end, d.precision, d.label,
                                  self.view_href(page, ev.id), lane,
                                  [self.source_label(s) for s in self.reporting_sources(ev)]))
        return items

    def timeline_view(self, events: list[EntityInfo], page: str) -> Markup:
        return Markup(zoomable_timeline(self.time_items(events, page), "zoom"))

    @cached_property
    def _events_at(self) -> dict[str, list[str]]:
        at: dict[str, list[str]] = defaultdict(list)
        for ev in sorted(self.r.by_kind("events"), key=lambda e: (e.sheet.date.sort_key, e.sheet.name)):
            for place in ev.sheet.places:
                at[self.r.ref(place)].append(f"{ev.sheet.name} ({ev.sheet.date.label})")
        return at

    def map_point(self, place: EntityInfo, page: str) -> MapPoint:
        self.reads.note("events_at", place.id)
        return MapPoint(place.id, place.sheet.name, place.sheet.coordinates.lat, place.sheet.coordinates.lon,
                        self.view_href(page, place.id), self._events_at_place(place.id))

    def _events_at_place(self, place_id: str) -> list[str]:
        return self._events_at.get(place_id, [])

    def map_points(self, page: str) -> list[MapPoint]:
        return [self.map_point(p, page) for p in sorted(self.r.by_kind("places"), key=lambda p: p.id)
                if p.sheet.coordinates]

    def map_page(self) -> str:
        page = "map.md"
        places = sorted(self.r.by_kind("places"), key=lambda e: e.sheet.name.casefold())
        return self.render("map.md.j2", page, view=Markup(map_svg(self.map_points(page))),
                           placed=[p for p in places if p.sheet.coordinates],
                           unplaced=[p for p in places if not p.sheet.coordinates])

    @cached_property
    def ties(self) -> list[tuple[str, str, str, str, str]]:
        """(entity, kind of tie, other entity, sheet and anchor that state it) from the sheets'
        references: each tie traceable to the key fact or the claim behind it."""
        kinds = {"roles": "role", "participants": "took part in", "places": "took place in", "within": "within",
                 "parent": "part of", "based_in": "based in", "about": "a claim about"}
        found = set()
        for info in self.r.entities.values():
            for path, value, mark in info.refs:
                field = "about" if "about" in path else next((p for p in path if p in kinds), None)
                if mark.kinds == ("sources",) or field is None:
                    continue
                other = self.r.ref(value)
                if other != info.id:
                    a, b = (other, info.id) if field == "participants" else (info.id, other)
                    anchor = f"claim-{path[1] + 1}" if field == "about" else "fact-" + field.replace("_", "-")
                    found.add((a, kinds[field], b, info.id, anchor))
        # Co-citation: entities whose claims or facts quote the same passage of an article.
        # A passage quoted for many entities (over MAX_COCITED) ties none of them: it is a
        # summary, and listing every pair would grow with the square of their number.
        by_passage: dict[tuple[str, str], set[str]] = defaultdict(set)
        for info in self.r.entities.values():
            for cited in [*info.claims, *info.facts.values()]:
                for c in cited.citations:
                    by_passage[(c.source_id, c.anchor)].add(info.id)
        for (source_id, anchor), ids in by_passage.items():
            if 2 <= len(ids) <= self.MAX_COCITED:
                for a, b in combinations(sorted(ids), 2):
                    found.add((a, COCITED, b, source_id, anchor))
        return sorted(found)

    MAX_COCITED = 6

    MAX_EGO = 24  # ties drawn around an entity on its page
    MAX_GRAPH_NODES = 120  # the whole-dossier graph keeps the most connected entities

    def graph_page(self) -> str:
        page = "graph.md"
        ties = self.ties
        drawn = [t for t in ties if t[1] != COCITED]  # co-citation: listed, and drawn on entity pages
        degree: dict[str, int] = defaultdict(int)
        for a, _, b, _, _ in drawn:
            degree[a] += 1
            degree[b] += 1
        kept = sorted(degree, key=lambda i: (-degree[i], i))[:self.MAX_GRAPH_NODES]
        keep = set(kept)
        nodes = [Node(i, self.name_of(i), self.r.entities[i].kind, self.view_href(page, i)) for i in sorted(keep)]
        edges = [Edge(a, b, kind) for a, kind, b in {t[:3] for t in drawn} if a in keep and b in keep]
        edges.sort(key=lambda e: (e.a, e.kind, e.b))
        view = whole_graph(nodes, edges, width=1000)
        grouped: dict[tuple, list] = defaultdict(list)
        for a, kind, b, sheet, anchor in ties:
            if a not in keep or b not in keep:
                continue  # the ties of entities left out of the picture are on their own pages
            label = self.source_label(sheet) if sheet in self.r.articles else self.name_of(sheet)
            grouped[(a, kind, b)].append((sheet, anchor, label))
        listed = [(*tie, where) for tie, where in grouped.items()]  # ties is sorted: so is this
        return self.render("graph.md.j2", page, view=Markup(view), ties=listed, shown=len(nodes), total=len(degree))

    def ego_view(self, info: EntityInfo, page: str) -> Markup:
        ties = sorted({t[:3] for t in self.ties_of(info.id)})
        count: dict[str, int] = defaultdict(int)
        for a, _, b in ties:
            count[b if a == info.id else a] += 1
        # The most tied first, at most MAX_EGO around the entity; its page lists the rest.
        nearest = sorted(count, key=lambda i: (-count[i], self.name_of(i).casefold()))[:self.MAX_EGO]
        others = sorted(nearest, key=lambda i: self.name_of(i).casefold())
        ties = [t for t in ties if t[0] in nearest or t[2] in nearest]
        if not others:
            return Markup("")
        nodes = [Node(i, self.name_of(i), self.kind_of(i), self.view_href(page, i))
                 for i in [info.id, *others]]
        edges = [Edge(a, b, kind) for a, kind, b in ties]
        return Markup(graph_svg(nodes, edges, ego_positions(info.id, others, 700, 420), 700, 420,
                                center=info.id, label_chars=EGO_LABEL_CHARS))

    @cached_property
    def _ties_by_entity(self) -> dict[str, list[tuple]]:
        by: dict[str, list] = defaultdict(list)
        for tie in self.ties:
            by[tie[0]].append(tie)
            by[tie[2]].append(tie)
        return by

    def ties_of(self, entity_id: str) -> list[tuple]:
        self.reads.note("ties_of", entity_id)
        return self._ties_of(entity_id)

    def _ties_of(self, entity_id: str) -> list[tuple]:
        return self._ties_by_entity.get(entity_id, [])

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

    def disagreement_rows(self, d: Disagreement, page: str) -> list[dict]:
        rows = []
        for value, claims in d.values:
            for claim in claims:
                for cite in claim.citations:
                    rows.append({"value": value, "source": cite.source_id, "quote": cite.quote,
                                 "href": relative(page, self.page_of(cite.source_id), cite.anchor),
                                 "claim": claim})
        return rows


COCITED = "quoted together"  # a tie of two entities whose citations quote one passage
SCHEMA_ORG = {"people": "Person", "organizations": "Organization", "places": "Place", "events": "Event"}


def json_ld(data: dict) -> Markup:
    """A schema.org description for a page's <script type="application/ld+json">."""
    return Markup(f'<script type="application/ld+json">{script_json({"@context": "https://schema.org", **data})}</script>')


def _article_ld(source) -> dict:
    data = {"@type": "NewsArticle", "headline": source.title, "inLanguage": source.language}
    if source.published.known:
        data["datePublished"] = source.published.start.isoformat() if source.published.precision == "day" \
            else source.published.text
    if source.outlet.lower() != "unknown":
        data["publisher"] = {"@type": "Organization", "name": source.outlet}
    if source.url:
        data["url"] = source.url
    return data


def entity_ld(r: Resolved, info: EntityInfo) -> Markup:
    sheet = info.sheet
    data: dict = {"@type": SCHEMA_ORG[info.kind], "name": sheet.name, "description": sheet.description}
    if sheet.aliases:
        data["alternateName"] = list(sheet.aliases)
    if sheet.wikidata:
        data["sameAs"] = f"https://www.wikidata.org/wiki/{sheet.wikidata}"
    name = lambda value: r.entities[r.ref(value)].sheet.name
    if info.kind == "people" and sheet.roles:
        data["jobTitle"] = [role.title for role in sheet.roles]
        orgs = [name(role.organization) for role in sheet.roles if role.organization]
        if orgs:
            data["affiliation"] = [{"@type": "Organization", "name": n} for n in orgs]
    if info.kind == "organizations":
        if sheet.parent:
            data["parentOrganization"] = {"@type": "Organization", "name": name(sheet.parent)}
        if sheet.based_in:
            data["location"] = {"@type": "Place", "name": name(sheet.based_in)}
    if info.kind == "places":
        if sheet.within:
            data["containedInPlace"] = {"@type": "Place", "name": name(sheet.within)}
        if sheet.coordinates:
            data["geo"] = {"@type": "GeoCoordinates", "latitude": sheet.coordinates.lat,
                           "longitude": sheet.coordinates.lon}
    if info.kind == "events":
        if sheet.date.known:
            data["startDate"] = sheet.date.start.isoformat()
            data["endDate"] = sheet.date.end.isoformat()
        if sheet.places:
            data["location"] = [{"@type": "Place", "name": name(p)} for p in sheet.places]
    sources = sorted({s for c in [*info.claims, *info.facts.values()] for s in c.source_ids})
    if sources:
        data["citation"] = [_article_ld(r.articles[s].source) for s in sources]
    return json_ld(data)


# The pages about the whole dossier, in groups that take about as long to render as each
# other at any size (the sources index and the timeline grow with the dossier, the other pages
# less): one task each, so that they render side by side with the pages that changed.
OVERVIEW_PARTS: tuple[tuple[str, ...], ...] = (
    ("sources/index.md",),
    ("events/index.md",),
    ("people/index.md", "organizations/index.md", "places/index.md", "disagreements.md", "map.md",
     "graph.md", "changes.md", "index.md"),
)


def overview_pages(renderer: Renderer, resolved: Resolved, history: History | None, part: int) -> dict[str, str]:
    """The pages of OVERVIEW_PARTS[part], about the whole dossier (home, indexes, timeline,
    map, ties, changes): they read all of it, so they are rendered on every build."""
    by_kind = {k: sorted(resolved.by_kind(k), key=lambda e: e.sheet.name.casefold())
               for k in ENTITY_KINDS}
    timeline = sorted(by_kind["events"], key=lambda e: (e.sheet.date.sort_key, e.sheet.name))
    sources = sorted(resolved.articles.items(), key=lambda kv: (kv[1].source.published.sort_key, kv[0]))

    def disagreements() -> list:
        cited = {e.id: sum(len(c.citations) for c in e.claims) for e in resolved.entities.values()}
        return sorted(resolved.disagreements, key=lambda d: (
            DIFFERENCE_ORDER.index(d.kind), -cited[d.entity_id],
            resolved.entities[d.entity_id].sheet.name.casefold(), d.property))

    def disagreements_page() -> str:
        found = disagreements()
        groups = [(kind, [d for d in found if d.kind == kind]) for kind in DIFFERENCE_ORDER]
        return renderer.render(
            "disagreements.md.j2", "disagreements.md", disagreements=found,
            groups=[(kind, group) for kind, group in groups if group], difference_intro=DIFFERENCE_INTRO,
            rows=lambda d: renderer.disagreement_rows(d, "disagreements.md"))

    makers: dict[str, Callable[[], str]] = {
        f"{kind}/index.md": functools.partial(renderer.render, "kind_index.md.j2", f"{kind}/index.md",
                                              kind=kind, items=by_kind[kind])
        for kind in ("people", "organizations", "places")}
    makers["events/index.md"] = lambda: renderer.render(
        "timeline.md.j2", "events/index.md", view=renderer.timeline_view(timeline, "events/index.md"),
        events=[e for e in timeline if e.sheet.date.known], undated=[e for e in timeline if not e.sheet.date.known],
        reported=renderer.reporting_sources)
    makers["sources/index.md"] = lambda: renderer.render(
        "sources_index.md.j2", "sources/index.md",
        rows=[(source_id, article, len({h.by for h in article.highlights}),
               len({m.entity_id for m in article.mentions})) for source_id, article in sources])
    makers["disagreements.md"] = disagreements_page
    makers["map.md"] = renderer.map_page
    makers["graph.md"] = renderer.graph_page
    makers["changes.md"] = lambda: renderer.render("changes.md.j2", "changes.md",
                                                   history=history or History([], NO_HISTORY))
    makers["index.md"] = lambda: renderer.render(
        "home.md.j2", "index.md", by_kind=by_kind, sources=sources, index_pages=INDEX_PAGES,
        claims=sum(len(e.claims) for e in resolved.entities.values()), disagreements=disagreements(),
        key_events=[resolved.entities[resolved.ref(e)] for e in resolved.dossier.key_events])
    assert set(makers) == {path for names in OVERVIEW_PARTS for path in names}
    return {path: makers[path]() for path in OVERVIEW_PARTS[part]}


MIN_DEPS_PER_WORKER = 5000  # a guess: fingerprints of the dependencies of about 50 pages
MIN_PAGES_PER_WORKER = 300  # a guess, not measured finely; at 3,011 pages two workers render in 8-9 s instead of 14-15 s
# A task's process holds what its pages read and make until it ends (tasks of 3,750 pages: 1.6 to
# 2.0 GB each at 10,000 sources), but starts cold: 60 tasks of 500 pages rendered in 257 s there,
# 8 of 3,750 in 121 s.
MAX_PAGES_PER_TASK = 4000


def render_pages(resolved: Resolved, history: History | None = None,
                 directory_urls: bool = True, previous: Previous | None = None,
                 data_files: bool = True) -> dict[str, str | bytes]:
    """history: for the Changes page (None: the page says there is none); directory_urls:
    the site's URL style (MkDocs' use_directory_urls), for the links inside SVG views;
    previous: where the last build's pages and their dependencies are, to render again only
    the source and entity pages whose dependencies changed (rendercache.py); data_files:
    False leaves out the files of data/ (`dossier serve` writes them after the pages).

    The model is frozen for the cycle collector (dossier.no_cyclic_gc), which is off; the
    cycles Jinja leaves are collected every 100 pages."""
    with no_cyclic_gc(frozen=True):
        return _render_pages(resolved, history, directory_urls, previous, data_files)


def _render_pages(resolved: Resolved, history: History | None, directory_urls: bool,
                  previous: Previous | None, data_files: bool) -> dict[str, str | bytes]:
    renderer = Renderer(resolved, directory_urls)
    renderer.prepare()
    _compile_templates(renderer.env)
    articles, entities = list(resolved.articles.items()), list(resolved.entities.values())
    paths = [f"sources/{source_id}.md" for source_id, _ in articles] + [entity_page(e.kind, e.id) for e in entities]
    store = RenderCache(previous, renderer.key()) if previous else None
    kept: set[str] = set()
    if store:
        def fingerprints(deps: list) -> list[bytes]:
            count = workers(len(deps), MIN_DEPS_PER_WORKER)
            pieces = fork_map(lambda part: renderer.fingerprints([deps[i] for i in part]),
                              chunks(len(deps), count), count)
            now = [fingerprint for piece in pieces for fingerprint in piece]
            renderer._digests.update(zip(deps, now))
            return now
        kept = store.fresh(fingerprints, set(paths))
    todo = [i for i, path in enumerate(paths) if path not in kept]

    def page(i: int) -> str:
        """Page i, its source or entity read through the tracked model: the page depends on it."""
        if i < len(articles):
            source_id = articles[i][0]
            return renderer.source(source_id, renderer.r.articles[source_id])
        return renderer.entity(renderer.r.entities[entities[i - len(articles)].id])

    def work(task: range | tuple[str, int]) -> dict[str, str] | tuple:
        """The pages of sources and entities are independent of each other: a piece of
        them, or a part of the overview pages, per task (parallel.py)."""
        if isinstance(task, tuple):  # ("overview", part)
            return overview_pages(renderer, resolved, history, task[1])
        texts, found = [], []
        for n, i in enumerate(task, 1):
            text, deps = renderer.recording(page, todo[i]) if store else (page(todo[i]), set())
            texts.append(text)
            found.append(deps)
            if n % 100 == 0:  # Jinja's contexts and macros form cycles: collected, and what
                gc.collect()  # survives frozen (as the model is, below), so that the next
                gc.freeze()  # collection looks at the next pages' objects only
        if not store:
            return texts, [], [], []
        numbers, table = numbered(found)
        return texts, numbers, table, renderer.fingerprints(table)

    jobs = workers(len(todo), MIN_PAGES_PER_WORKER)
    tasks = chunks(len(todo), jobs, most=MAX_PAGES_PER_TASK)
    first: list = [("overview", n) for n in range(len(OVERVIEW_PARTS))]
    if previous:  # its pages are written as they come: collisions are refused first (write.py)
        check_collisions([*paths, *(raw_path(source_id) for source_id, _ in articles)])
    early: dict[int, object] = {}
    later: dict[int, tuple] = {}  # a task's dependencies, until the tasks before it are added
    rendered: dict[str, str] = {}
    added = 0
    # A process per task (fork_each): it copies only what its pages read of the model, and
    # gives back what it made as soon as it is done.
    for index, result in fork_each(work, [*first, *tasks], max(jobs, workers(2, 1))):
        if index < len(first):
            early[index] = result
            continue
        texts, numbers, table, prints = result
        names = [paths[todo[i]] for i in tasks[index - len(first)]]
        if previous is None or store is None:
            rendered.update(zip(names, texts))
            continue
        previous.written += sum(write_if_changed(previous.docs / name, text.encode("utf-8"))
                                for name, text in zip(names, texts))
        later[index] = (names, [text_digest(text) for text in texts], numbers, table, prints)
        del texts, result
        while len(first) + added in later:  # in task order, so the cache's bytes are the same every time
            store.add(*later.pop(len(first) + added))
            added += 1
    # The data files read all of the model: here, once no forked process shares its memory,
    # rather than in a task of their own, where reading it copied most of it (2.6 GB of a
    # peak of 4.5 GB at 10,000 sources).
    data = export_files(resolved) if data_files else {}
    overview: dict[str, str] = {}
    for index in sorted(early):
        overview.update(early[index])
    if store and previous:
        store.save()
        previous.rendered, previous.reused, previous.in_docs = len(todo), frozenset(kept), frozenset(paths)
    pages: dict[str, str | bytes] = dict(rendered)  # none with previous: they are in its docs folder
    for source_id, article in articles:
        pages[raw_path(source_id)] = article.raw_text.encode("utf-8")
    pages.update(overview)
    for name, content in data.items():
        pages[f"data/{name}"] = content
    pages["data.md"] = renderer.render("data.md.j2", "data.md", files=EXPORT_FILES,
                                       schema_version=EXPORT_SCHEMA_VERSION)
    pages.update(asset_pages())
    return pages


def asset_pages() -> dict[str, bytes]:
    """The few files Dossier adds to the theme (assets/), copied into every build."""
    return {f"assets/{asset.name}": asset.read_bytes() for asset in sorted(ASSETS.iterdir())}
