"""Stage 3: ids, aliases, references, quotes, mentions, disagreements and backlinks.

Owns the resolving process: it checks every sheet's ids, names and references, reads the
sources' articles, finds quotes and mentions in them, and builds the resolved model
(resolved.py) that later stages read. Everything is collected first and looked up
afterwards, so no later stage resolves a link lazily. Lookup order for a reference, in this
one place: an exact id, then a name or alias (compared case-insensitively, after folding
quotes, dashes and spaces).
"""

from __future__ import annotations

import types
import typing
from collections import defaultdict
from difflib import get_close_matches
from functools import cache
from itertools import combinations

from pydantic import BaseModel
from slugify import slugify

from .article import Paragraph, closest_passage, describe_passage, find_quote, split_paragraphs
from .differences import Known, Value, all_pairs, point_kind, sides
from ..core.errors import Diagnostic, SourceLoc, error
from ..core.memo import Memo, Reuse
from ..read.inputs import MAX_PARAGRAPH_CHARS
from ..read.load import RawDoc
from .mentions import MentionFinder
from ..model.names import VariantFinder
from ..model.sheets import ENTITY_KINDS, KIND_LABEL, RefTo, Source, sheet_path
from ..read.validate import ValidDossier
from .resolved import (Article, Disagreement, EntityInfo, Highlight, Resolved, ResolvedCitation, ResolvedClaim,
                       ResolvedFact, claim_anchors, name_key)
from . import textcache
from .linemarks import marked_lines
from .textcache import TextCache




def _ref_mark(annotation: object) -> RefTo | None:
    """The RefTo mark of a type such as Annotated[str, RefTo(...)] | None, if any."""
    if typing.get_origin(annotation) is typing.Annotated:
        marks = [m for m in annotation.__metadata__ if isinstance(m, RefTo)]
        return marks[0] if marks else _ref_mark(typing.get_args(annotation)[0])
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        return next(filter(None, map(_ref_mark, typing.get_args(annotation))), None)
    return None


def _may_hold_model(annotation: object) -> bool:
    """Whether a value of this type may hold a model (or anything: Any)."""
    if annotation is typing.Any or annotation is object:
        return True
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return True
    return any(_may_hold_model(arg) for arg in typing.get_args(annotation) if not isinstance(arg, RefTo))


@cache
def _field_marks(model: type[BaseModel]) -> tuple[tuple[str, RefTo | None, RefTo | None], ...]:
    """Per field of a model that may hold a reference: the RefTo mark of the field, and of
    its list items (fields that can hold neither a reference nor a model are left out: most
    of them, and iter_refs walks every sheet)."""
    marks = []
    for name, info in model.model_fields.items():
        mark = next((m for m in info.metadata if isinstance(m, RefTo)), None) or _ref_mark(info.annotation)
        item_mark = _ref_mark((typing.get_args(info.annotation) or (None,))[0])
        if mark or item_mark or _may_hold_model(info.annotation):
            marks.append((name, mark, item_mark))
    return tuple(marks)


def iter_refs(value: object, path: tuple = ()) -> typing.Iterator[tuple[tuple, str, RefTo]]:
    """Every reference inside a model value, with its data path and its RefTo mark."""
    if not isinstance(value, BaseModel):
        return
    for name, mark, item_mark in _field_marks(type(value)):
        inner = getattr(value, name)
        if mark and isinstance(inner, str):
            yield path + (name,), inner, mark
        elif isinstance(inner, list):
            for i, item in enumerate(inner):
                if item_mark and isinstance(item, str):
                    yield path + (name, i), item, item_mark
                elif isinstance(item, BaseModel):
                    yield from iter_refs(item, path + (name, i))
        elif isinstance(inner, BaseModel):
            yield from iter_refs(inner, path + (name,))
        elif isinstance(inner, dict):  # fact_cites: each fact's citations, under the fact
            for key, items in inner.items():
                for i, item in enumerate(items):
                    yield from iter_refs(item, path + sheet_path((name, key)) + (i,))


def _kind_words(kinds: tuple[str, ...]) -> str:
    labels = [KIND_LABEL[k].lower() for k in kinds] or ["entity"]
    return " or ".join(f"{'an' if w[0] in 'aeiou' else 'a'} {w}" for w in labels)


