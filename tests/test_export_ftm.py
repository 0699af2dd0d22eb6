"""entities.ftm.json read back with the followthemoney package, as Aleph would read it: every
line a valid entity whose references point at entities of the kind the property takes; people's
roles as Directorship, Employment or Membership with their sources as proof; countries as
ISO codes on the entities, never as Address entities; the sources' provenance."""

import csv
import hashlib
import io
import json

import pytest
from conftest import REPO, append, edit

from builder.export.ftm import country_codes, role_schema
from builder.export.opendata import export_files
from builder.model.cldr import country_key
from builder.resolve.dossier import check

followthemoney = pytest.importorskip("followthemoney")  # a test dependency (pyproject)
COUNTRY = followthemoney.model.get("Thing").get("country").type


def lines(files: dict[str, bytes]) -> dict[str, dict]:
    """The entities of entities.ftm.json by id, each checked by followthemoney."""
    found = {}
    for line in files["entities.ftm.json"].decode("utf-8").splitlines():
        data = json.loads(line)
        proxy = followthemoney.model.get_proxy(data, cleaned=False)  # an unknown schema or property raises
        for name, values in data["properties"].items():
            prop = proxy.schema.get(name)
            for value in values:
                assert prop.type.clean(value, proxy=proxy) is not None, (data["schema"], name, value)
        assert data["id"] not in found, data["id"]
        found[data["id"]] = data
    return found


def of(found: dict[str, dict], schema: str) -> list[dict]:
    return [e for e in found.values() if e["schema"] == schema]


@pytest.fixture(scope="module")
def bundled() -> dict[str, dict]:
    return lines(export_files(check(REPO, use_cache=False)))


def test_every_reference_points_at_an_entity_of_the_schema_its_property_takes(bundled):
    model = followthemoney.model
    checked = set()
    for data in bundled.values():
        schema = model.get(data["schema"])
        for name, values in data["properties"].items():
            prop = schema.get(name)
            if prop.type.name != "entity":
                continue
            for value in values:
                assert value in bundled, (data["id"], name, value)
                if (data["schema"], name) == ("Mention", "resolved"):
                    continue  # a place or an event named in an article is linked too (range: LegalEntity)
                assert model.get(bundled[value]["schema"]).is_a(prop.range), (data["id"], name, value)
                checked.add(f"{data['schema']}.{name}")
    assert {"Directorship.director", "Directorship.organization", "Employment.employee",
            "Employment.employer", "Membership.member", "Membership.organization", "Event.addressEntity",
            "Event.involved"} <= checked
    assert {p for p in checked if p.endswith(".proof")} == {"Directorship.proof", "Employment.proof",
                                                            "Membership.proof"}


def role(found: dict[str, dict], person: str) -> list[dict]:
    """The interval entities linking the person to an organization."""
    return [e for e in found.values() for prop in ("director", "employee", "member")
            if e["properties"].get(prop) == [f"dossier-people-{person}"]]


def test_roles_link_the_person_and_the_organization_with_their_sources_as_proof(bundled):
    (simonyan,) = role(bundled, "margarita-simonyan")  # Editor-in-Chief of RT: she heads it
    assert simonyan["schema"] == "Directorship"
    assert simonyan["properties"]["organization"] == ["dossier-organizations-rt"]
    assert simonyan["properties"]["role"] == ["Editor-in-Chief"]
    assert simonyan["properties"]["proof"] == ["dossier-sources-rt-children-return-home"]
    (spokesperson,) = role(bundled, "ahmad-al-sahaf")
    assert spokesperson["schema"] == "Employment" and spokesperson["properties"]["role"] == ["Spokesperson"]
    assert spokesperson["properties"]["employer"] == ["dossier-organizations-iraqi-foreign-ministry"]
    assert spokesperson["properties"]["proof"] and all(p.startswith("dossier-sources-")
                                                      for p in spokesperson["properties"]["proof"])
    (member,) = role(bundled, "kheda-saratova")
    assert member["schema"] == "Membership"
    assert member["properties"]["organization"] == ["dossier-organizations-chechen-human-rights-council"]
    # a role without an organization is no link: its title stays on the person
    assert role(bundled, "vladimir-putin") == []
    assert bundled["dossier-people-vladimir-putin"]["properties"]["position"] == ["President of Russia"]
    assert "position" not in bundled["dossier-people-margarita-simonyan"]["properties"]
    # the sheets give no dates for a role: none is made up
    for e in of(bundled, "Directorship") + of(bundled, "Employment") + of(bundled, "Membership"):
        assert not {"date", "startDate", "endDate"} & set(e["properties"]), e


