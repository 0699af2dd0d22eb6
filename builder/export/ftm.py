"""The dossier as FollowTheMoney entities (entities.ftm.json, one JSON object per line), made
from dossier.json's data (opendata.Export as JSON), so that it says nothing that file does not:

- Person, Organization, Event, and Address for a place that is not a country;
- Directorship, Employment or Membership for a person's role in an organization (`role_schema`),
  with the sources that cite it as `proof`; a role without an organization is the person's
  `position`;
- Article for a source, with its provenance (`article_properties`);
- Mention for an entity named in a source.

Countries are no entities here: a place that is a country (`place_countries`) becomes the
`country` code (ISO 3166-1 alpha-2, in lower case, as FollowTheMoney writes it) of the places
within it, the organizations based in it and the events that took place in it or that it
took part in; the sources naming it carry its code as `detectedCountry`.

Only properties FollowTheMoney's schemata have are written (tests/test_export_ftm.py reads
every line back with the followthemoney package, a test dependency: it is not imported here).
"""

from __future__ import annotations

import hashlib
import json
import re
from functools import cache

from ..model.cldr import country_key, tables

SCHEMA = {"people": "Person", "organizations": "Organization", "places": "Address", "events": "Event"}

# A role's title, in words (case folded, split at anything but letters and digits), decides
# its schema. Directorship: the person heads or directs the organization, a title with one of
# HEAD_WORDS or HEAD_PHRASES ("Director", "Editor-in-Chief", "Prime Minister", "Presidential
# commissioner", "Secretary-General"), unless a word of SECOND says the person is second to
# the head ("Deputy director", "Vice-president") or the title is "chief of staff". Employment:
# a paid staff position, a title with one of STAFF_WORDS ("Spokesperson", "Police officer",
# "Correspondent"). Membership: any other title ("Member of the council", "Keeper",
# "Permanent Representative"): the person belongs to the organization, how is not said.
HEAD_WORDS = frozenset(
    "director head chief chair chairman chairwoman chairperson president ceo leader commissioner "
    "ombudsman ombudswoman ombudsperson governor mayor minister premier chancellor commander rector".split())
HEAD_PHRASES = (("secretary", "general"), ("general", "secretary"))
SECOND = frozenset("deputy vice assistant associate".split())
STAFF_WORDS = frozenset(
    "spokesperson spokesman spokeswoman officer official correspondent editor reporter journalist "
    "photographer columnist presenter producer analyst researcher employee staff staffer aide adviser "
    "advisor".split())
ROLE_LINK = {"Directorship": ("director", "organization"), "Employment": ("employee", "employer"),
             "Membership": ("member", "organization")}  # schema -> (the person's, the organization's)

# A place's kind with one of these words names a part of a country: the place is no country
# even if its name is one ("Luxembourg", kind: city); a kind with "country" says it is one.
PART_KINDS = frozenset(
    "city town village capital district province county region municipality governorate oblast "
    "neighbourhood neighborhood suburb airport port".split())


def role_schema(title: str) -> str:
    """Directorship, Employment or Membership, from the words of a role's title (HEAD_WORDS)."""
    words = re.findall(r"\w+", title.casefold())
    heads = HEAD_WORDS.intersection(words) or set(zip(words, words[1:])).intersection(HEAD_PHRASES)
    staff = ("chief", "of", "staff") in set(zip(words, words[1:], words[2:]))
    if heads and not staff and not SECOND.intersection(words):
        return "Directorship"
    return "Employment" if STAFF_WORDS.intersection(words) else "Membership"


@cache
def country_codes() -> dict[str, str]:
    """country_key(name) -> ISO 3166-1 alpha-2 code in lower case: the CLDR's names of every
    country in the languages of the news (model/cldr.py: "russia", "россия", "روسيا" -> "ru"),
    then, where the CLDR has no such name, the `countryinfo` package's (MIT) common names and
    other names of a country with an ISO numeric code that the CLDR knows (official ones,
    "the Russian Federation", "Republic of Iraq", "Turkey"): those of several words, or an
    abbreviation in capitals ("UAE"); a name of two countries there is left out."""
    import countryinfo

    codes = dict(tables()["countries"])
    known = set(codes.values())
    other: dict[str, set[str]] = {}
    for country in countryinfo.all_countries():
        try:
            iso, name, names = country.iso() or {}, country.name(), country.alt_spellings() or []
        except Exception:  # an entry with missing data: skip it  # noqa: BLE001
            continue
        code = str(iso.get("alpha2") or "").lower()
        if not iso.get("numeric") or code not in known:
            continue
        other_names = [n for n in names if n and (" " in n.strip() or 2 < len(n) < 5 and n.isupper())]
        for found in [name, *other_names]:
            if found and country_key(found):
                other.setdefault(country_key(found), set()).add(code)
    for key, found in sorted(other.items()):
        if key not in codes and len(found) == 1:
            codes[key] = found.pop()
    return codes


