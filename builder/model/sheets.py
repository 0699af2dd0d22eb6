"""The data: what a fact sheet may say. Validation rules live on the models themselves.

Fields that name another sheet are typed `Ref[...]`; the resolve stage finds them by that
mark, so a new reference field needs no change anywhere else.
"""

from __future__ import annotations

import builtins
import math
import typing
from dataclasses import dataclass
from typing import Annotated, Literal

from pydantic import (AfterValidator, BaseModel, BeforeValidator, ConfigDict, Discriminator, Field, PlainSerializer,
                      Tag, WithJsonSchema, field_validator, model_validator)
from pydantic_core import PydanticCustomError

from .cited import Cited, FieldError, cited_fields, sheet_path, take_citations
from .dates import FuzzyDate, parse_date
from ..core.markup import url_problem
from .quantities import Quantity, figure_text, from_figure, parse_quantity, total
from .names import check_id, check_name, check_text

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"


@dataclass(frozen=True)
class RefTo:
    """Marks a field as a reference to sheets of the given kinds (empty: any entity)."""

    kinds: tuple[str, ...] = ()


def _to_text(value: object) -> object:
    # YAML reads 30 or 3.5 as numbers; a claim's value is text as written. But .nan and .inf
    # (or 1.0e+400) are no figure a source gives: refused, as in number fields (Sheet).
    if isinstance(value, float) and not math.isfinite(value):
        raise PydanticCustomError("finite_number", "Input should be a finite number", {"text": True})
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return value


def _to_date(value: object) -> FuzzyDate:
    if isinstance(value, FuzzyDate):
        return value
    if value is None:
        raise ValueError("the date is empty; write it, e.g. 2018-12-30 or 2018-12")
    if not isinstance(value, (str, int)):
        raise ValueError("a date must be written as text, e.g. 2018-12-30")
    return parse_date(value)


# The JSON Schemas (`dossier schema`) describe sheets as written in YAML, before conversion.
Text = Annotated[str, Field(min_length=1), BeforeValidator(_to_text), AfterValidator(check_text),
                 WithJsonSchema({"anyOf": [{"type": "string", "minLength": 1}, {"type": "number"}]})]
Name = Annotated[Text, AfterValidator(check_name)]  # names and aliases: compared and linked
Id = Annotated[str, Field(pattern=ID_PATTERN, max_length=80), AfterValidator(check_id)]
Date = Annotated[FuzzyDate, BeforeValidator(_to_date), PlainSerializer(lambda d: d.text),
                 WithJsonSchema({"type": ["string", "integer"], "description":
                                 "2018-12-30, 2018-12, 2018, early|mid|late 2017, late 2019-07, "
                                 "spring 2019, a range: 2018-08 to 2018-12, or unknown"})]
AnyEntityRef = Annotated[str, RefTo()]
SourceRef = Annotated[str, RefTo(("sources",))]
PlaceRef = Annotated[str, RefTo(("places",))]
OrgRef = Annotated[str, RefTo(("organizations",))]
EventRef = Annotated[str, RefTo(("events",))]


class Sheet(BaseModel):
    # allow_inf_nan: every number field (figures, coordinates, line numbers) refuses NaN and
    # infinities, also given as text ("nan", "Infinity"), which pydantic would read as floats
    model_config = ConfigDict(extra="forbid", frozen=True, arbitrary_types_allowed=True, allow_inf_nan=False)


class Private(Sheet):
    """An item kept in the sheets and out of every output (resolve/withhold.py)."""

    private: bool = False
    private_note: Text | None = None  # why, for the team; never published either

    @model_validator(mode="after")
    def _note_needs_private(self) -> Private:
        if self.private_note is not None and not self.private:
            raise FieldError("private_note", "'private_note' says why an item is private: add "
                             "'private: true', or remove the note")
        return self


class Citation(Sheet):
    source: SourceRef
    quote: Text