class _Resolver:
    def __init__(self, valid: ValidDossier, texts: TextCache | None = None, memo: Memo | None = None):
        self.valid = valid
        self.texts = texts or TextCache(None)
        # what the last resolve in this process made (core/memo.py): the paragraphs of each
        # article (articles()), the claims and facts of each entity (claims_and_facts()), the
        # references each sheet holds (check_refs())
        self.reuse = {part: Reuse(memo, part) for part in ("articles", "claims", "refs")}
        self.text_keys: dict[str, bytes] = {}  # source id -> its article's fingerprint
        self.problems: list[Diagnostic] = []
        self.hint_budget = self.HINT_BUDGET
        self.entities: dict[str, EntityInfo] = {}
        self.sources: dict[str, tuple[Source, RawDoc]] = {}
        self.owners: dict[str, set[str]] = defaultdict(set)  # name key -> entity ids

    # -- ids and names ------------------------------------------------------
    def collect_ids(self) -> None:
        first_seen: dict[str, RawDoc] = {}
        for item in self.valid.sheets:
            sheet, doc = item.sheet, item.doc
            if sheet.id in first_seen:
                self.problems.append(error("duplicate-id", f"id '{sheet.id}' is already used by "
                                           f"{first_seen[sheet.id].file}; ids must be unique "
                                           "across all sheets", doc.loc(("id",))))
                continue
            first_seen[sheet.id] = doc
            if isinstance(sheet, Source):
                self.sources[sheet.id] = (sheet, doc)
            else:
                self.entities[sheet.id] = EntityInfo(doc.kind, sheet, doc)

    def collect_names(self) -> None:
        for info in self.entities.values():
            self.owners[name_key(info.sheet.name)].add(info.id)
        for info in self.entities.values():
            for i, alias in enumerate(info.sheet.aliases):
                key = name_key(alias)
                path = ("aliases", i)
                others = self.owners[key] - {info.id}
                if others:
                    self.problems.append(error(
                        "shared-alias", f"alias '{alias}' is also a name or alias of "
                        f"{', '.join(sorted(others))}; an alias must name one entity only: "
                        "remove it here or there", info.doc.loc(path)))
                self.owners[key].add(info.id)

    def check_exact_names(self) -> None:
        for info in self.entities.values():
            for i, name in enumerate(info.sheet.exact_names):
                if name not in info.names:
                    self.problems.append(error(
                        "unknown-exact-name", f"'{name}' is not the name or an alias of this sheet; "
                        "exact_names lists names from 'name' and 'aliases', written the same way",
                        info.doc.loc(("exact_names", i))))

    def lookup(self) -> dict[str, str]:
        return {key: next(iter(ids)) for key, ids in self.owners.items() if len(ids) == 1}

    # -- references ---------------------------------------------------------
    def check_refs(self, sheet, doc: RawDoc) -> list[tuple[tuple, str, RefTo]]:
        """Report references that do not resolve; return them all."""
        found = self.reuse["refs"].get(id(sheet), sheet)  # an unchanged sheet's, from the last resolve
        if found is None:
            found = tuple(iter_refs(sheet))
            self.reuse["refs"].put(id(sheet), sheet, found)
        refs = list(found)
        for path, value, mark in refs:
            allowed = mark.kinds or ENTITY_KINDS
            target = self.resolve_ref(value, allowed, doc, path)
            if target is None:
                continue
            kind = "sources" if target in self.sources else self.entities[target].kind
            if kind not in allowed:
                self.problems.append(error(
                    "wrong-kind", f"'{value}' is {_kind_words((kind,))}, but this field takes "
                    f"{_kind_words(mark.kinds)}", doc.loc(path)))
        return refs

    def resolve_ref(self, value: str, kinds: tuple[str, ...], doc: RawDoc, path: tuple) -> str | None:
        if value in self.entities or value in self.sources:
            return value
        ids = self.owners.get(name_key(value), set())
        if len(ids) == 1:
            return next(iter(ids))
        if len(ids) > 1:
            self.problems.append(error("ambiguous-reference", f"'{value}' names several "
                                       f"entities ({', '.join(sorted(ids))}); use the id",
                                       doc.loc(path)))
            return None
        pool = list(self.sources) if kinds == ("sources",) else [
            e.id for e in self.entities.values() if e.kind in kinds]
        names = {name_key(n): e.id for e in self.entities.values() if e.kind in kinds for n in e.names}
        guess = get_close_matches(value, pool, n=1) or [
            names[k] for k in get_close_matches(name_key(value), list(names), n=1)]
        hint = f" (did you mean '{guess[0]}'?)" if guess else ""
        what = "a source id" if kinds == ("sources",) else f"{_kind_words(kinds)} id or alias"
        self.problems.append(error("unknown-reference", f"'{value}' is not {what}{hint}",
                                   doc.loc(path)))
        return None

    # -- articles and quotes ------------------------------------------------
    def articles(self) -> dict[str, Article]:
        articles = {}
        seeds = self.valid.raw.seeds
        for source_id, (source, doc) in self.sources.items():
            seed = seeds.get(source.file)
            if seed is None:
                self.problems.append(error(
                    "missing-seed", f"seed file 'seeds/{source.file}' does not exist; put the "
                    "article text there or correct 'file'", doc.loc(("file",))))
                continue
            if seed.problem is not None:
                self.problems.append(error("unreadable-seed", f"seeds/{seed.name} {seed.problem}",
                                           doc.loc(("file",))))
                continue
            # Its paragraphs: those of the last resolve in this process where its sheet (the
            # same object: validate.py) and its seed's fingerprint are the same.
            key = (source_id, id(source), seed.name, seed.sha256)
            found = self.reuse["articles"].get(key, source)
            if found is None:
                problems = len(self.problems)
                found = self.paragraphs(source, doc, seed)
                if len(self.problems) == problems:
                    self.reuse["articles"].put(key, source, found)
            furniture, paragraphs, self.text_keys[source_id] = found
            articles[source_id] = Article(source, doc, seed.name, seed.text, paragraphs, furniture, seed.sha256)
        used = {source.file for source, _ in self.sources.values()}
        for seed in seeds.values():
            if seed.problem is not None and seed.name not in used:
                self.problems.append(error("unreadable-seed", f"{seed.problem}", SourceLoc(seed.file)))
        return articles

    def paragraphs(self, source: Source, doc: RawDoc, seed) -> tuple:
        """(furniture lines, paragraphs, text key) of a source's article."""
        furniture, roles, openings = marked_lines(source, doc, seed, self.problems)
        paragraphs = split_paragraphs(seed.text, furniture, each_line=source.paragraphs == "lines",
                                      roles=roles, openings=openings)
        for paragraph in paragraphs:
            if len(paragraph.text) > MAX_PARAGRAPH_CHARS:
                self.problems.append(error(
                    "paragraph-too-long", f"the paragraph that starts here is {len(paragraph.text):,} "
                    f"characters long; the limit is {MAX_PARAGRAPH_CHARS:,}. Put a blank line "
                    "between the article's paragraphs", SourceLoc(seed.file, paragraph.line, 1)))
                break
        return furniture, paragraphs, textcache.text_key(paragraphs)

    def quotes(self, cites: list, info: EntityInfo, path: tuple,
               articles: dict[str, Article]) -> list[ResolvedCitation] | None:
        """The quotes of a claim or a fact found in their articles; None if any is not found
        (reported) or its source is unknown (reported already)."""
        found = []
        for c_index, citation in enumerate(cites):
            if citation.source is None:
                continue  # an external reference
            source_id = citation.source if citation.source in self.sources else None
            article = articles.get(source_id) if source_id else None
            if article is None:
                return None  # the unknown source or missing seed is reported already
            match = self.texts.quote(self.text_keys[source_id], citation.quote,
                                     lambda: find_quote(article.index, citation.quote))
            if match is None:
                self.problems.append(self.quote_error(citation.quote, article, info.doc,
                                                      path + ("cite", c_index, "quote"),
                                                      self.spend_hint(article)))
                return None
            paragraph = article.paragraphs[match.paragraph]
            found.append(ResolvedCitation(source_id, citation.quote, match, paragraph.anchor, paragraph.line))
        return found

    @staticmethod
    def highlight(by: ResolvedClaim | ResolvedFact, articles: dict[str, Article]) -> None:
        for cite in by.citations:
            for start, end in cite.match.spans:
                articles[cite.source_id].highlights.append(Highlight(cite.match.paragraph, start, end, by))

    def claims_and_facts(self, info: EntityInfo, articles: dict[str, Article]) -> None:
        """An entity's claims and key facts with their quotes found; those of the last resolve
        in this process (`dossier serve`: core/memo.py) where they were made from the same
        sheet (the same object: validate.py gives an unchanged sheet again) and the same
        paragraphs of the cited sources, and where they raised no problem."""
        reuse, key, read, found = self.reuse["claims"], None, (), None
        if reuse.active:
            # What they are found from besides the sheet: each cited source's paragraphs (the
            # same list while its sheet and seed are the same: articles()), held with the
            # result so that no other list takes their ids.
            cites = [*(c for claim in info.sheet.claims for c in claim.cite),
                     *(c for fact in info.sheet.fact_cites.values() for c in fact)]
            cited = sorted({c.source for c in cites} - {None})
            read = tuple(articles[s].paragraphs if s in articles else None for s in cited)
            key = (id(info.sheet), tuple(zip(cited, map(id, read))))
            found = reuse.get(key, info.sheet)
        if found is not None:
            info.claims.extend(found[0])
            info.facts.update(found[1])
            for by in [*found[0], *found[1].values()]:
                self.highlight(by, articles)
            return
        problems = len(self.problems)
        self.claims(info, articles)
        self.facts(info, articles)
        if len(self.problems) == problems:
            reuse.put(key, info.sheet, (list(info.claims), dict(info.facts), read))

    def claims(self, info: EntityInfo, articles: dict[str, Article]) -> None:
        anchors = claim_anchors(info.sheet.claims)
        for number, claim in enumerate(info.sheet.claims, start=1):
            citations = self.quotes(claim.cite, info, ("claims", number - 1), articles)
            if citations is not None:
                resolved = ResolvedClaim(info.id, number, claim, tuple(citations), anchors[number - 1])
                info.claims.append(resolved)
                self.highlight(resolved, articles)

    def facts(self, info: EntityInfo, articles: dict[str, Article]) -> None:
        for key, cites in info.sheet.fact_cites.items():
            path = sheet_path(("fact_cites", key))[:-1]
            citations = self.quotes(cites, info, path, articles)
            if citations is not None:
                fact = ResolvedFact(info.id, path, tuple(citations),
                                    tuple(c for c in cites if c.source is None))
                info.facts[path] = fact
                self.highlight(fact, articles)

    HINT_BUDGET = 10_000_000  # characters of article text searched for "closest passage" hints

    def spend_hint(self, article: Article) -> bool:
        """Whether a hint may still be searched for: each costs time in proportion to the
        article, so a pull request with many wrong quotes of a long text cannot take hours."""
        cost = sum(len(p.text) for p in article.paragraphs)
        self.hint_budget -= cost
        return self.hint_budget >= 0

    @staticmethod
    def quote_error(quote: str, article: Article, doc: RawDoc, path: tuple, hint_allowed: bool = True) -> Diagnostic:
        in_furniture = find_quote(article.furniture_index, quote)
        if in_furniture is not None:
            line = article.furniture_index.paragraphs[in_furniture.paragraph].line
            return error("quote-in-furniture", f"quote found on line {line} of seeds/{article.seed_name}, "
                         f"which is marked as furniture; take {line} out of 'furniture' to cite it, or "
                         "quote the article itself", doc.loc(path))
        hint = ""
        closest = closest_passage(article.paragraphs, quote[:500]) if hint_allowed else None
        if closest:
            hint = f"; the closest passage, {describe_passage(closest)}"
        return error("quote-not-found", f"quote not found in seeds/{article.seed_name}{hint}. "
                     "Copy the words exactly as the article has them; mark left-out words "
                     "with '...' and keep all parts within one paragraph", doc.loc(path))


