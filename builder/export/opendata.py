"""The dossier as open data: the resolved model written as JSON (with a versioned JSON
Schema), CSV tables, FollowTheMoney entities (made from the JSON's data by ftm.py), GeoJSON
and TimelineJS.

Every file is a pure function of the resolved dossier: lists in a fixed order, keys sorted,
no clock, so the same input gives the same bytes. The pydantic models below are the schema
(`EXPORT_SCHEMA_VERSION` changes when a field changes meaning or goes away); the JSON is
made as dicts with exactly their fields, and tests/test_export.py holds it to the schema.

CSV cells are neutralised for spreadsheets (`csv_cell`): a contributor's name, quote or title
may be a formula. The JSON, GeoJSON and FollowTheMoney files keep every value as it is.
"""

from __future__ import annotations

import csv
import io
import json
import math
import unicodedata
from typing import Literal

from pydantic import BaseModel, ConfigDict

from ..model.dates import FuzzyDate
from ..model.quantities import parse_quantity
from ..model.sheets import ENTITY_KINDS
from ..resolve.resolved import EntityInfo, Resolved, ResolvedCitation, name_key
from .ftm import date_prefix, ftm_lines

# 1.1: figures as read, kinds per pair of values; 1.2: sources' archive, fingerprint;
# 1.3: sources' truncated_note
EXPORT_SCHEMA_VERSION = "1.3"
SCHEMA_ID = f"https://dossier.invalid/schemas/export-{EXPORT_SCHEMA_VERSION}.json"
FILES = {  # file name -> what it holds (the Data page lists them in this order)
    "dossier.json": "the whole resolved dossier: entities, claims with quotes and paragraph anchors, "
                    "differences with their kinds, mentions",
    "dossier.schema.json": "the JSON Schema of dossier.json",
    "entities.csv": "one row per person, organization, place and event",
    "claims.csv": "one row per citation of a claim, with its figure as read (an interval), its breakdown and "
                  "the kind of difference between its value and each other value of its property",
    "events.csv": "events with their dates and precision",
    "sources.csv": "the articles",
    "entities.ftm.json": "FollowTheMoney entities, one per line, for Aleph",
    "places.geojson": "places with coordinates",
    "timeline.json": "dated events in TimelineJS's format",
}
# A cell starting with one of these is taken for a formula by spreadsheets (OWASP, "CSV
# injection"); such a cell is written with a single quote before it (csv_cell), and so is one
# that starts with a quote already ('Ndrangheta), so that removing one leading quote always
# gives the value back.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CSV_RULE = ("a cell that would start with =, +, -, @, a tab, a carriage return or a single quote (') "
            "(or with =, +, - or @ after spaces, or in full-width form) has a single quote added before "
            "it, so that a spreadsheet shows it as text and never runs it as a formula; negative numbers too "
            "('-5.5). To get the value, remove one leading quote "
            "from any cell that starts with one")


