"""What pages read about the whole dossier, computed once before any page (Renderer.prepare)
and read by pages through accessors that note what they read: the ties between entities,
the sources that report on each entity, the events at each place."""

from __future__ import annotations

from collections import defaultdict
from itertools import combinations

from ..model.sheets import Role
from ..resolve.resolved import EntityInfo, Resolved

COCITED = "quoted together"  # a tie of two entities whose citations quote one passage
# A passage quoted for many entities (over MAX_COCITED) ties none of them: it is a summary,
# and listing every pair would grow with the square of their number.
MAX_COCITED = 6
TIE_KINDS = {"roles": "role", "participants": "took part in", "places": "took place in", "within": "within",
             "parent": "part of", "based_in": "based in", "about": "a claim about"}


def find_ties(r: Resolved) -> list[tuple[str, str, str, str, str]]:
    """(entity, kind of tie, other entity, sheet and anchor that state it) from the sheets'
    references: each tie traceable to the key fact or the claim behind it."""
    found = set()
    for info in r.entities.values():
        for path, value, mark in info.refs:
            field = "about" if "about" in path else next((p for p in path if p in TIE_KINDS), None)
            if mark.kinds == ("sources",) or field is None:
                continue
            other = r.ref(value)
            if other != info.id:
                a, b = (other, info.id) if field == "participants" else (info.id, other)
                anchor = info.claims[path[1]].anchor if field == "about" else "fact-" + field.replace("_", "-")
                found.add((a, TIE_KINDS[field], b, info.id, anchor))
    # Co-citation: entities whose claims or facts quote the same passage of an article.
    by_passage: dict[tuple[str, str], set[str]] = defaultdict(set)
    for info in r.entities.values():
        for cited in [*info.claims, *info.facts.values()]:
            for c in cited.citations:
                by_passage[(c.source_id, c.anchor)].add(info.id)
    for (source_id, anchor), ids in by_passage.items():
        if 2 <= len(ids) <= MAX_COCITED:
            for a, b in combinations(sorted(ids), 2):
                found.add((a, COCITED, b, source_id, anchor))
    return sorted(found)


def ties_by_entity(ties: list[tuple]) -> dict[str, list[tuple]]:
    by: dict[str, list] = defaultdict(list)
    for tie in ties:
        by[tie[0]].append(tie)
        by[tie[2]].append(tie)
    return by


def sources_about(r: Resolved) -> dict[str, set[str]]:
    """Entity id -> the sources cited by claims on other sheets that are about it, and by
    other sheets' key facts that name it (an event's place, a role's organization)."""
    about: dict[str, set[str]] = defaultdict(set)
    for other in r.entities.values():
        for claim in other.claims:
            for target in claim.claim.about:
                about[r.ref(target)].update(claim.source_ids)
        for path, fact in other.facts.items():
            value = other.sheet.fact(path)
            target = value.organization if isinstance(value, Role) else value if isinstance(value, str) else None
            if target and path[0] != "name":
                about[r.ref(target)].update(fact.source_ids)
    return about


def reporting(info: EntityInfo, about: dict[str, set[str]]) -> set[str]:
    """The sources that report on an entity: cited by its own claims and key facts, or in
    `about` (sources_about) for it. An event is reported far more often than it is named."""
    return info.cited_sources | about.get(info.id, set())


def events_at(r: Resolved) -> dict[str, list[str]]:
    """Place id -> the events there, as "name (date)", in the order of the timeline."""
    at: dict[str, list[str]] = defaultdict(list)
    for ev in sorted(r.by_kind("events"), key=lambda e: (e.sheet.date.sort_key, e.sheet.name)):
        for place in ev.sheet.places:
            at[r.ref(place)].append(f"{ev.sheet.name} ({ev.sheet.date.label})")
    return at