def find_disagreements(info: EntityInfo, known: Known) -> tuple[list[Disagreement], list[Diagnostic]]:
    """Properties whose claims give different values from more than one source, each with
    the kind of difference of each pair of values: stated on a claim, or computed
    (differences.py)."""
    by_property: dict[str, list[ResolvedClaim]] = defaultdict(list)
    for claim in info.claims:
        if claim.claim.property is not None and claim.claim.value is not None:
            by_property[name_key(claim.claim.property)].append(claim)
    found, problems = [], []
    anchors: set[str] = set()
    for claims in by_property.values():
        values: dict[str, list[ResolvedClaim]] = defaultdict(list)
        for claim in claims:
            values[name_key(claim.claim.value)].append(claim)
        sources = {s for c in claims for s in c.source_ids}
        if len(values) < 2 or len(sources) < 2:  # no difference: a kind stated for a pair names nothing
            shown = [group[0].claim.value for group in values.values()]
            for claim in claims:
                if isinstance(claim.claim.difference, dict):
                    problems += _stated_for_missing(info, claim, claim.claim.difference, shown)
            continue
        grouped = tuple((group[0].claim.value, tuple(group)) for group in values.values())
        stated, stated_problems = _stated_pairs(info, grouped)
        problems += stated_problems
        if stated_problems:
            continue
        computed = all_pairs([_value(group) for _, group in grouped], known)
        pairs = {pair: stated.get(pair, kind) for pair, kind in computed.items()}
        anchor = base = "differ-" + (slugify(claims[0].claim.property, allow_unicode=True) or "value")
        while anchor in anchors:
            anchor = f"{base}-{len(anchors) + 1}"
        anchors.add(anchor)
        found.append(Disagreement(
            info.id, claims[0].claim.property, grouped, anchor, point_kind(pairs), len(stated) == len(pairs),
            tuple((i, j, pairs[(i, j)], (i, j) in stated) for i, j in sorted(pairs)),
            tuple(tuple(side) for side in sides(len(grouped), pairs))))
    return found, problems


