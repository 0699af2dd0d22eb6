"""An entity's page (a person, organization, place or event): its key facts with their
citations, its claims grouped by property with the sources that differ side by side, the
spellings the sources use, the small timeline, map and ties, and its mentions in context."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass

from markupsafe import Markup

from ..core.markup import nested, text as text_of
from ..model.dates import FuzzyDate
from ..model.sheets import ENTITY_KINDS, Coordinates, Role, cited_fields
from ..resolve.resolved import EntityInfo, ResolvedClaim, name_key
from .citing import citation, citations_script
from .fragments import Fragments
from .jsonld import entity_ld
from . import points
from .map import small_map as small_map_svg
from .paths import entity_page
from .references import References
from .renderer import Renderer
from .ties import ego_view
from .timeline import time_items
from .views.timeline import timeline_svg
from .labels import FACT_TITLE, FACT_TITLES, UNCITED

MAX_CONTEXTS_PER_SOURCE = 5
RELATED_TITLE = {"people": "People", "organizations": "Organizations", "places": "Places", "events": "Events"}


def entity_text(rd: Renderer, info: EntityInfo) -> str:
    page = entity_page(info.kind, info.id)
    events = sorted((rd.r.entities[i] for i in info.related
                     if rd.kind_of(i) == "events" and i != info.id),
                    key=lambda e: (e.sheet.date.sort_key, e.sheet.name))
    # Related: every entity the page's picture of ties could show (the picture keeps the
    # most tied), by kind, so that the list and the picture agree.
    tied = {t[2] if t[0] == info.id else t[0] for t in rd.ties_of(info.id)} - {info.id}
    related = defaultdict(list)
    for other in sorted(tied, key=lambda i: rd.name_of(i).casefold()):
        related[rd.kind_of(other)].append(other)
    references = References(rd, page)
    parts = Fragments(rd, page, references.marks)
    facts = key_facts(rd, info, page, references)
    differing = {name_key(d.property): d for d in info.disagreements}
    properties: dict[str, list[ResolvedClaim]] = {}
    for claim in info.claims:
        if claim.claim.property is not None:
            properties.setdefault(name_key(claim.claim.property), []).append(claim)
    dated = [e for e in events if e.sheet.date.known]
    if info.kind == "events":
        dated = []
    small_map = small_map_svg(rd, info, page) if info.kind == "places" else ""
    reported = rd.reporting_sources(info)
    return rd.render("entity.md.j2", page, e=info, sheet=info.sheet, events=events,
                     json_ld=entity_ld(rd.r, info),
                     small_timeline=Markup(timeline_svg(time_items(rd, dated, page), width=680)) if len(dated) > 1 else "",
                     small_map=Markup(small_map), ego=ego_view(rd, info, page),
                     related=[(k, related[k]) for k in ENTITY_KINDS if related[k]],
                     related_title=RELATED_TITLE,
                     contexts=contexts(rd, info), facts=facts, marks=references.marks,
                     claim_value=parts.claim_value, said_by=parts.said_by, permalink=parts.permalink,
                     qualifiers=parts.qualifiers, ref_list=parts.ref_list,
                     references=references.items,
                     properties=[(claims, differing.get(key), value_rows(claims))
                                 for key, claims in properties.items()],
                     statements=[c for c in info.claims if c.claim.property is None],
                     reported_by=reported, outlets=outlets(rd, reported), spellings=spellings(rd, info),
                     summary=points.summary, page_cite=citation(rd, info, page),
                     cite_data=Markup(citations_script(rd, info, page, facts)))


@dataclass
class Cited:
    """Claims shown as one value: their citations together (for References.marks)."""
    citations: list
    external: tuple = ()


def value_rows(claims: list[ResolvedClaim]) -> list[dict]:
    """A property's claims as rows, one per value: claims that state the same value in the
    same scope at the same time are one row ("30" and "30, of which 16 girls" are one), its
    qualifiers shown once each, each with the marks of the claims that give it; the other
    claims' anchors are kept on the row, so links to them still land."""
    rows: dict[tuple, dict] = {}
    for claim in claims:
        c = claim.claim
        key = (name_key(c.value), c.scope, c.as_of.label if c.as_of else None)
        row = rows.setdefault(key, {"claims": [], "parts": {}})
        row["claims"].append(claim)
        breakdown = tuple((c.breakdown or {}).items())
        row["parts"].setdefault(breakdown, (claim, []))[1].extend(claim.citations)
    return [{"claim": row["claims"][0], "others": row["claims"][1:],
             "parts": [(first, Cited(cites)) for first, cites in
                       sorted(row["parts"].values(), key=lambda part: bool(part[0].claim.breakdown))]}
            for row in rows.values()]


