"""What is marked private, taken out before anything is resolved (fail-closed).

`private: true` may mark an entity, a claim, a key fact, an alias or a source. `withhold`
makes the public dossier: the validated sheets without those items, and without what would
need them: a reference to a private entity (a claim's `about`, a key fact naming it), a
citation of a private source (a claim or fact left with none is left out), a `difference`
naming only a private claim's value. Every later stage (resolve, pages, search, exports,
the offline copy, `dossier diff`, the Changes page) reads only the public dossier, so no
output can show what it never received. An entity that lost something says how many items
(EntityInfo.withheld, a count and nothing else).

`dossier check` resolves the whole dossier too, so that a private item is still checked
(its quotes found, its references known), and reports what each private item hides
(`report`), and a published quote that names a private person or alias (`quote_warnings`).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace

from ..core.errors import Diagnostic, SourceLoc, warning
from ..model.cited import cited_fields, sheet_path
from ..model.sheets import KIND_LABEL, Alias, Entity, Source
from ..read.load import RawDoc
from ..read.validate import Valid, ValidDossier
from .mentions import whole_word
from .resolved import name_key


@dataclass(frozen=True)
class Withheld:
    """One item kept out of the outputs, for the curator (never for a page)."""

    what: str  # "claim 2 of 'anna'", "source 'x'"
    loc: SourceLoc
    why: str  # "marked private (note)" or what private item it needs


@dataclass
class Public:
    valid: ValidDossier  # the dossier without anything private
    withheld: list[Withheld] = field(default_factory=list)
    counts: Counter = field(default_factory=Counter)  # entity id -> items left out of its page
    private_names: dict[str, str] = field(default_factory=dict)  # name key -> as written (private)

    @property
    def any(self) -> bool:
        return bool(self.withheld)


def _names(sheet: Entity) -> list[str]:
    return [sheet.id, sheet.name, *(a.name if isinstance(a, Alias) else a for a in sheet.aliases)]


def _why(item) -> str:
    return "marked private" + (f" ({item.private_note})" if item.private_note else "")


class _Withholder:
    def __init__(self, valid: ValidDossier):
        self.valid = valid
        self.out = Public(valid)
        sheets = [v.sheet for v in valid.sheets]
        self.private_sources = {s.id for s in sheets if isinstance(s, Source) and s.private}
        public_keys = {name_key(n) for s in sheets if isinstance(s, Entity) and not s.private for n in _names(s)}
        self.hidden: dict[str, str] = {}  # a reference's key -> the private entity it names
        self.alias_of: dict[str, str] = {}  # a private alias's key -> its public entity's id
        for sheet in (s for s in sheets if isinstance(s, Entity)):
            if sheet.private:
                for n in _names(sheet):
                    if name_key(n) not in public_keys:
                        self.hidden[name_key(n)] = sheet.id
                        self.out.private_names.setdefault(name_key(n), n)
                continue
            for alias in sheet.aliases:
                if isinstance(alias, Alias) and alias.private:
                    self.alias_of.setdefault(name_key(alias.name), sheet.id)
                    self.out.private_names.setdefault(name_key(alias.name), alias.name)

    def left_out(self, what: str, doc: RawDoc, path: tuple, why: str, entity: str | None = None) -> None:
        self.out.withheld.append(Withheld(what, doc.loc(path), why))
        if entity:
            self.out.counts[entity] += 1

    def ref(self, value: str) -> str | None:
        """A reference as the public dossier may hold it: None where it names a private
        entity, the entity's id where it names it by a private alias."""
        if name_key(value) in self.hidden:
            return None
        return self.alias_of.get(name_key(value), value)

    def public(self) -> Public:
        sheets: list[Valid] = []
        for item in self.valid.sheets:
            sheet, doc = item.sheet, item.doc
            label = f"{KIND_LABEL[doc.kind].lower()} '{sheet.id}'"
            if sheet.private:
                extra = f" with its {len(sheet.claims)} claim(s)" if isinstance(sheet, Entity) and sheet.claims else ""
                self.left_out(label + extra, doc, ("private",), _why(sheet))
            elif isinstance(sheet, Entity):
                sheets.append(Valid(self.entity(sheet, doc, label), doc))
            else:
                sheets.append(item)
        dossier = self.valid.dossier
        if dossier is not None:
            dossier = dossier.model_copy(update={
                name: [r for v in getattr(dossier, name) if (r := self.ref(v))] for name in ("key_events", "start_here")})
        self.out.valid = replace(self.valid, dossier=dossier, sheets=sheets)
        return self.out

    def entity(self, sheet: Entity, doc: RawDoc, label: str) -> Entity:
        aliases, hidden = [], set()
        for i, alias in enumerate(sheet.aliases):
            if isinstance(alias, Alias) and alias.private:
                self.left_out(f"alias '{alias.name}' of {label}", doc, ("aliases", i), _why(alias), sheet.id)
                hidden.add(name_key(alias.name))
            else:
                aliases.append(alias.name if isinstance(alias, Alias) else alias)
        exact = [n for n in sheet.exact_names if name_key(n) not in hidden]  # a private alias, written as is
        claims, dropped_values = [], set()
        for i, claim in enumerate(sheet.claims):
            what = f"claim {i + 1} of {label}"
            cites = [c for c in claim.cite if c.source not in self.private_sources]
            about = [r for r in claim.about if self.ref(r)]
            if claim.private or not cites:
                why = _why(claim) if claim.private else "it cites only private sources"
                self.left_out(what, doc, ("claims", i), why, sheet.id)
                dropped_values.add(name_key(claim.value or ""))
                continue
            for j, c in enumerate(claim.cite):
                if c.source in self.private_sources:
                    self.left_out(f"citation {j + 1} of {what}", doc, ("claims", i, "cite", j),
                                  "it cites a private source", sheet.id)
            if len(about) < len(claim.about):
                self.left_out(f"a private entity named in 'about' of {what}", doc, ("claims", i, "about"),
                              "it names a private entity", sheet.id)
            claims.append(claim.model_copy(update={"cite": cites, "about": [self.ref(r) for r in about]}))
        return sheet.model_copy(update={
            "aliases": aliases, "exact_names": exact, "claims": _differences(claims, dropped_values),
            **self.facts(sheet, doc, label), "private_facts": {}})

    def facts(self, sheet: Entity, doc: RawDoc, label: str) -> dict:
        """The key facts that stay, their citations renumbered with them."""
        update: dict = {}
        renamed: dict[str, str] = {"name": "name"}
        for name, is_list, _ in cited_fields(type(sheet)):
            if name == "name":
                continue
            value = getattr(sheet, name)
            items = list(enumerate(value)) if is_list else [(None, value)]
            kept = []
            for i, item in items:
                key = name if i is None else f"{name}.{i}"
                why = self.fact_problem(sheet, key, item)
                if item is None or not why:
                    renamed[key] = name if i is None else f"{name}.{len(kept)}"
                    kept.append(self.fact_ref(item))
                    continue
                self.left_out(f"key fact '{key}' of {label}", doc, (name,) if i is None else (name, i), why, sheet.id)
            update[name] = kept if is_list else (kept[0] if kept else type(sheet).model_fields[name].default)
        cites = {}
        for key, items in sheet.fact_cites.items():
            public = [c for c in items if c.source is None or c.source not in self.private_sources]
            if key in renamed and public:
                cites[renamed[key]] = public
        update["fact_cites"] = cites
        return update

    def fact_problem(self, sheet: Entity, key: str, item: object) -> str | None:
        if key in sheet.private_facts:
            note = sheet.private_facts[key]
            return "marked private" + (f" ({note})" if note else "")
        refs = [item] if isinstance(item, str) else [getattr(item, "organization", None)]
        if any(r is not None and self.ref(r) is None for r in refs):
            return "it names a private entity"
        cites = sheet.fact_cites.get(key, [])
        if cites and all(c.source in self.private_sources for c in cites):
            return "it cites only private sources"
        return None

    def fact_ref(self, item: object) -> object:
        if isinstance(item, str):
            return self.ref(item)
        organization = getattr(item, "organization", None)
        return item.model_copy(update={"organization": self.ref(organization)}) if organization else item