def _value(group: tuple[ResolvedClaim, ...]) -> Value:
    """A value as the detector compares it: its words, its claims' qualifiers (when they
    agree: else the first claim's) and its figure where a curator wrote it as a structure."""
    first = group[0].claim
    figure = next((c.claim.figure for c in group if c.claim.quantity is not None), None)
    return Value(first.value, first.scope or "", first.as_of, figure)


def _stated_pairs(info: EntityInfo, grouped: tuple) -> tuple[dict[tuple[int, int], str], list[Diagnostic]]:
    """The kinds the curator stated: `difference: KIND` on a claim for every pair of its
    property, `difference: {other value: KIND}` for the pairs of its value with those."""
    index = {name_key(value): i for i, (value, _) in enumerate(grouped)}
    stated: dict[tuple[int, int], tuple[str, ResolvedClaim]] = {}
    problems = []
    for claim in (c for _, group in grouped for c in group if isinstance(c.claim.difference, str)):
        for pair in combinations(range(len(grouped)), 2):  # a kind for the whole point
            problems += _state(info, stated, pair, claim.claim.difference, claim, ("difference",))
    for i, (_, group) in enumerate(grouped):
        for claim in group:
            if not isinstance(claim.claim.difference, dict):
                continue
            for other, kind in claim.claim.difference.items():
                j = index.get(name_key(other))
                if j is None or j == i:
                    problems += _stated_for_missing(info, claim, {other: kind}, [v for v, _ in grouped])
                    continue
                problems += _state(info, stated, (min(i, j), max(i, j)), kind, claim, ("difference", other))
    return {pair: kind for pair, (kind, _) in stated.items()}, problems


