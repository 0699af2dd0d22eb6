"""`dossier diff REV1 [REV2]`: what changed in the dossier between two Git revisions (REV2:
the working tree), compared on the resolved model, not on YAML lines: reformatting a
sheet or reordering its keys changes nothing here.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..core.markup import comment_text as md
from ..model.changes import NO_FACT_CHANGE
from ..model.sheets import KIND_LABEL
from ..pages.render import render_pages
from ..pages.renderer import Renderer
from ..pages.labels import FACT_TITLE
from ..resolve.resolved import Resolved, ResolvedClaim, name_key


def _claim_key(claim: ResolvedClaim) -> tuple[str, str]:
    c = claim.claim
    return ("property", name_key(c.property)) if c.property is not None else ("statement", name_key(c.statement))


@dataclass
class ClaimState:
    """What a sheet says for one (property, value) or one statement, over all its claims."""

    property: str | None
    text: str  # the value or the statement
    citations: set[tuple[str, str]] = field(default_factory=set)  # (source id, quote)
    notes: set[str] = field(default_factory=set)
    qualifiers: set[str] = field(default_factory=set)  # scope, as of, breakdown, written figure


def _by_value(info) -> dict[tuple, ClaimState]:
    states: dict[tuple, ClaimState] = {}
    for claim in (info.claims if info else []):
        c = claim.claim
        text = c.value if c.property is not None else c.statement
        state = states.setdefault((_claim_key(claim), name_key(c.value or "")), ClaimState(c.property, text))
        state.citations |= {(cite.source_id, " ".join(cite.quote.split())) for cite in claim.citations}
        if c.note:
            state.notes.add(c.note)
        state.qualifiers |= {f"{name}: {value}" for name, value in (
            ("scope", c.scope), ("as of", c.as_of.text if c.as_of else None),
            ("of which", ", ".join(f"{k}: {v}" for k, v in c.breakdown.items())),
            ("figure", c.quantity.model_dump_json(exclude_defaults=True) if c.quantity else None)) if value}
    return states


@dataclass
class FactState:
    """A key fact of a sheet (model.Cited), as a reader sees it, and where it comes from."""

    label: str  # "Place", "Role", ...
    text: str  # the value, referenced sheets by name
    citations: frozenset = frozenset()  # (source id, quote) or (kind, address, note)


def _facts(renderer: Renderer | None, info) -> dict[tuple, FactState]:
    """An entity's key facts, keyed by field and value (sheets by id, Resolved.fact_key), so
    that reordering a list or renaming a referenced sheet is no change to the fact."""
    if renderer is None or info is None:
        return {}
    facts = {}
    for path in info.sheet.key_facts():
        key = renderer.r.fact_key(info.sheet.fact(path))
        fact = info.facts.get(path)
        cites = frozenset() if fact is None else frozenset(
            {(c.source_id, " ".join(c.quote.split())) for c in fact.citations}
            | {(*e.external, e.note) for e in fact.external})
        facts[(path[0], key)] = FactState(FACT_TITLE[path[0]], renderer.fact_value(info.id, path), cites)
    return facts


@dataclass
class DossierDiff:
    added: list[tuple[str, str, str]] = field(default_factory=list)  # (kind, id, name)
    removed: list[tuple[str, str, str]] = field(default_factory=list)
    renamed: list[tuple[str, str, str, str]] = field(default_factory=list)  # (kind, id, old, new)
    texts_changed: list[tuple[str, str, str, str]] = field(default_factory=list)  # (id, title, old, new SHA-256)
    claims_added: list[tuple[str, ClaimState]] = field(default_factory=list)  # (entity name, claim)
    claims_removed: list[tuple[str, ClaimState]] = field(default_factory=list)
    claims_changed: list[tuple[str, ClaimState, ClaimState]] = field(default_factory=list)
    disagreements_new: list[tuple[str, str]] = field(default_factory=list)  # (entity name, property)
    disagreements_resolved: list[tuple[str, str]] = field(default_factory=list)
    kinds_changed: list[tuple[str, str, str, str]] = field(default_factory=list)  # (name, property, old, new)
    facts_added: list[tuple[str, FactState]] = field(default_factory=list)  # (entity name, fact)
    facts_removed: list[tuple[str, FactState]] = field(default_factory=list)
    facts_recited: list[tuple[str, FactState, FactState]] = field(default_factory=list)  # other citations
    pages: dict[str, str] = field(default_factory=dict)  # docs path -> added / removed / changed

    @property
    def empty(self) -> bool:
        return not any((self.added, self.removed, self.renamed, self.texts_changed, self.claims_added,
                        self.claims_removed,
                        self.claims_changed, self.disagreements_new, self.disagreements_resolved,
                        self.kinds_changed, self.facts_added, self.facts_removed, self.facts_recited,
                        self.pages))

    def summary(self) -> str:
        parts = []
        for label, items in (("added", self.added), ("removed", self.removed)):
            if items:
                parts.append(f"{len(items)} sheet{'s' if len(items) != 1 else ''} {label}")
        if self.renamed:  # the id stays: the sheet is the same, its `name:` changed
            parts.append(f"{len(self.renamed)} name{'s' if len(self.renamed) != 1 else ''} changed")
        if self.texts_changed:  # the seed's bytes: the text a source's quotes are checked against
            n = len(self.texts_changed)
            parts.append(f"{n} article text{'s' if n != 1 else ''} changed")
        claims = [f"{len(x)} {label}" for label, x in (("added", self.claims_added),
                  ("removed", self.claims_removed), ("changed", self.claims_changed)) if x]
        if claims:
            parts.append("claims: " + ", ".join(claims))
        facts = [f"{len(x)} {label}" for label, x in (("added", self.facts_added), ("removed", self.facts_removed),
                 ("with other citations", self.facts_recited)) if x]
        if facts:
            parts.append("key facts: " + ", ".join(facts))
        points = [f"{len(x)} {label}" for label, x in (("new", self.disagreements_new), ("resolved",
                  self.disagreements_resolved), ("of another kind", self.kinds_changed)) if x]
        if points:
            parts.append("points where sources differ: " + ", ".join(points))
        return "; ".join(parts) or NO_FACT_CHANGE


def _sheets(r: Resolved | None) -> dict[str, tuple[str, str]]:
    if r is None:
        return {}
    sheets = {sid: ("sources", a.source.title) for sid, a in r.articles.items()}
    sheets.update({eid: (e.kind, e.sheet.name) for eid, e in r.entities.items()})
    return sheets


def compare(old: Resolved | None, new: Resolved | None, pages: bool = True) -> DossierDiff:
    """pages=False leaves out the rendered pages (the Changes page needs only the facts)."""
    result = DossierDiff()
    before, after = _sheets(old), _sheets(new)
    for sid in sorted(after.keys() - before.keys()):
        result.added.append((after[sid][0], sid, after[sid][1]))
    for sid in sorted(before.keys() - after.keys()):
        result.removed.append((before[sid][0], sid, before[sid][1]))
    for sid in sorted(before.keys() & after.keys()):
        if before[sid][1] != after[sid][1]:
            result.renamed.append((after[sid][0], sid, before[sid][1], after[sid][1]))
    for sid in sorted((old.articles if old else {}).keys() & (new.articles if new else {}).keys()):
        was, now = old.articles[sid].sha256, new.articles[sid].sha256
        if was != now:
            result.texts_changed.append((sid, new.articles[sid].source.title, was, now))

    entity_ids = sorted(({*(old.entities if old else ())} | {*(new.entities if new else ())}))
    old_renderer, new_renderer = (Renderer(r) if r else None for r in (old, new))  # one each: fact texts
    for eid in entity_ids:
        was = old.entities.get(eid) if old else None
        now = new.entities.get(eid) if new else None
        name = (now or was).sheet.name
        old_values, new_values = _by_value(was), _by_value(now)
        gone = {k: c for k, c in old_values.items() if k not in new_values}
        came = {k: c for k, c in new_values.items() if k not in old_values}
        for key in sorted(old_values.keys() & new_values.keys()):
            a, b = old_values[key], new_values[key]
            if a.citations != b.citations or a.notes != b.notes or a.qualifiers != b.qualifiers:
                result.claims_changed.append((name, a, b))
        # A property whose only value changed: one change, not a removal and an addition.
        for key in sorted({k[0] for k in gone} & {k[0] for k in came}):
            olds = [k for k in gone if k[0] == key]
            news = [k for k in came if k[0] == key]
            if len(olds) == 1 and len(news) == 1 and key[0] == "property":
                result.claims_changed.append((name, gone.pop(olds[0]), came.pop(news[0])))
        result.claims_removed += [(name, gone[k]) for k in sorted(gone)]
        result.claims_added += [(name, came[k]) for k in sorted(came)]

        old_facts, new_facts = _facts(old_renderer, was), _facts(new_renderer, now)
        for key in sorted(old_facts.keys() | new_facts.keys(), key=repr):
            a, b = old_facts.get(key), new_facts.get(key)
            if a is None:
                result.facts_added.append((name, b))
            elif b is None:
                result.facts_removed.append((name, a))
            elif a.citations != b.citations:
                result.facts_recited.append((name, a, b))

        old_d = {name_key(d.property) for d in (was.disagreements if was else [])}
        new_d = {name_key(d.property): d.property for d in (now.disagreements if now else [])}
        for key in sorted(new_d.keys() - old_d):
            result.disagreements_new.append((name, new_d[key]))
        now_kinds = {name_key(d.property): d.kind for d in (now.disagreements if now else [])}
        for d in (was.disagreements if was else []):
            if name_key(d.property) not in new_d:
                result.disagreements_resolved.append((name, d.property))
            elif now_kinds[name_key(d.property)] != d.kind:
                result.kinds_changed.append((name, d.property, d.kind, now_kinds[name_key(d.property)]))

    if not pages:
        return result
    before_pages = render_pages(old) if old else {}
    after_pages = render_pages(new) if new else {}
    for path in sorted(before_pages.keys() | after_pages.keys()):
        if path.startswith("assets/"):
            continue
        if path not in before_pages:
            result.pages[path] = "added"
        elif path not in after_pages:
            result.pages[path] = "removed"
        elif before_pages[path] != after_pages[path]:
            result.pages[path] = "changed"
    return result


def _claim_text(state: ClaimState) -> str:
    body = f"{md(state.property)}: **{md(state.text)}**" if state.property is not None else md(state.text)
    cites = "; ".join(f"{md(s)} “{md(q)}”" for s, q in sorted(state.citations))
    qualifiers = "".join(f" *{md(q)}*" for q in sorted(state.qualifiers))
    return f"{body}{qualifiers} ({cites})"


def _fact_text(state: FactState) -> str:
    cites = "; ".join(f"{md(c[0])} “{md(c[1])}”" if len(c) == 2 else f"{md(c[0])} {md(c[1])} ({md(c[2])})"
                      for c in sorted(state.citations)) or "no citation"
    return f"{md(state.label)}: **{md(state.text)}** ({cites})"


def to_markdown(d: DossierDiff, old_label: str, new_label: str) -> str:
    """The comparison as Markdown, for a pull-request comment. Every name, value and quote is
    escaped (markup.md): a contributor's text can neither hide the rest of the comment
    (`<!--`) nor add a live link or image to it."""
    out = [f"## Dossier changes: {md(old_label)} → {md(new_label)}", ""]
    if d.empty:
        return "\n".join(out + ["No change to sheets, claims, key facts, disagreements or pages.", ""])
    out += [f"Summary: {d.summary()}.", ""]

    def section(title: str, lines: list[str]) -> None:
        if lines:
            out.extend([f"### {title}", "", *lines, ""])

    section("Added", [f"- {KIND_LABEL[k]} `{i}`: {md(n)}" for k, i, n in d.added])
    section("Removed", [f"- {KIND_LABEL[k]} `{i}`: {md(n)}" for k, i, n in d.removed])
    section("Names changed", [f"- {KIND_LABEL[k]} `{i}`: {md(a)} → {md(b)}" for k, i, a, b in d.renamed])
    section("Article texts changed", [f"- Source `{i}`: {md(t)} (SHA-256 {a[:12]}… → {b[:12]}…)"
                                      for i, t, a, b in d.texts_changed])
    section("Claims added", [f"- {md(n)}: {_claim_text(c)}" for n, c in d.claims_added])
    section("Claims removed", [f"- {md(n)}: {_claim_text(c)}" for n, c in d.claims_removed])
    section("Claims changed", [f"- {md(n)}: {_claim_text(a)} → {_claim_text(b)}"
                               for n, a, b in d.claims_changed])
    section("Key facts added", [f"- {md(n)}: {_fact_text(f)}" for n, f in d.facts_added])
    section("Key facts removed", [f"- {md(n)}: {_fact_text(f)}" for n, f in d.facts_removed])
    section("Key facts with other citations", [f"- {md(n)}: {_fact_text(a)} → {_fact_text(b)}"
                                               for n, a, b in d.facts_recited])
    section("Sources now differ", [f"- {md(n)}: {md(p)}" for n, p in d.disagreements_new])
    section("Sources no longer differ", [f"- {md(n)}: {md(p)}" for n, p in d.disagreements_resolved])
    section("Kind of difference changed", [f"- {md(n)}: {md(p)}: {a} → {b}" for n, p, a, b in d.kinds_changed])
    section("Pages whose content changes", [f"- `{p}` ({how})" for p, how in d.pages.items()])
    return "\n".join(out)