def _differences(claims: list, dropped: set[str]) -> list:
    """A `difference` that names a value only a left-out claim gave names nothing public."""
    public = {name_key(c.value or "") for c in claims}
    gone = dropped - public
    if not gone:
        return claims
    out = []
    for claim in claims:
        if isinstance(claim.difference, dict):
            kept = {k: v for k, v in claim.difference.items() if name_key(k) not in gone}
            claim = claim.model_copy(update={"difference": kept or None})
        out.append(claim)
    return out


def _any_private(valid: ValidDossier) -> bool:
    """Whether a sheet marks anything private or writes an alias long (which the public
    dossier writes as a name)."""
    for item in valid.sheets:
        sheet = item.sheet
        if sheet.private:
            return True
        if isinstance(sheet, Entity) and (sheet.private_facts or any(c.private for c in sheet.claims)
                                          or any(isinstance(a, Alias) for a in sheet.aliases)):
            return True
    return False


def withhold(valid: ValidDossier) -> Public:
    """The public dossier (see the module's docstring): the sheets as they are when nothing
    in them is private."""
    return _Withholder(valid).public() if _any_private(valid) else Public(valid)


def everything(valid: ValidDossier) -> ValidDossier:
    """The whole dossier as resolve reads it (aliases as names), for `dossier check` to
    find the problems of private items too."""
    sheets = []
    for item in valid.sheets:
        sheet = item.sheet
        if isinstance(sheet, Entity) and any(isinstance(a, Alias) for a in sheet.aliases):
            names = [a.name if isinstance(a, Alias) else a for a in sheet.aliases]
            item = Valid(sheet.model_copy(update={"aliases": names}), item.doc)
        sheets.append(item)
    return replace(valid, sheets=sheets)


def report(public: Public) -> list[Diagnostic]:
    """What each private item hides, at its place in the sheets."""
    return [Diagnostic("notice", "private", f"{w.what} is kept out of every output: {w.why}", w.loc)
            for w in public.withheld]


def _occurrences(text: str, part: str) -> list[int]:
    found, at = [], text.find(part) if part else -1
    while at >= 0:
        found.append(at)
        at = text.find(part, at + 1)
    return found


def quote_warnings(public: Public) -> list[Diagnostic]:
    """A published quote that holds a private name: the quote is shown on a public page."""
    if not public.private_names:
        return []
    found = []
    for item in public.valid.sheets:
        sheet = item.sheet
        if not isinstance(sheet, Entity):
            continue
        quoted = [(("claims", i, "cite", j), c.quote) for i, claim in enumerate(sheet.claims)
                  for j, c in enumerate(claim.cite)]
        quoted += [(sheet_path(("fact_cites", key, j)), c.quote) for key, cites in sheet.fact_cites.items()
                   for j, c in enumerate(cites) if c.quote]
        for path, quote in quoted:
            folded = name_key(quote)
            for key, name in public.private_names.items():
                if any(whole_word(folded, at, at + len(key)) for at in _occurrences(folded, key)):
                    found.append(warning("quote-names-private", f"this published quote names '{name}', which is "
                                         "private: quote a passage without the name, or mark this claim or fact "
                                         "private too", item.doc.loc(path)))
                    break
    return found