WikidataId = Annotated[str, Field(pattern=r"^Q[1-9][0-9]{0,11}$")]  # an item, e.g. Q649
Url = Annotated[Text, AfterValidator(lambda v: _raise(url_problem(v)) or v)]


def _raise(problem: str | None) -> None:
    if problem:
        raise ValueError(problem)


EXTERNAL = {"url": "{}", "wikidata": "https://www.wikidata.org/wiki/{}",
            "geonames": "https://www.geonames.org/{}"}  # an external reference's address


class FactCitation(Sheet):
    """A key fact's citation: a source with a verbatim quote, as on a claim, or, for a fact
    that comes from outside the articles (coordinates, a full name), an external reference:
    a URL, a Wikidata item or a GeoNames id, with a note saying what it is."""

    source: SourceRef | None = None
    quote: Text | None = None
    url: Url | None = None
    wikidata: WikidataId | None = None
    geonames: Annotated[str, BeforeValidator(_to_text), Field(pattern=r"^[1-9][0-9]{0,11}$"),
                        WithJsonSchema({"type": ["integer", "string"], "pattern": r"^[1-9][0-9]{0,11}$"})] | None = None
    note: Text | None = None

    @model_validator(mode="after")
    def _quote_or_reference(self) -> FactCitation:
        external = [name for name in EXTERNAL if getattr(self, name) is not None]
        if self.source is not None or self.quote is not None:
            if external:
                raise FieldError(external[0], f"a citation is a source with a quote or an external reference, "
                                 f"not both: move '{external[0]}' into a citation of its own")
            if self.source is None:
                raise FieldError("quote", "this quote needs 'source': the id of the source it comes from")
            if self.quote is None:
                raise FieldError("source", "this citation needs 'quote': the words of the source, copied exactly")
            return self
        if not external:
            raise ValueError("a citation needs 'source' and 'quote', or an external reference "
                             "('url', 'wikidata' or 'geonames') with a 'note'")
        if len(external) > 1:
            raise FieldError(external[1], "one external reference per citation: write "
                             f"'{external[1]}' as a citation of its own")
        if self.note is None:
            raise FieldError(external[0], "an external reference needs a 'note' saying what it is, "
                             "e.g. 'GeoNames entry for the city'")
        return self

    @property
    def external(self) -> tuple[str, str] | None:
        """(kind, address) of an external reference, None for a quote."""
        kind = next((name for name in EXTERNAL if getattr(self, name) is not None), None)
        return (kind, EXTERNAL[kind].format(getattr(self, kind))) if kind else None


class Figure(Sheet):
    """A value's figure written as a structure, where the words cannot be read (quantities.py
    reads the usual English forms): exact, or bounds; `extent` for a range that is a span
    ("aged 3 to 10"), not one figure somewhere in it; `unit` keeps figures of other units apart."""

    exact: float | None = None
    min: float | None = None
    max: float | None = None
    approximate: bool = False
    extent: bool = False
    unit: Text | None = None

    @model_validator(mode="after")
    def _exact_or_bounds(self) -> Figure:
        if self.exact is not None and (self.min is not None or self.max is not None):
            raise FieldError("exact", "write 'exact', or 'min' and/or 'max', not both")
        if self.exact is None and self.min is None and self.max is None:
            raise ValueError("a quantity needs 'exact', or 'min' and/or 'max'")
        if self.min is not None and self.max is not None and self.min > self.max:
            raise FieldError("max", f"'max' ({self.max:g}) is below 'min' ({self.min:g})")
        if self.extent and (self.min is None or self.max is None):
            raise FieldError("extent", "an extent needs both 'min' and 'max'")
        return self


DifferenceKind = Literal["conflict", "scope", "precision", "wording", "spelling"]