def place_countries(entities: list[dict]) -> tuple[dict[str, str], dict[str, str]]:
    """({country place id: its code}, {other place id: the code of the country it lies in}).
    A place is a country when its name or an alias is a country's (country_codes; names of
    two countries are none), its kind does not name a part of a country (PART_KINDS) and no
    place up its `within` chain has a country's name ("Georgia" within the United States is
    not the country), as on the map (pages/map.py). A place whose kind says "country" but
    whose names are no country's has no code: it stays a place."""
    places = {e["id"]: e for e in entities if e["kind"] == "places"}
    within = {e["id"]: f["value"] for e in places.values() for f in e["facts"] if f["field"] == "within"}
    table = country_codes()

    def named(place: dict) -> str | None:
        kind = set(re.findall(r"\w+", (place["category"] or "").casefold()))
        if PART_KINDS & kind and "country" not in kind:
            return None
        found = {table.get(country_key(name)) for name in [place["name"], *place["aliases"]]} - {None}
        return found.pop() if len(found) == 1 else None

    def chain(place_id: str) -> list[str]:  # the places it lies within, nearest first
        found: list[str] = []
        while (place_id := within.get(place_id)) in places and place_id not in found:
            found.append(place_id)
        return found

    codes = {place_id: named(place) for place_id, place in places.items()}
    countries = {place_id: code for place_id, code in codes.items()
                 if code and not any(codes[up] for up in chain(place_id))}
    located = {place_id: next((countries[up] for up in chain(place_id) if up in countries), None)
               for place_id in places if place_id not in countries}
    return countries, {place_id: code for place_id, code in located.items() if code}


def ftm_id(kind: str, item_id: str) -> str:
    return f"dossier-{kind}-{item_id}"


def date_prefix(d: dict | None) -> str | None:
    """A date (opendata.Date) as FollowTheMoney writes one known to a day, a month or a year;
    None for one known less precisely (a part of a year, a range) or not at all."""
    if not d or not d["start"]:
        return None
    return {"day": d["start"], "month": d["start"][:7], "year": d["start"][:4]}.get(d["precision"])


def article_properties(s: dict) -> dict[str, list]:
    """A source's Article: title, publisher (its outlet, when known), publishedAt, sourceUrl,
    language, author (the original outlet or agency of wire copy, `via`), retrievedAt (when
    its text was collected); what FollowTheMoney has no property for goes into `notes`, one
    value each, in this order: the original outlet of wire copy, the translation, the
    truncation, each archived copy and the SHA-256 fingerprint of the stored text.
    (`contentHash` is not used: it holds the SHA-1 of a file in Aleph's archive.)"""
    notes = []
    if s["via"]:
        notes.append(f"Wire copy or a republished text: first published by {s['via']}.")
    if s["translated_from"]:
        notes.append(f"Translated from the language {s['translated_from']} (ISO 639); "
                     f"translation: {s['translation'] or 'not stated'}.")
    if s["truncated"]:
        notes.append("Truncated: the stored text was cut off when it was collected"
                     + (f" ({s['truncated_note']})." if s["truncated_note"] else "."))
    for copy in s["archived"]:
        taken = f", taken {copy['date']['text']}" if copy["date"] else ""
        notes.append(f"Archived copy: {copy['url']}{taken}.")
    notes.append(f"SHA-256 of the stored text: {s['sha256']}.")
    return {"title": [s["title"]], "publisher": [s["outlet"] if s["outlet"].lower() != "unknown" else None],
            "publishedAt": [date_prefix(s["published"])], "sourceUrl": [s["url"]],
            "language": [s["language"]], "author": [s["via"]], "retrievedAt": [date_prefix(s["retrieved"])],
            "notes": notes}


