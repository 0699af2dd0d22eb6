"""The resolved model: what resolve (resolver.py) makes and every later stage reads.

Owns the entities with their resolved claims, key facts, disagreements, mentions and
relations (EntityInfo), the sources' articles with their paragraphs and highlighted
passages (Article), and the whole (Resolved) with its name lookup. Data only, and lookups
on it: how it is built and checked is resolver.py's.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from functools import cached_property

from slugify import slugify

from ..model.dates import FuzzyDate
from ..model.names import fold_name
from ..model.sheets import Claim, Coordinates, Dossier, Entity, FactCitation, RefTo, Role, Source
from ..read.load import RawDoc
from .article import Paragraph, ParagraphIndex, QuoteMatch, furniture_paragraphs, normalise_text
from .mentions import Mention


def name_key(name: str) -> str:
    return fold_name(normalise_text(name))


@dataclass
class Article:
    source: Source
    doc: RawDoc
    seed_name: str
    raw_text: str
    paragraphs: list[Paragraph]
    furniture: set[int] = field(default_factory=set)  # line numbers
    sha256: str = ""  # the seed file's fingerprint (read/load.py: Seed)
    publication: str = "full"  # or "excerpts": cut to its cited passages (excerpts.py)
    gaps: frozenset[int] = frozenset()  # in excerpts, the paragraphs after one or more left out
    mentions: list[Mention] = field(default_factory=list)
    highlights: list[Highlight] = field(default_factory=list)

    @cached_property
    def index(self) -> ParagraphIndex:
        return ParagraphIndex(self.paragraphs)

    @cached_property
    def furniture_index(self) -> ParagraphIndex:
        return ParagraphIndex(furniture_paragraphs(self.raw_text, self.furniture))


@dataclass(frozen=True)
class ResolvedCitation:
    source_id: str
    quote: str
    match: QuoteMatch
    anchor: str  # paragraph anchor on the source page
    line: int  # the paragraph's first line in the seed file


@dataclass(frozen=True, eq=False)  # compared and hashed by identity: one object per claim
class ResolvedClaim:
    entity_id: str
    number: int  # 1-based position in its sheet (for messages)
    claim: Claim
    citations: tuple[ResolvedCitation, ...]
    anchor: str = ""  # from its words, not its place: claim_anchors()

    @property
    def source_ids(self) -> list[str]:
        return sorted({c.source_id for c in self.citations})


ANCHOR_WORDS = 48  # characters of a claim's words in its anchor, cut at a word


def claim_anchors(claims: list[Claim]) -> list[str]:
    """Each claim's anchor on its entity's page, made from what it says (its property and
    value, or its statement): reordering the sheet, or adding a citation, keeps every link to
    it. Words cut short get a fingerprint of the whole; a claim that says what an earlier one
    says gets -2, -3."""
    anchors, seen = [], set()
    for claim in claims:
        words = claim.statement if claim.statement is not None else f"{claim.property} {claim.value}"
        slug = slugify(words)
        if len(slug) > ANCHOR_WORDS or not slug:
            cut = slug[:ANCHOR_WORDS + 1].rsplit("-", 1)[0][:ANCHOR_WORDS]
            slug = (cut + "-" if cut else "") + hashlib.sha1(words.encode("utf-8")).hexdigest()[:6]
        anchor, n = f"claim-{slug}", 1
        while anchor in seen:
            n += 1
            anchor = f"claim-{slug}-{n}"
        seen.add(anchor)
        anchors.append(anchor)
    return anchors


@dataclass(frozen=True, eq=False)  # one object per cited fact
class ResolvedFact:
    """A key fact of a sheet (model.Cited) with its citations: quotes found in their
    articles, and external references."""

    entity_id: str
    path: tuple  # the fact as the sheet writes it: ("date",), ("places", 1)
    citations: tuple[ResolvedCitation, ...]
    external: tuple[FactCitation, ...]

    @property
    def field(self) -> str:
        return self.path[0]

    @property
    def anchor(self) -> str:
        return "fact-" + self.field.replace("_", "-")

    @property
    def source_ids(self) -> list[str]:
        return sorted({c.source_id for c in self.citations})


@dataclass(frozen=True)
class Highlight:
    """A cited passage in an article, and the claim or key fact that cites it."""

    paragraph: int
    start: int
    end: int
    by: ResolvedClaim | ResolvedFact


@dataclass(frozen=True)
class Disagreement:
    entity_id: str
    property: str
    values: tuple[tuple[str, tuple[ResolvedClaim, ...]], ...]  # each value with its claims
    anchor: str  # unique on the entity's page
    kind: str = "unclassified"  # the point's kind: differences.point_kind of its pairs
    stated: bool = False  # every pair's kind is the curator's, none computed
    pairs: tuple[tuple[int, int, str, bool], ...] = ()  # (value i, value j, kind, stated), i < j
    sides: tuple[tuple[int, ...], ...] = ()  # values joined by precision, wording or spelling

    def pair(self, i: int, j: int) -> str:
        """The kind of difference between values i and j."""
        a, b = min(i, j), max(i, j)
        return next(kind for x, y, kind, _ in self.pairs if (x, y) == (a, b))


@dataclass
class EntityInfo:
    kind: str
    sheet: Entity
    doc: RawDoc
    claims: list[ResolvedClaim] = field(default_factory=list)
    facts: dict[tuple, ResolvedFact] = field(default_factory=dict)  # fact path -> its citations
    disagreements: list[Disagreement] = field(default_factory=list)
    related: set[str] = field(default_factory=set)
    mentions: list[tuple[str, Mention]] = field(default_factory=list)  # (source id, mention)
    refs: list[tuple[tuple, str, RefTo]] = field(default_factory=list)  # iter_refs(sheet), once
    withheld: int = 0  # items about it left out as private (resolve/withhold.py): a count only

    @property
    def id(self) -> str:
        return self.sheet.id

    @property
    def cited_sources(self) -> set[str]:
        """The sources its own claims and key facts cite."""
        return {s for c in [*self.claims, *self.facts.values()] for s in c.source_ids}

    @property
    def names(self) -> list[str]:
        return [self.sheet.name, *self.sheet.aliases]


@dataclass
class Resolved:
    dossier: Dossier
    entities: dict[str, EntityInfo]
    articles: dict[str, Article]
    lookup: dict[str, str]  # name key -> entity id, unambiguous names only
    # the version a citation names (pages/citing.py): sheet id -> date of its last change
    changed: dict[str, str] = field(default_factory=dict)
    first_version: str = ""  # the date of the first commit, or "" outside Git
    site_url: str = ""  # mkdocs.yml's, for addresses in citations

    def ref(self, value: str) -> str:
        """The id a reference resolves to (validated before, so it always does)."""
        if value in self.entities or value in self.articles:
            return value
        return self.lookup[name_key(value)]

    def by_kind(self, kind: str) -> list[EntityInfo]:
        return [e for e in self.entities.values() if e.kind == kind]

    @cached_property
    def within(self) -> dict[str, str]:
        """Place id -> the id of the place it lies within."""
        return {e.id: self.ref(e.sheet.within) for e in self.by_kind("places") if e.sheet.within}

    def fact_key(self, value: object) -> object:
        """A key fact's value with its references as ids: the same fact however it is written
        (an id or a name, a list in any order)."""
        if isinstance(value, Role):
            return value.title, self.ref(value.organization) if value.organization else None
        if isinstance(value, Coordinates):
            return value.lat, value.lon
        if isinstance(value, FuzzyDate):
            return value.text
        return self.ref(value)

    @property
    def disagreements(self) -> list[Disagreement]:
        return [d for e in self.entities.values() for d in e.disagreements]