class Claim(Private):
    """A property and a value, or a sentence, with at least one citation."""

    property: Text | None = None
    value: Text | None = None
    statement: Text | None = None
    about: list[AnyEntityRef] = Field(default_factory=list)
    note: Text | None = None
    scope: Text | None = None  # what the value counts or covers, e.g. "in Syria and Iraq"
    as_of: Date | None = None  # the date the value applies to
    quantity: Figure | None = None  # the value's figure, where its words cannot be read
    # the parts of the value: {label: figure as the source writes it}, e.g. {girls: 16, boys: 14}
    breakdown: dict[Annotated[str, AfterValidator(check_text)], Text] = Field(default_factory=dict)
    # where sources give other values for this property: what kind of difference it is, for
    # every pair of values of the property, or {other value: kind} for this claim's value and
    # each value named (differences.py computes the kinds not stated)
    difference: (DifferenceKind | dict[Annotated[str, AfterValidator(check_text)], DifferenceKind]
                 | None) = None
    cite: list[Citation] = Field(min_length=1)

    @field_validator("difference", mode="before")
    @classmethod
    def _one_kind_or_a_kind_per_value(cls, value: object) -> object:
        """One message for a wrong `difference`, instead of one per form it may take."""
        kinds = typing.get_args(DifferenceKind)
        shown = ", ".join(kinds)
        if isinstance(value, str) and value not in kinds:
            raise ValueError(f"'difference' is one of {shown}, or a mapping {{other value: kind}}, "
                             f"not '{value}'")
        if isinstance(value, dict):
            for other, kind in value.items():
                if kind not in kinds:
                    raise ValueError(f"the kind stated for '{other}' is one of {shown}, not '{kind}'")
        return value

    @model_validator(mode="after")
    def _property_or_statement(self) -> Claim:
        if self.statement is None and (self.property is None or self.value is None):
            raise ValueError("a claim needs either 'property' and 'value', or 'statement'")
        if (self.quantity or self.breakdown) and self.value is None:
            raise FieldError("quantity" if self.quantity else "breakdown",
                             "'quantity' and 'breakdown' qualify a 'value'; give the claim a property and a value")
        if self.breakdown:
            _check_breakdown(self)
        return self

    @builtins.property  # 'property' is a field of a claim
    def figure(self) -> Quantity | None:
        """The value's figure: written as a structure, or read from its words."""
        if self.quantity is not None:
            return from_figure(self.quantity)
        return parse_quantity(self.value) if self.value is not None else None


def _check_breakdown(claim: Claim) -> None:
    """The parts of a breakdown add up to the whole; a part that is not a figure (`rest:
    unknown`, `rest: mothers and their children`) makes it partial: its figures must then
    only not exceed the whole."""
    whole = claim.figure
    parts = [parse_quantity(part) for part in claim.breakdown.values()]
    figures = [part for part in parts if part is not None]
    if whole is None or not figures:
        return
    added = total(figures)
    shown = added.text()
    whole_shown = figure_text(claim.value) if claim.quantity is None else whole.text()
    if added.low > whole.high:
        raise FieldError("breakdown", f"the parts add up to {shown}, more than the whole, {whole_shown} (the "
                         f"value '{claim.value}'); correct a part or the value")
    if len(figures) == len(parts) and added.high < whole.low:
        raise FieldError("breakdown", f"the parts add up to {shown}, less than the whole, {whole_shown} (the "
                         f"value '{claim.value}'); correct a part or the value, or, if the source gives only "
                         "some of the parts, add one that is not a figure, such as 'rest: unknown'")


class Alias(Private):
    """An alias written long, to keep it private: {name: ..., private: true}."""

    name: Name


# a mapping is an alias written long, anything else a name: one branch is checked, so a
# mistake gets one message
AliasItem = Annotated[Annotated[Name, Tag("a-name")] | Annotated[Alias, Tag("alias-written-long")],
                      Discriminator(lambda v: "alias-written-long" if isinstance(v, dict | Alias) else "a-name")]