class Out(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Date(Out):
    text: str  # as written in the sheet
    label: str  # for readers
    start: str | None  # ISO dates; None when unknown
    end: str | None
    precision: str  # day, month, year, part, range, unknown


class Citation(Out):
    source: str | None = None  # a quote from a source...
    quote: str | None = None
    paragraph: str | None = None  # the anchor on the source page, e.g. line-9
    line: int | None = None
    external: str | None = None  # ...or an external reference: url, wikidata, geonames
    address: str | None = None
    note: str | None = None


class Fact(Out):
    field: str  # date, places, participants, roles, parent, based_in, within, coordinates, name
    value: str  # an entity id for references; the text otherwise
    organization: str | None = None  # a role's organization
    citations: list[Citation]


class Entity(Out):
    id: str
    kind: Literal["people", "organizations", "places", "events"]
    name: str
    aliases: list[str]
    description: str
    wikidata: str | None
    category: str | None  # an organization's or a place's kind
    date: Date | None  # events
    latitude: float | None  # places with coordinates
    longitude: float | None
    facts: list[Fact]
    page: str  # path of its page in the site


class Figure(Out):
    """A value's figure as Dossier reads it: an interval, so that figures can be compared."""

    form: str  # exact, rounded, approx, near, lower, upper, range, between, vague
    low: float
    high: float | None  # None: no upper bound ("over 120")
    unit: str | None


class Pair(Out):
    a: str  # a value
    b: str  # another value of the same property
    kind: str  # conflict, scope, precision, wording, spelling or unclassified
    stated: bool  # the curator's, not computed


class Claim(Out):
    entity: str
    number: int
    anchor: str
    property: str | None
    value: str | None
    statement: str | None
    scope: str | None
    as_of: Date | None
    breakdown: dict[str, str]
    figure: Figure | None  # the value's figure as read (a structure written by the curator, or its words)
    parts: dict[str, Figure | None]  # the breakdown's parts as read (None: not a figure: partial)
    difference: str | dict[str, str] | None  # the kind the curator stated ({other value: kind}: for a pair)
    note: str | None
    about: list[str]
    citations: list[Citation]


class Difference(Out):
    entity: str
    property: str
    kind: str  # the first of conflict, unclassified, scope, precision, wording, spelling among its pairs
    stated: bool
    values: dict[str, list[int]]  # value -> the numbers of the claims giving it
    pairs: list[Pair]  # the kind of difference of each pair of values
    sides: list[list[str]]  # values joined by precision, wording or spelling


class Archived(Out):
    url: str
    date: Date | None


class Source(Out):
    id: str
    title: str
    outlet: str
    via: str | None
    published: Date
    url: str | None
    language: str
    translated_from: str | None
    translation: str | None
    truncated: bool  # the text was cut off when it was collected
    truncated_note: str | None
    retrieved: Date | None  # when the text was collected
    archived: list[Archived]  # copies in web archives
    sha256: str  # the fingerprint of the stored text (the seed file's bytes)
    page: str


class Mention(Out):
    entity: str
    source: str
    paragraph: str
    name: str


class Export(Out):
    schema_version: str
    title: str
    summary: str
    language: str
    sources: list[Source]
    entities: list[Entity]
    claims: list[Claim]
    differences: list[Difference]
    mentions: list[Mention]


def export_schema() -> dict:
    schema = Export.model_json_schema()
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": SCHEMA_ID,
            "title": f"Dossier export, version {EXPORT_SCHEMA_VERSION}",
            "description": f"dossier.json holds every value as it is. In the CSV files, {CSV_RULE}.",
            **schema}


# The data are made as plain dicts with exactly the models' fields (tests/test_export.py holds
# them to the schema): building the models validated every value again, and dumping them took
# as long, a third of the export's time on a large dossier.

def _date(d: FuzzyDate) -> dict:
    known = d.known
    return {"text": d.text, "label": d.label, "start": d.start.isoformat() if known else None,
            "end": d.end.isoformat() if known else None, "precision": d.precision if known else "unknown"}


def _float(n: float | None) -> float | None:
    return None if n is None else float(n)


def _figure(q) -> dict | None:
    if q is None:
        return None
    return {"form": q.form, "low": float(q.low), "high": None if math.isinf(q.high) else float(q.high),
            "unit": q.unit}


def _citation(source=None, quote=None, paragraph=None, line=None, external=None, address=None,
              note=None) -> dict:
    return {"source": source, "quote": quote, "paragraph": paragraph, "line": line, "external": external,
            "address": address, "note": note}


def _quote(c: ResolvedCitation) -> dict:
    return _citation(source=c.source_id, quote=c.quote, paragraph=c.anchor, line=c.line)


def _facts(r: Resolved, info: EntityInfo) -> list[dict]:
    facts = []
    for path in info.sheet.key_facts():
        key = r.fact_key(info.sheet.fact(path))
        role = path[0] == "roles"  # (title, organization id)
        text = key[0] if role else ", ".join(map(str, key)) if isinstance(key, tuple) else key
        organization = key[1] if role else None
        fact = info.facts.get(path)
        citations = [] if fact is None else [_quote(c) for c in fact.citations] + [
            _citation(external=e.external[0], address=e.external[1], note=e.note) for e in fact.external]
        facts.append({"field": path[0], "value": text, "organization": organization, "citations": citations})
    return facts


def _entity(r: Resolved, info: EntityInfo) -> dict:
    sheet = info.sheet
    coordinates = getattr(sheet, "coordinates", None)
    return {"id": info.id, "kind": info.kind, "name": sheet.name, "aliases": list(sheet.aliases),
            "description": sheet.description, "wikidata": sheet.wikidata,
            "category": getattr(sheet, "kind", None),
            "date": _date(sheet.date) if info.kind == "events" else None,
            "latitude": _float(coordinates.lat) if coordinates else None,
            "longitude": _float(coordinates.lon) if coordinates else None,
            "facts": _facts(r, info), "page": f"{info.kind}/{info.id}/"}


