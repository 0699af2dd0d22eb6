"""The data: what a fact sheet may say. Validation rules live on the models themselves.

Fields that name another sheet are typed `Ref[...]`; the resolve stage finds them by that
mark, so a new reference field needs no change anywhere else.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Literal

from pydantic import (AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, PlainSerializer, WithJsonSchema,
                      field_validator, model_validator)

from .dates import FuzzyDate, parse_date
from .markup import url_problem
from .names import check_id, check_name, check_text

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"


class FieldError(ValueError):
    """A problem found by a check across fields, to be shown at one field (validate.py)."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field


@dataclass(frozen=True)
class RefTo:
    """Marks a field as a reference to sheets of the given kinds (empty: any entity)."""

    kinds: tuple[str, ...] = ()


def _to_text(value: object) -> object:
    # YAML reads 30 or 3.5 as numbers; a claim's value is text as written.
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
    model_config = ConfigDict(extra="forbid", frozen=True, arbitrary_types_allowed=True)


class Citation(Sheet):
    source: SourceRef
    quote: Text


class Claim(Sheet):
    """A property and a value, or a sentence, with at least one citation."""

    property: Text | None = None
    value: Text | None = None
    statement: Text | None = None
    about: list[AnyEntityRef] = Field(default_factory=list)
    note: Text | None = None
    scope: Text | None = None  # what the value counts or covers, e.g. "in Syria and Iraq"
    as_of: Date | None = None  # the date the value applies to
    # where sources give other values for this property: what kind of difference it is
    # (differences.py computes it where it can)
    difference: Literal["conflict", "scope", "precision", "wording", "spelling"] | None = None
    cite: list[Citation] = Field(min_length=1)

    @model_validator(mode="after")
    def _property_or_statement(self) -> Claim:
        if self.statement is None and (self.property is None or self.value is None):
            raise ValueError("a claim needs either 'property' and 'value', or 'statement'")
        return self


class Entity(Sheet):
    id: Id
    name: Name
    aliases: list[Name] = Field(default_factory=list)
    exact_names: list[Name] = Field(default_factory=list)  # names matched in articles only as written
    wikidata: Annotated[str, Field(pattern=r"^Q[1-9][0-9]{0,11}$")] | None = None  # the item, e.g. Q649
    description: Text
    claims: list[Claim] = Field(default_factory=list)


class Role(Sheet):
    title: Text
    organization: OrgRef | None = None


class Person(Entity):
    roles: list[Role] = Field(default_factory=list)


class Organization(Entity):
    kind: Text | None = None
    parent: OrgRef | None = None
    based_in: PlaceRef | None = None


class Coordinates(Sheet):
    lat: float = Field(ge=-90, le=90)
    lon: float = Field(ge=-180, le=180)


class Place(Entity):
    kind: Text | None = None
    within: PlaceRef | None = None
    coordinates: Coordinates | None = None


class Event(Entity):
    date: Date
    date_note: Text | None = None  # how the date is known, or why it is not

    @model_validator(mode="after")
    def _unknown_date_needs_note(self) -> Event:
        if not self.date.known and not self.date_note:
            raise FieldError("date", "date is 'unknown': add 'date_note' saying why (e.g. no source dates it)")
        return self
    places: list[PlaceRef] = Field(default_factory=list)
    participants: list[AnyEntityRef] = Field(default_factory=list)  # a country or a government can act


LineItem = int | Annotated[str, Field(pattern=r"^\d+-\d+$")]  # a line number or "FIRST-LAST"
LanguageCode = Annotated[str, Field(pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]+)*$")]


class Source(Sheet):
    id: Id
    title: Text
    title_note: Text | None = None  # e.g. the title was rebuilt from the address
    outlet: Text  # an organization's id, name or alias links the outlet to its sheet
    outlet_note: Text | None = None
    via: Text | None = None  # the original outlet or agency of wire copy or a republished text
    published: Date
    published_note: Text | None = None
    url: Text | None = None
    language: LanguageCode
    translated_from: LanguageCode | None = None
    translation: Literal["machine", "human", "unknown"] | None = None
    truncated: bool = False  # the text was cut off when it was collected
    truncated_note: Text | None = None
    file: Text
    furniture: list[LineItem] = Field(default_factory=list)  # hidden, not citable
    captions: list[LineItem] = Field(default_factory=list)  # shown apart, citable
    bylines: list[LineItem] = Field(default_factory=list)  # shown with the source's details, citable
    # "blank-lines": paragraphs are separated by blank lines; "lines": every line is one
    # (for texts whose paragraphs are separated by single line breaks)
    paragraphs: Literal["blank-lines", "lines"] = "blank-lines"
    description: Text | None = None

    @model_validator(mode="after")
    def _unknown_outlet_needs_note(self) -> Source:
        if self.outlet.lower() == "unknown" and not self.outlet_note:
            raise FieldError("outlet", "outlet is 'unknown': add 'outlet_note' saying why it is not known")
        if not self.published.known and not self.published_note:
            raise FieldError("published", "published is 'unknown': add 'published_note' saying why it is not known")
        if self.translation is not None and self.translated_from is None:
            raise FieldError("translation", "'translation' needs 'translated_from': the language of the original")
        return self

    @field_validator("url")
    @classmethod
    def _http_url(cls, value: str | None) -> str | None:
        problem = url_problem(value) if value is not None else None
        if problem:
            raise ValueError(problem)
        return value

    def line_set(self, field: str, line_count: int) -> tuple[set[int], list[tuple[int, int]]]:
        """The line numbers a field (furniture, captions, bylines) names within 1..line_count,
        and the (index, line) of each item that reaches outside (ranges are checked before
        they are expanded)."""
        lines: set[int] = set()
        outside: list[tuple[int, int]] = []
        for index, item in enumerate(getattr(self, field)):
            first, last = (item, item) if isinstance(item, int) else (int(n) for n in item.split("-"))
            bad = next((n for n in (first, last) if n < 1 or n > line_count), None)
            if bad is not None or first > last:
                outside.append((index, bad if bad is not None else first))
                continue
            lines.update(range(first, last + 1))
        return lines, outside


class Dossier(Sheet):
    title: Text
    summary: Text
    language: LanguageCode = "en"
    key_events: list[EventRef] = Field(default_factory=list)
    start_here: list[AnyEntityRef] = Field(default_factory=list)


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