class Entity(Private):
    id: Id
    name: Annotated[Name, Cited()]
    # after resolve/withhold.py, names only: the private ones are taken out
    aliases: list[AliasItem] = Field(default_factory=list)
    exact_names: list[Name] = Field(default_factory=list)  # names matched in articles only as written
    wikidata: WikidataId | None = None  # the entity's item, e.g. Q649: linked on its page
    description: Text
    claims: list[Claim] = Field(default_factory=list)
    # filled from the long form of Cited facts, never written in a sheet: {fact path: citations}
    fact_cites: dict[str, Annotated[list[FactCitation], Field(min_length=1)]] = Field(default_factory=dict)
    # likewise: {fact path: its private_note, or ""} for the facts written with `private: true`
    private_facts: dict[str, str] = Field(default_factory=dict)

    @model_validator(mode="before")
    @classmethod
    def _citations(cls, data: object) -> object:
        return take_citations(cls, data)

    @model_validator(mode="after")
    def _required_facts_public(self) -> Entity:
        for name in ("name", "date"):  # what every page of the kind shows
            if name in self.private_facts:
                raise FieldError((name, "private"), f"the {name} cannot be private: mark the whole sheet "
                                 "private" + (", or keep the other name as a private alias" if name == "name" else ""))
        return self

    def key_facts(self) -> list[tuple]:
        """The paths of the key facts (Cited) this sheet states that need a citation: all but
        its name (cited by the articles that use it) and an unknown date (its note says why)."""
        paths = []
        for name, is_list, _ in cited_fields(type(self)):
            value = getattr(self, name)
            if name == "name" or not value or (isinstance(value, FuzzyDate) and not value.known):
                continue
            paths += [(name, i) for i in range(len(value))] if is_list else [(name,)]
        return paths

    def fact(self, path: tuple) -> object:
        """The value of the key fact at path, e.g. ("places", 1)."""
        value = getattr(self, path[0])
        return value[path[1]] if len(path) > 1 else value

    def cites(self, *path: str | int) -> list[FactCitation]:
        """The citations of the fact at path, e.g. cites("places", 1)."""
        return self.fact_cites.get(".".join(map(str, path)), [])


class Role(Sheet):
    title: Text
    organization: OrgRef | None = None


class Person(Entity):
    roles: Annotated[list[Role], Cited()] = Field(default_factory=list)


class Organization(Entity):
    kind: Text | None = None
    parent: Annotated[OrgRef | None, Cited()] = None
    based_in: Annotated[PlaceRef | None, Cited()] = None


class Coordinates(Sheet):
    lat: float = Field(ge=-90, le=90)
    lon: float = Field(ge=-180, le=180)


class Place(Entity):
    kind: Text | None = None
    within: Annotated[PlaceRef | None, Cited()] = None
    coordinates: Annotated[Coordinates | None, Cited()] = None


class Event(Entity):
    date: Annotated[Date, Cited()]
    date_note: Text | None = None  # how the date is known, or why it is not

    @model_validator(mode="after")
    def _unknown_date_needs_note(self) -> Event:
        if not self.date.known and not self.date_note:
            raise FieldError("date", "date is 'unknown': add 'date_note' saying why (e.g. no source dates it)")
        return self
    places: Annotated[list[PlaceRef], Cited()] = Field(default_factory=list)
    participants: Annotated[list[AnyEntityRef], Cited()] = Field(default_factory=list)  # a country or a government can act


LineItem = int | Annotated[str, Field(pattern=r"^\d+-\d+$")]  # a line number or "FIRST-LAST"


class OpeningDateline(Sheet):
    """A dateline that opens a paragraph: `{line: 5, text: "MOSCOW, Dec 30 (Reuters) -"}`,
    the words that begin the line. They become a citable dateline of their own; the paragraph
    keeps them, so a quote may run from the dateline into the text."""

    line: Annotated[int, Field(ge=1)]
    text: Text