def _state(info, stated: dict, pair: tuple[int, int], kind: str, claim: ResolvedClaim, path: tuple) -> list:
    if pair in stated and stated[pair][0] != kind:
        other_kind, other = stated[pair]
        return [error("difference-stated-twice", f"this claim says the values of '{claim.claim.property}' "
                      f"differ in {kind}, claim {other.number} says {other_kind}; state one kind for each "
                      "pair of values", info.doc.loc(("claims", claim.number - 1, *path)))]
    stated.setdefault(pair, (kind, claim))
    return []


def _stated_for_missing(info: EntityInfo, claim: ResolvedClaim, kinds: dict, values: list[str]) -> list:
    shown = ", ".join(f"'{v}'" for v in values)
    return [error("difference-value-unknown", f"'difference' names the value '{other}', which no other "
                  f"claim of '{claim.claim.property}' gives from another source (its values: {shown}); name "
                  "one of them, as written in its claim",
                  info.doc.key_loc(("claims", claim.number - 1, "difference", other)))
            for other in kinds]


def _relate(resolved: Resolved) -> None:
    for info in resolved.entities.values():
        for _, value, mark in info.refs:
            if mark.kinds == ("sources",):
                continue
            other = resolved.ref(value)
            if other != info.id:
                info.related.add(other)
                resolved.entities[other].related.add(info.id)