def build_export(r: Resolved) -> dict:
    """dossier.json's data: an Export, as a dict."""
    entities = sorted(r.entities.values(), key=lambda e: (ENTITY_KINDS.index(e.kind), e.id))
    sources = []
    for source_id in sorted(r.articles):
        s = r.articles[source_id].source
        sources.append({
            "id": source_id, "title": s.title, "outlet": s.outlet, "via": s.via,
            "published": _date(s.published), "url": s.url, "language": s.language,
            "translated_from": s.translated_from,
            "translation": s.translation, "truncated": s.truncated, "truncated_note": s.truncated_note,
            "retrieved": _date(s.retrieved) if s.retrieved else None,
            "archived": [{"url": c.url, "date": _date(c.date) if c.date else None} for c in s.archived],
            "sha256": r.articles[source_id].sha256, "page": f"sources/{source_id}/"})
    claims = [{"entity": e.id, "number": c.number, "anchor": c.anchor, "property": c.claim.property,
               "value": c.claim.value, "statement": c.claim.statement, "scope": c.claim.scope,
               "as_of": _date(c.claim.as_of) if c.claim.as_of else None, "breakdown": dict(c.claim.breakdown),
               "figure": _figure(c.claim.figure),
               "parts": {label: _figure(parse_quantity(part)) for label, part in c.claim.breakdown.items()},
               "difference": c.claim.difference, "note": c.claim.note,
               "about": [r.ref(a) for a in c.claim.about], "citations": [_quote(x) for x in c.citations]}
              for e in entities for c in e.claims]
    differences = [{"entity": d.entity_id, "property": d.property, "kind": d.kind, "stated": d.stated,
                    "values": {value: [c.number for c in group] for value, group in d.values},
                    "pairs": [{"a": d.values[i][0], "b": d.values[j][0], "kind": kind, "stated": stated}
                              for i, j, kind, stated in d.pairs],
                    "sides": [[d.values[i][0] for i in side] for side in d.sides]}
                   for e in entities for d in e.disagreements]
    mentions = sorted({(e.id, source_id, r.articles[source_id].paragraphs[m.paragraph].anchor, m.name)
                       for e in entities for source_id, m in e.mentions})
    return {"schema_version": EXPORT_SCHEMA_VERSION, "title": r.dossier.title, "summary": r.dossier.summary,
            "language": r.dossier.language, "sources": sources, "entities": [_entity(r, e) for e in entities],
            "claims": claims, "differences": differences,
            "mentions": [{"entity": a, "source": b, "paragraph": c, "name": d} for a, b, c, d in mentions]}


def _json(data: object, pretty: bool = False) -> bytes:
    """Sorted keys, UTF-8. Data files are compact: json's C encoder writes them (with an
    indent it falls back to Python, five times slower on a large dossier); the schema,
    which people read, is indented."""
    text = (json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) if pretty
            else json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")))
    return (text + "\n").encode("utf-8")


def csv_cell(value: object) -> str:
    """A value as a CSV cell that no spreadsheet runs (CSV_RULE): any text, or a number, that
    starts like a formula or with a quote gets a single quote before it. Numbers are not
    spared: a negative one would start with '-', and one rule is easier to undo than two."""
    text = "" if value is None else str(value)
    if text[:1].isascii() and text[:1].isalnum():
        return text  # most cells: no formula, no quote, no blank before either
    return "'" + text if text.startswith((*FORMULA_STARTS, "'")) or _formula_after_blanks(text) else text


def _formula_after_blanks(text: str) -> bool:
    """Whether the text's first visible character, after spaces and invisible ones (a
    byte-order mark, a zero-width space), is =, +, - or @, also in full-width form ('＝'):
    spreadsheets that trim or fold such characters would read a formula there too."""
    for char in text:
        if not (char.isspace() or unicodedata.category(char) == "Cf"):
            return unicodedata.normalize("NFKC", char) in "=+-@"
    return False


