"""schema.org descriptions of pages (`<script type="application/ld+json">`): a NewsArticle
for a source, a Person, Organization, Place or Event for an entity."""

from __future__ import annotations

from markupsafe import Markup

from ..core.markup import script_json
from ..resolve.resolved import EntityInfo, Resolved

SCHEMA_ORG = {"people": "Person", "organizations": "Organization", "places": "Place", "events": "Event"}


def json_ld(data: dict) -> Markup:
    """A schema.org description for a page's <script type="application/ld+json">."""
    return Markup(f'<script type="application/ld+json">{script_json({"@context": "https://schema.org", **data})}</script>')


def article_ld(source) -> dict:
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
    sources = sorted(info.cited_sources)
    if sources:
        data["citation"] = [article_ld(r.articles[s].source) for s in sources]
    return json_ld(data)