# a mapping is an opening dateline, anything else a line or range: one branch is checked, so
# a mistake gets one message (tags with a hyphen are no field names, so locations skip them)
DatelineItem = Annotated[
    Annotated[LineItem, Tag("line-or-range")] | Annotated[OpeningDateline, Tag("opening-dateline")],
    Discriminator(lambda v: "opening-dateline" if isinstance(v, dict | OpeningDateline) else "line-or-range")]
LanguageCode = Annotated[str, Field(pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]+)*$")]


def _http(value: str | None) -> str | None:
    problem = url_problem(value) if value is not None else None
    if problem:
        raise ValueError(problem)
    return value


class ArchivedCopy(Sheet):
    """A copy of the source kept by a web archive (the Wayback Machine, archive.today)."""
    url: Annotated[Text, AfterValidator(_http)]
    date: Date | None = None  # when the archive took it


Publication = Literal["full", "excerpts"]  # what a source page shows of its article


class Source(Private):
    id: Id
    title: Text
    title_note: Text | None = None  # e.g. the title was rebuilt from the address
    outlet: Text  # an organization's id, name or alias links the outlet to its sheet
    outlet_note: Text | None = None
    via: Text | None = None  # the original outlet or agency of wire copy or a republished text
    published: Date
    published_note: Text | None = None
    url: Text | None = None
    retrieved: Date | None = None  # when the text in seeds/ was collected
    archived: list[ArchivedCopy] = Field(default_factory=list)  # copies in web archives
    language: LanguageCode
    translated_from: LanguageCode | None = None
    translation: Literal["machine", "human", "unknown"] | None = None
    truncated: bool = False  # the text was cut off when it was collected
    truncated_note: Text | None = None
    file: Text
    furniture: list[LineItem] = Field(default_factory=list)  # hidden, not citable
    captions: list[LineItem] = Field(default_factory=list)  # shown apart, citable
    bylines: list[LineItem] = Field(default_factory=list)  # shown with the source's details, citable
    datelines: list[DatelineItem] = Field(default_factory=list)  # place and date of filing: likewise
    # "blank-lines": paragraphs are separated by blank lines; "lines": every line is one
    # (for texts whose paragraphs are separated by single line breaks)
    paragraphs: Literal["blank-lines", "lines"] = "blank-lines"
    description: Text | None = None
    publication: Publication | None = None  # the dossier's, unless given here

    @model_validator(mode="after")
    def _unknown_outlet_needs_note(self) -> Source:
        if self.outlet.lower() == "unknown" and not self.outlet_note:
            raise FieldError("outlet", "outlet is 'unknown': add 'outlet_note' saying why it is not known")
        if not self.published.known and not self.published_note:
            raise FieldError("published", "published is 'unknown': add 'published_note' saying why it is not known")
        if self.translation is not None and self.translated_from is None:
            raise FieldError("translation", "'translation' needs 'translated_from': the language of the original")
        return self

    _http_url = field_validator("url")(_http)


class Dossier(Sheet):
    title: Text
    summary: Text
    language: LanguageCode = "en"
    key_events: list[EventRef] = Field(default_factory=list)
    start_here: list[AnyEntityRef] = Field(default_factory=list)
    # The Changes page tells each change in the dossier's terms; true also shows each commit's
    # message (written for the dossier's maintainers, not always for its readers).
    show_commit_messages: bool = False
    # "excerpts": source pages show the cited passages with their sentences, not whole
    # articles; "full" publishes every article's text (for texts the dossier may republish)
    publication: Publication = "excerpts"


MODELS: dict[str, type[Sheet]] = {
    "dossier": Dossier,
    "sources": Source,
    "people": Person,
    "places": Place,
    "organizations": Organization,
    "events": Event,
}
ENTITY_KINDS = ("people", "places", "organizations", "events")
KIND_LABEL = {"people": "Person", "places": "Place", "organizations": "Organization",
              "events": "Event", "sources": "Source"}