def _csv(header: list[str], rows: list[list]) -> bytes:
    """Every CSV file Dossier writes goes through here, so every cell through csv_cell."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(map(csv_cell, header))
    writer.writerows(map(csv_cell, row) for row in rows)
    return out.getvalue().encode("utf-8")


def _archive_date(d: dict | None) -> str:
    """When an archive took its copy, without spaces: 2021-03-13, 2021-03 or 2021 as known,
    an ISO interval (2021-03-01/2021-05-31) for a part of a year or a range; else unknown."""
    if d is None or d["start"] is None:
        return "unknown"
    return date_prefix(d) or f"{d['start']}/{d['end']}"


def _geojson(data: dict) -> bytes:
    features = [{"type": "Feature", "id": e["id"],
                 "geometry": {"type": "Point", "coordinates": [e["longitude"], e["latitude"]]},
                 "properties": {"name": e["name"], "kind": e["category"], "page": e["page"]}}
                for e in data["entities"] if e["kind"] == "places" and e["latitude"] is not None]
    return _json({"type": "FeatureCollection", "features": features})


def _timeline_date(iso: str) -> dict:
    year, month, day = iso.split("-")
    return {"year": year, "month": str(int(month)), "day": str(int(day))}


def _timeline(data: dict) -> bytes:
    """TimelineJS's JSON: dated events; a period (a month, a season) spans its dates."""
    events = []
    for e in data["entities"]:
        date = e["date"]
        if e["kind"] != "events" or not date or not date["start"]:
            continue
        start = _timeline_date(date["start"]) | {"display_date": date["label"]}
        item = {"unique_id": e["id"], "start_date": start,
                "text": {"headline": e["name"], "text": e["description"]}}
        if date["end"] != date["start"]:
            item["end_date"] = _timeline_date(date["end"])
        events.append(item)
    return _json({"title": {"text": {"headline": data["title"], "text": data["summary"]}}, "events": events})


def export_files(r: Resolved) -> dict[str, bytes]:
    """{file name: bytes} of every export (FILES)."""
    data = build_export(r)
    files = {"dossier.json": _json(data), "dossier.schema.json": _json(export_schema(), pretty=True)}
    files["entities.csv"] = _csv(
        ["id", "kind", "name", "aliases", "description", "category", "wikidata", "latitude", "longitude",
         "page"],
        [[e["id"], e["kind"], e["name"], "; ".join(e["aliases"]), e["description"], e["category"],
          e["wikidata"], e["latitude"], e["longitude"], e["page"]] for e in data["entities"]])
    points = {(d["entity"], name_key(d["property"])): d for d in data["differences"]}

    def kinds(c: dict) -> tuple[str | None, str | None]:
        """The kind of the claim's point and of each pair its value is in ("other value: kind; ...")."""
        d = points.get((c["entity"], name_key(c["property"] or "")))
        if d is None or c["value"] is None:
            return None, None
        mine = name_key(c["value"])
        pairs = [(p["b"] if name_key(p["a"]) == mine else p["a"], p["kind"]) for p in d["pairs"]
                 if mine in (name_key(p["a"]), name_key(p["b"]))]
        return d["kind"], "; ".join(f"{other}: {kind}" for other, kind in pairs)

    no_figure = (None, None, None, None)
    files["claims.csv"] = _csv(
        ["entity", "claim", "property", "value", "statement", "scope", "as_of", "figure_form", "figure_low",
         "figure_high", "figure_unit", "breakdown", "difference", "kinds_with_other_values", "source",
         "quote", "paragraph"],
        [[c["entity"], c["number"], c["property"], c["value"], c["statement"], c["scope"],
          c["as_of"]["text"] if c["as_of"] else None,
          *((f["form"], f["low"], f["high"], f["unit"]) if (f := c["figure"]) else no_figure),
          "; ".join(f"{label}: {part}" for label, part in c["breakdown"].items()), *kinds(c),
          x["source"], x["quote"], x["paragraph"]] for c in data["claims"] for x in c["citations"]])
    files["events.csv"] = _csv(
        ["id", "name", "date", "start", "end", "precision", "places", "participants"],
        [[e["id"], e["name"], (d := e["date"])["label"], d["start"], d["end"], d["precision"],
          "; ".join(f["value"] for f in e["facts"] if f["field"] == "places"),
          "; ".join(f["value"] for f in e["facts"] if f["field"] == "participants")]
         for e in data["entities"] if e["kind"] == "events" and e["date"]])
    files["sources.csv"] = _csv(  # archived and archived_dates: one per copy, separated by spaces
        ["id", "title", "outlet", "via", "published", "start", "end", "url", "language", "retrieved",
         "archived", "sha256", "page", "translated_from", "translation", "truncated", "truncated_note",
         "archived_dates"],
        [[s["id"], s["title"], s["outlet"], s["via"], s["published"]["label"], s["published"]["start"],
          s["published"]["end"], s["url"], s["language"], s["retrieved"]["start"] if s["retrieved"] else None,
          " ".join(a["url"] for a in s["archived"]), s["sha256"], s["page"], s["translated_from"],
          s["translation"], "true" if s["truncated"] else "false", s["truncated_note"],
          " ".join(_archive_date(a["date"]) for a in s["archived"])] for s in data["sources"]])
    files["entities.ftm.json"] = ftm_lines(data)
    files["places.geojson"] = _geojson(data)
    files["timeline.json"] = _timeline(data)
    assert list(files) == list(FILES)
    return files