def _known(resolved: Resolved, names: dict[str, list[str]]) -> Known:
    """What the kind detector knows of the dossier: each entity by its names, and the
    spellings of them (model/names.VariantFinder, made on first use)."""
    finders: list[VariantFinder] = []

    def spelling_of(text: str) -> str | None:
        if not finders:
            finders.append(VariantFinder(names))
        found = finders[0].find(text)
        return found[0] if found else None

    return Known(lambda text: resolved.lookup.get(name_key(text)), lambda i: resolved.entities[i].kind,
                 resolved.within, spelling_of)


def read_articles(valid: ValidDossier) -> dict[str, Article]:
    """The sources' articles alone, whatever problems the other sheets have (`dossier quote`)."""
    resolver = _Resolver(valid)
    resolver.collect_ids()
    return resolver.articles()


def resolve(valid: ValidDossier, texts: TextCache | None = None,
            memo: Memo | None = None) -> tuple[Resolved | None, list[Diagnostic]]:
    """texts: what earlier runs found in the same article texts (textcache.py); memo: what
    the last resolve in this process made (core/memo.py): its "articles" and "claims" parts."""
    resolver = _Resolver(valid, texts, memo)
    resolver.collect_ids()
    resolver.collect_names()
    resolver.check_exact_names()
    for item in valid.sheets:
        refs = resolver.check_refs(item.sheet, item.doc)
        if item.sheet.id in resolver.entities and resolver.entities[item.sheet.id].sheet is item.sheet:
            resolver.entities[item.sheet.id].refs = refs
    if valid.dossier is not None:
        resolver.check_refs(valid.dossier, valid.dossier_doc)
    articles = resolver.articles()
    for info in resolver.entities.values():
        resolver.claims_and_facts(info, articles)
    if resolver.problems or valid.dossier is None:
        return None, resolver.problems
    for reuse in resolver.reuse.values():
        reuse.done()
    resolved = Resolved(valid.dossier, resolver.entities, articles, resolver.lookup())
    # A name shared by two entities (two people called alike) cannot tell which is meant.
    names = {e.id: [n for n in e.names if len(resolver.owners[name_key(n)]) == 1]
             for e in resolved.entities.values()}
    exact = {n for e in resolved.entities.values() for n in e.sheet.exact_names}
    names_fingerprint = textcache.names_key(names, exact)
    same = {text: text for entity_id, entity_names in names.items() for text in (entity_id, *entity_names)}
    finders: list[MentionFinder] = []  # made on the first article not in the cache

    def find(paragraphs: list[Paragraph]) -> list:
        if not finders:
            finders.append(MentionFinder(names, exact))
        return finders[0].find(paragraphs)

    for source_id, article in articles.items():
        article.mentions = resolver.texts.mentions_in(resolver.text_keys[source_id], names_fingerprint,
                                                      lambda: find(article.paragraphs), same)
        for mention in article.mentions:
            resolved.entities[mention.entity_id].mentions.append((source_id, mention))
    resolver.texts.save()  # every article and quote looked up
    problems = []
    known = _known(resolved, names)
    for info in resolved.entities.values():
        info.disagreements, found = find_disagreements(info, known)
        problems += found
    if problems:
        return None, problems
    _relate(resolved)
    return resolved, []