def test_a_roles_citations_become_its_proof_and_its_source_links(lighthouse):
    edit(lighthouse / "content/people/wenna-trego.yml", "        quote: The Trust's director, Wenna Trego\n",
         "        quote: The Trust's director, Wenna Trego\n"
         "      - source: wire-brief\n        quote: The Tidewater Trust will run the light automatically\n"
         "      - url: https://example.org/trust/board\n        note: the Trust's board (made up)\n"
         "  - title: Spokeswoman\n    organization: Tidewater Trust\n    cite:\n"
         "      - source: harbour-gazette\n        quote: a Trust spokeswoman said\n"
         "  - title: Chair of the village hall committee\n")
    found = lines(export_files(check(lighthouse, use_cache=False)))
    director, spokeswoman = sorted(role(found, "wenna-trego"), key=lambda e: e["schema"])
    assert director["schema"] == "Directorship" and director["properties"]["role"] == ["Director"]
    assert director["properties"]["proof"] == ["dossier-sources-coastal-review", "dossier-sources-wire-brief"]
    assert director["properties"]["sourceUrl"] == ["https://example.org/trust/board"]
    assert spokeswoman["schema"] == "Employment"  # the organization written by its name
    assert spokeswoman["properties"]["employer"] == ["dossier-organizations-tidewater-trust"]
    assert spokeswoman["properties"]["proof"] == ["dossier-sources-harbour-gazette"]
    position = found["dossier-people-wenna-trego"]["properties"]["position"]
    assert position == ["Chair of the village hall committee"]
    (keeper,) = role(found, "osric-penhallow")
    assert (keeper["schema"], keeper["properties"]["role"]) == ("Membership", ["Keeper"])


@pytest.mark.parametrize("title, schema", [
    ("Director", "Directorship"), ("Editor-in-Chief", "Directorship"),
    ("Prime Minister of Iraq", "Directorship"),
    ("Presidential commissioner for children's rights", "Directorship"),
    ("Secretary-General", "Directorship"),
    ("Chairwoman of the board", "Directorship"), ("CEO", "Directorship"), ("Ombudsman", "Directorship"),
    ("Deputy director", "Membership"), ("Vice-President", "Membership"), ("Chief of staff", "Employment"),
    ("Spokesperson", "Employment"), ("Police officer", "Employment"), ("Moscow correspondent", "Employment"),
    ("Staff reporter", "Employment"), ("Member of the council", "Membership"), ("Keeper", "Membership"),
    ("Deputy Permanent Representative of Russia to the UN", "Membership")])
def test_a_roles_title_says_whether_the_person_heads_works_for_or_belongs_to_it(title, schema):
    assert role_schema(title) == schema