def outlets(rd: Renderer, sources: list[str], once: bool = False) -> list[tuple[str, str]]:
    """The sources as the infobox names them: (label, source id) with the outlet's name, and
    a date beside it only when the outlet wrote more than one of them; once: each outlet
    named once, linked to its first source."""
    names = [rd.short_source_label(sid, dated=False) for sid in sources]
    if once:
        first = {}
        for name, sid in zip(names, sources):
            first.setdefault(name, sid)
        return list(first.items())
    count = Counter(names)
    return [(name if count[name] == 1 else rd.short_source_label(sid), sid)
            for name, sid in zip(names, sources)]


def key_facts(rd: Renderer, info: EntityInfo, page: str, references: References) -> list[dict]:
    """The infobox: each key fact (model.Cited) present on the sheet, with its citation
    marks; a fact without citations says so."""
    sheet, rows = info.sheet, []

    for name, is_list, _ in cited_fields(type(sheet)):
        value = getattr(sheet, name)
        if not value or (name == "name" and ("name",) not in info.facts):
            continue
        shown = []
        for i, item in (enumerate(value) if is_list else [(None, value)]):
            path = (name,) if i is None else (name, i)
            if isinstance(item, Role):
                text = text_of(item.title)
                if item.organization:
                    text += Markup(f", {rd.ref_link(page, item.organization)}")
            elif isinstance(item, Coordinates):
                text = f"{item.lat:.4f}, {item.lon:.4f}"
            elif isinstance(item, FuzzyDate):
                text = text_of(item.label) + (Markup(" <em>(approximate)</em>") if item.approximate else "")
            else:
                text = text_of(item) if name == "name" else rd.ref_link(page, item)
            fact = info.facts.get(path)
            needed = not (isinstance(item, FuzzyDate) and not item.known)
            shown.append(Markup(text + (references.marks(fact) if fact else UNCITED if needed else "")))
        rows.append({"label": FACT_TITLE[name] if len(shown) == 1 or name in ("roles",) else FACT_TITLES[name],
                     "anchor": "fact-" + name.replace("_", "-"), "values": shown,
                     "note": getattr(sheet, f"{name}_note", None)})
    return rows


def spellings(rd: Renderer, info: EntityInfo) -> list[tuple[str, list[tuple[str, str]]]]:
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
    key = lambda s: (rd.source_of(s).published.publication_order, s)
    return [(name, outlets(rd, sorted(by_name[name], key=key), once=True))
            for name in sorted(by_name, key=lambda n: order.get(n, 0))]


def contexts(rd: Renderer, info: EntityInfo) -> list[dict]:
    """Mentions in context: per source, the sentences around the mentions."""
    by_source: dict[str, list] = defaultdict(list)
    for source_id, mention in info.mentions:
        by_source[source_id].append(mention)
    result = []
    for source_id in sorted(by_source, key=lambda s: rd.source_of(s).published.publication_order):
        article = rd.r.articles[source_id]
        seen, items = set(), []
        for mention in by_source[source_id]:
            paragraph = article.paragraphs[mention.paragraph]
            first, last = paragraph.sentence_bounds(mention.start, mention.end)
            if (mention.paragraph, first) in seen:
                continue
            seen.add((mention.paragraph, first))
            text = nested(paragraph.text)  # shown in double quotes: its own quote marks single (same length)
            items.append({
                "html": text_of(text[first:mention.start].lstrip()) + Markup("<strong>")
                + text_of(text[mention.start:mention.end]) + Markup("</strong>")
                + text_of(text[mention.end:last].rstrip()),
                "anchor": paragraph.anchor, "line": paragraph.line})
        result.append({"id": source_id, "items": items[:MAX_CONTEXTS_PER_SOURCE],
                       "more": max(0, len(items) - MAX_CONTEXTS_PER_SOURCE),
                       "count": len(by_source[source_id])})
    return result