def _roles(person: dict) -> dict[str, tuple[str, dict[str, list]]]:
    """{id: (schema, properties)} of a person's roles in organizations (role_schema): the
    title as `role`, the sources citing the role as `proof`, its external references' addresses
    as `sourceUrl`. The sheets give no dates for a role, so none is written."""
    found: dict[str, tuple[str, dict[str, list]]] = {}
    for fact in person["facts"]:
        if fact["field"] != "roles" or not fact["organization"]:
            continue
        schema = role_schema(fact["value"])
        mine, theirs = ROLE_LINK[schema]
        key = f"{person['id']}|{fact['value']}|{fact['organization']}"
        _, props = found.setdefault(hashlib.sha1(key.encode()).hexdigest(), (schema, {
            mine: [ftm_id("people", person["id"])], theirs: [ftm_id("organizations", fact["organization"])],
            "role": [fact["value"]], "proof": [], "sourceUrl": []}))
        props["proof"] = sorted({*props["proof"], *(ftm_id("sources", c["source"]) for c in fact["citations"]
                                                    if c["source"])})
        props["sourceUrl"] = sorted({*props["sourceUrl"], *(c["address"] for c in fact["citations"]
                                                            if c["address"])})
    return found


def ftm_lines(data: dict) -> bytes:
    """entities.ftm.json from dossier.json's data: sources, entities, their roles, mentions."""
    lines = []
    kinds = {e["id"]: e["kind"] for e in data["entities"]}
    names = {e["id"]: e["name"] for e in data["entities"]}
    countries, located = place_countries(data["entities"])

    def add(schema: str, entity_id: str, properties: dict[str, list]) -> None:
        props = {k: [str(v) for v in values if v not in (None, "")] for k, values in properties.items()}
        lines.append({"id": entity_id, "schema": schema,
                      "properties": {k: v for k, v in sorted(props.items()) if v}})

    named_countries: dict[str, set[str]] = {}  # source id -> the codes of the countries it names
    for m in data["mentions"]:
        if m["entity"] in countries:
            named_countries.setdefault(m["source"], set()).add(countries[m["entity"]])
    for s in data["sources"]:
        add("Article", ftm_id("sources", s["id"]),
            article_properties(s) | {"detectedCountry": sorted(named_countries.get(s["id"], ()))})
    roles = {}
    for e in data["entities"]:
        if e["id"] in countries:
            continue
        facts: dict[str, list[str]] = {}
        for fact in e["facts"]:
            facts.setdefault(fact["field"], []).append(fact["value"])
        props: dict[str, list] = {"name": [e["name"]], "alias": e["aliases"],
                                  "description": [e["description"]], "wikidataId": [e["wikidata"]]}
        if e["kind"] == "people":  # a role without an organization is no link: the person's position
            props["position"] = [f["value"] for f in e["facts"]
                                 if f["field"] == "roles" and not f["organization"]]
            roles |= _roles(e)
        if e["kind"] == "organizations":
            props["country"] = [countries.get(p, located.get(p)) for p in facts.get("based_in", [])]
        if e["kind"] == "places":
            props |= {"full": [e["name"]], "latitude": [e["latitude"]], "longitude": [e["longitude"]],
                      "country": [located.get(e["id"])]}
        if e["kind"] == "events" and e["date"] and e["date"]["start"]:
            if date_prefix(e["date"]):
                props["date"] = [date_prefix(e["date"])]
            else:  # a part of a year, a season, a range
                props |= {"startDate": [e["date"]["start"]], "endDate": [e["date"]["end"]]}
        if e["kind"] == "events":
            places, participants = facts.get("places", []), facts.get("participants", [])
            props["involved"] = [ftm_id(kinds[i], i) for i in participants if i not in countries]
            props["addressEntity"] = [ftm_id("places", i) for i in places if i not in countries]
            props["country"] = sorted({*(countries.get(i, located.get(i)) for i in places),
                                       *(countries.get(i) for i in participants)} - {None})
        add(SCHEMA[e["kind"]], ftm_id(e["kind"], e["id"]), props)
    for role_id, (schema, props) in roles.items():  # in the order of the people and their roles
        add(schema, role_id, props)
    for entity_id, source_id in sorted({(m["entity"], m["source"]) for m in data["mentions"]}):
        if entity_id in countries:
            continue  # the source's detectedCountry
        kind = kinds[entity_id]
        add("Mention", hashlib.sha1(f"{entity_id}|{source_id}".encode()).hexdigest(), {
            "resolved": [ftm_id(kind, entity_id)], "document": [ftm_id("sources", source_id)],
            "name": [names[entity_id]], "detectedSchema": [SCHEMA[kind]]})
    return "".join(json.dumps(line, ensure_ascii=False, sort_keys=True) + "\n"
                   for line in lines).encode("utf-8")