def test_countries_are_codes_on_the_entities_and_no_address(bundled):
    addresses = {e["id"] for e in of(bundled, "Address")}
    for country in ("iraq", "russia", "syria", "turkey", "france", "kazakhstan"):
        assert f"dossier-places-{country}" not in addresses
    assert {"dossier-places-baghdad", "dossier-places-moscow", "dossier-places-chechnya",
            "dossier-places-middle-east"} <= addresses
    country = lambda entity_id: bundled[entity_id]["properties"].get("country")
    assert country("dossier-places-baghdad") == ["iq"] and country("dossier-places-moscow") == ["ru"]
    assert country("dossier-places-erbil") == ["iq"]  # within the Kurdistan Region, within Iraq
    assert country("dossier-places-middle-east") is None  # a region, in no country
    assert country("dossier-organizations-center-for-childrens-health") == ["ru"]  # based in Moscow
    assert country("dossier-organizations-russian-foreign-ministry") == ["ru"]  # based in Russia
    flight = bundled["dossier-events-first-repatriation-flight"]["properties"]
    assert flight["country"] == ["iq", "ru"] and "dossier-places-baghdad" in flight["addressEntity"]
    victory = bundled["dossier-events-caliphate-proclaimed"]["properties"]  # took place in Iraq and Syria
    assert victory["country"] == ["iq", "sy"] and "addressEntity" not in victory
    for e in bundled.values():
        for value in e["properties"].get("country", []) + e["properties"].get("detectedCountry", []):
            assert COUNTRY.clean(value) == value and value.islower(), (e["id"], value)
    # an article naming a country carries its code; no Mention points at a country
    assert "iq" in bundled["dossier-sources-rudaw-kadyrov-flight"]["properties"]["detectedCountry"]
    assert not any(r.startswith(("dossier-places-iraq", "dossier-places-russia"))
                   for e in of(bundled, "Mention") for r in e["properties"]["resolved"])


def test_a_place_is_a_country_by_its_name_unless_its_kind_or_a_country_around_it_says_otherwise(lighthouse):
    places = lighthouse / "content/places"
    (places / "britain.yml").write_text(
        "id: britain\nname: the United Kingdom of Great Britain and Northern Ireland\naliases: [Britain]\n"
        "kind: country\ndescription: The country of the village.\n", encoding="utf-8")
    (places / "georgia.yml").write_text("id: georgia\nname: Georgia\nwithin: britain\n"
                                        "description: Named like a country, within another.\n")
    (places / "luxembourg.yml").write_text("id: luxembourg\nname: Luxembourg\nkind: city\n"
                                           "description: A city named like a country.\n")
    (places / "kernow.yml").write_text("id: kernow\nname: Kernow\nkind: country\n"
                                       "description: A country by its kind, by a name of none.\n")
    append(places / "farrowden.yml", "within: britain\n")
    edit(lighthouse / "content/events/stormy-winters.yml", "places:\n", "places:\n  - britain\n")
    append(lighthouse / "seeds/harbour-gazette.txt", "\nPenhallow will stay in Britain.\n")
    found = lines(export_files(check(lighthouse, use_cache=False)))
    country = lambda entity_id: found[entity_id]["properties"].get("country")
    assert "dossier-places-britain" not in found  # an official name, from countryinfo
    assert country("dossier-places-farrowden") == ["gb"] and country("dossier-places-farrow-point") == ["gb"]
    assert country("dossier-places-georgia") == ["gb"]  # not the country Georgia: it lies in another
    for place in ("luxembourg", "kernow"):  # a city; a country whose name is no country's
        entity_id = f"dossier-places-{place}"
        assert found[entity_id]["schema"] == "Address" and country(entity_id) is None
    assert country("dossier-organizations-tidewater-trust") == ["gb"]  # based in Farrowden
    winters = found["dossier-events-stormy-winters"]["properties"]  # at Farrow Point and in the country
    assert winters["country"] == ["gb"] and winters["addressEntity"] == ["dossier-places-farrow-point"]
    assert found["dossier-sources-harbour-gazette"]["properties"]["detectedCountry"] == ["gb"]


@pytest.mark.parametrize("name, code", [
    ("Russia", "ru"), ("Russian Federation", "ru"), ("the Russian Federation", "ru"), ("Россия", "ru"),
    ("Российская Федерация", "ru"), ("روسيا", "ru"), ("Iraq", "iq"), ("Republic of Iraq", "iq"),
    ("العراق", "iq"), ("Ирак", "iq"), ("Syrian Arab Republic", "sy"), ("Turkey", "tr"), ("Türkiye", "tr"),
    ("Côte d'Ivoire", "ci"), ("Cote d’Ivoire", "ci"), ("the Gambia", "gm"), ("Deutschland", "de"),
    ("Burma", "mm"), ("USA", "us")])
def test_country_names_in_english_other_languages_and_official_forms_give_the_code(name, code):
    assert country_codes().get(country_key(name)) == code


def test_the_country_table_holds_only_codes_followthemoney_knows_and_no_region():
    codes = country_codes()
    assert all(COUNTRY.clean(code) == code for code in set(codes.values()))
    for region in ("European Union", "United Nations", "Middle East", "Chechnya", "Kongo", "Unknown Region"):
        assert country_key(region) not in codes, region


def test_the_article_carries_the_sources_provenance(lighthouse):
    archive = "https://web.archive.org/web/20210315000000/https://coastal.example/last-night"
    append(lighthouse / "content/sources/coastal-review.yml",
           'url: "https://coastal.example/last-night"\nretrieved: 2021-03-14\ntruncated: true\n'
           "truncated_note: the page ended after two paragraphs\n"
           f'archived:\n  - url: "{archive}"\n    date: 2021-03-15\n  - url: "https://archive.today/abcde"\n')
    files = export_files(check(lighthouse, use_cache=False))
    found = lines(files)
    review = found["dossier-sources-coastal-review"]["properties"]
    digest = hashlib.sha256((lighthouse / "seeds/coastal-review.txt").read_bytes()).hexdigest()
    assert review["sourceUrl"] == ["https://coastal.example/last-night"]
    assert review["retrievedAt"] == ["2021-03-14"]
    assert review["language"] == ["en"] and "publisher" not in review  # the outlet is unknown
    notes = review["notes"]
    assert any("Translated from the language kw" in n and "human" in n for n in notes), notes
    assert any(n.startswith("Truncated") and "the page ended after two paragraphs" in n for n in notes), notes
    assert f"Archived copy: {archive}, taken 2021-03-15." in notes
    assert "Archived copy: https://archive.today/abcde." in notes
    assert f"SHA-256 of the stored text: {digest}." in notes
    wire = found["dossier-sources-wire-brief"]["properties"]
    assert wire["publisher"] == ["Farrowden Weekly"] and wire["author"] == ["Coast News Agency"]
    assert any("Coast News Agency" in n for n in wire["notes"])
    assert not any(n.startswith(("Translated", "Truncated", "Archived")) for n in wire["notes"])
    # the same in dossier.json and sources.csv
    source = next(s for s in json.loads(files["dossier.json"])["sources"] if s["id"] == "coastal-review")
    provenance = ("translated_from", "translation", "truncated", "truncated_note")
    note = "the page ended after two paragraphs"
    assert [source[name] for name in provenance] == ["kw", "human", True, note]
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(files["sources.csv"].decode("utf-8")))}
    row = rows["coastal-review"]
    assert [row[name] for name in provenance] == ["kw", "human", "true", note]
    assert row["archived"] == f"{archive} https://archive.today/abcde"
    assert row["archived_dates"] == "2021-03-15 unknown"  # one per copy, in the same order
    assert (rows["wire-brief"]["truncated"], rows["wire-brief"]["translated_from"]) == ("false", "")
    header = files["sources.csv"].decode("utf-8").splitlines()[0].split(",")
    assert header[:13] == ["id", "title", "outlet", "via", "published", "start", "end", "url", "language",
                           "retrieved", "archived", "sha256", "page"]  # the columns reusers know, in place


def test_the_followthemoney_file_is_the_same_bytes_on_every_run(lighthouse):
    first = export_files(check(lighthouse, use_cache=False))["entities.ftm.json"]
    assert export_files(check(lighthouse, use_cache=False))["entities.ftm.json"] == first
