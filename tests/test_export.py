"""`dossier export` and the Data page: the dossier as open data, each file read back with
the library or schema its users would read it with, and the same bytes on every run."""

import csv
import io
import json

import jsonschema
import pytest

from builder.resolve.dossier import check
from builder.export.opendata import FILES, export_files
from conftest import REPO, edit, run_dossier

# TimelineJS's documented JSON format (timeline.knightlab.com/docs/json-format.html), the parts used.
TIMELINEJS = {
    "type": "object", "required": ["events"],
    "properties": {
        "title": {"type": "object", "properties": {"text": {"$ref": "#/$defs/text"}}},
        "events": {"type": "array", "items": {
            "type": "object", "required": ["start_date"],
            "properties": {"start_date": {"$ref": "#/$defs/date"}, "end_date": {"$ref": "#/$defs/date"},
                           "text": {"$ref": "#/$defs/text"}, "unique_id": {"type": "string"}}}}},
    "$defs": {
        "date": {"type": "object", "required": ["year"],
                 "properties": {"year": {"type": "string", "pattern": "^-?[0-9]+$"},
                                "month": {"type": "string", "pattern": "^([1-9]|1[0-2])$"},
                                "day": {"type": "string", "pattern": "^([1-9]|[12][0-9]|3[01])$"},
                                "display_date": {"type": "string"}}},
        "text": {"type": "object", "properties": {"headline": {"type": "string"}, "text": {"type": "string"}}}},
}


@pytest.fixture(scope="module")
def exported():
    return export_files(check(REPO, use_cache=False))


def test_export_writes_every_file_and_two_runs_give_the_same_bytes(tmp_path):
    first, second = tmp_path / "one", tmp_path / "two"
    for folder in (first, second):
        done = run_dossier("export", "--output", str(folder))
        assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in first.iterdir()) == sorted(FILES)
    for name in FILES:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name


def test_export_refuses_a_folder_holding_other_files(tmp_path):
    (tmp_path / "notes.txt").write_text("mine")
    done = run_dossier("export", "--output", str(tmp_path))
    assert done.returncode == 1 and "holds other files (notes.txt)" in done.stderr
    assert (tmp_path / "notes.txt").read_text() == "mine" and len(list(tmp_path.iterdir())) == 1


def test_the_json_passes_its_schema_and_holds_claims_quotes_and_differences(exported):
    data = json.loads(exported["dossier.json"])
    schema = json.loads(exported["dossier.schema.json"])
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(data, schema)
    resolved = check(REPO, use_cache=False)
    assert len(data["entities"]) == len(resolved.entities)
    assert len(data["claims"]) == sum(len(e.claims) for e in resolved.entities.values())
    conflict = next(d for d in data["differences"] if d["kind"] == "conflict")
    assert conflict["property"] == "age range of the children" and set(conflict["values"]) == {"3 to 10", "3 to 15"}
    flight = next(e for e in data["entities"] if e["id"] == "first-repatriation-flight")
    date = next(f for f in flight["facts"] if f["field"] == "date")
    assert date["value"] == "2018-12-30" and date["citations"][0]["paragraph"].startswith("line-")
    moscow = next(e for e in data["entities"] if e["id"] == "moscow")
    coordinates = next(f for f in moscow["facts"] if f["field"] == "coordinates")
    assert coordinates["citations"] == [{"external": "geonames", "address": "https://www.geonames.org/524901",
                                         "note": "GeoNames: the coordinates of Moscow", "source": None,
                                         "quote": None, "paragraph": None, "line": None}]
    # a claim's citation points at a paragraph that exists on its source page
    claim = data["claims"][0]
    article = resolved.articles[claim["citations"][0]["source"]]
    assert claim["citations"][0]["paragraph"] in {p.anchor for p in article.paragraphs}


def test_the_csv_tables_read_back_with_one_row_per_citation(exported):
    rows = lambda name: list(csv.DictReader(io.StringIO(exported[name].decode("utf-8"))))
    resolved = check(REPO, use_cache=False)
    claims = rows("claims.csv")
    assert len(claims) == sum(len(c.citations) for e in resolved.entities.values() for c in e.claims)
    assert {r["source"] for r in claims} == set(resolved.articles)
    events = {r["id"]: r for r in rows("events.csv")}
    assert events["fsb-train-plot-arrests"]["precision"] == "month"
    assert (events["fsb-train-plot-arrests"]["start"], events["fsb-train-plot-arrests"]["end"]) == ("2019-07-01", "2019-07-31")
    assert len(rows("entities.csv")) == len(resolved.entities) and len(rows("sources.csv")) == len(resolved.articles)


def test_the_followthemoney_entities_are_valid_and_link_to_each_other(exported):
    followthemoney = pytest.importorskip("followthemoney")  # a test dependency (pyproject)
    ids, refs, schemata = set(), [], set()
    for line in exported["entities.ftm.json"].decode("utf-8").splitlines():
        data = json.loads(line)
        proxy = followthemoney.model.get_proxy(data, cleaned=False)  # an unknown schema or property raises
        ids.add(proxy.id)
        schemata.add(proxy.schema.name)
        for name, values in data["properties"].items():
            prop = proxy.schema.get(name)
            for value in values:
                assert prop.type.clean(value, proxy=proxy) is not None, (data["schema"], name, value)
                if prop.type.name == "entity":
                    refs.append(value)
    assert set(refs) <= ids  # every reference (involved, document, resolved, proof...) is in the file
    # people's roles link them to organizations (tests/test_export_ftm.py has the rest)
    assert schemata == {"Person", "Organization", "Address", "Event", "Article", "Mention", "Directorship",
                        "Employment", "Membership"}


def test_the_geojson_is_valid_and_holds_every_place_with_coordinates(exported):
    geojson = pytest.importorskip("geojson")
    collection = geojson.loads(exported["places.geojson"].decode("utf-8"))
    assert collection.is_valid, collection.errors()
    resolved = check(REPO, use_cache=False)
    placed = {e.id for e in resolved.by_kind("places") if e.sheet.coordinates}
    assert {f["id"] for f in collection["features"]} == placed
    moscow = next(f for f in collection["features"] if f["id"] == "moscow")
    assert moscow["geometry"]["coordinates"] == [37.6178, 55.752]  # longitude first


def test_the_timeline_follows_timelinejs_and_a_month_spans_the_month(exported):
    data = json.loads(exported["timeline.json"])
    jsonschema.validate(data, TIMELINEJS)
    arrests = next(e for e in data["events"] if e["unique_id"] == "fsb-train-plot-arrests")
    assert arrests["start_date"] | {"display_date": None} == {"year": "2019", "month": "7", "day": "1", "display_date": None}
    assert arrests["end_date"] == {"year": "2019", "month": "7", "day": "31"}
    assert arrests["start_date"]["display_date"] == "July 2019"
    resolved = check(REPO, use_cache=False)
    assert len(data["events"]) == sum(1 for e in resolved.by_kind("events") if e.sheet.date.known)


def test_hostile_text_stays_text_in_the_exports(lighthouse):
    payload = '</script><script>alert(1)</script>"},{"x":"'
    edit(lighthouse / "content/people/wenna-trego.yml", "name: Wenna Trego", f"name: '{payload}'")
    files = export_files(check(lighthouse, use_cache=False))
    data = json.loads(files["dossier.json"])
    assert next(e for e in data["entities"] if e["id"] == "wenna-trego")["name"] == payload
    people = list(csv.DictReader(io.StringIO(files["entities.csv"].decode("utf-8"))))
    assert next(r for r in people if r["id"] == "wenna-trego")["name"] == payload


@pytest.mark.slow
def test_the_data_page_links_every_file_published_with_the_site(lighthouse):
    from builder.commands.build import Project, build

    build(Project(lighthouse))
    page = (lighthouse / "site/data/index.html").read_text(encoding="utf-8")
    files = export_files(check(lighthouse, use_cache=False))
    for name in FILES:
        assert f'href="{name}"' in page
        assert (lighthouse / "site/data" / name).read_bytes() == files[name]
    assert 'href="data/"' in (lighthouse / "site/index.html").read_text(encoding="utf-8")  # in the navigation


@pytest.mark.slow
def test_each_page_describes_itself_in_json_ld_that_no_name_can_break_out_of(lighthouse):
    import re

    from builder.commands.build import Project, build

    payload = "</script><script>alert(1)</script><!--"
    edit(lighthouse / "content/people/wenna-trego.yml", "name: Wenna Trego", f"name: '{payload}'")
    build(Project(lighthouse))
    pages = sorted((lighthouse / "site").glob("*/*/index.html"))
    found = {}
    for page in pages:
        html = page.read_text(encoding="utf-8")
        blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
        if blocks:
            (block,) = blocks
            found[page.parent.relative_to(lighthouse / "site").as_posix()] = json.loads(block)
        assert "<script>alert" not in html, page
    assert found["people/wenna-trego"]["@type"] == "Person" and found["people/wenna-trego"]["name"] == payload
    assert found["places/farrow-point"]["geo"] == {"@type": "GeoCoordinates", "latitude": 50.1, "longitude": -5.5}
    event = found["events/lamp-switched-off"]
    assert (event["@type"], event["startDate"], event["endDate"]) == ("Event", "2021-03-12", "2021-03-12")
    assert {c["headline"] for c in event["citation"]} == {"Keeper leaves Farrow Point light after forty years"}
    assert found["sources/harbour-gazette"]["@type"] == "NewsArticle"
    assert found["sources/harbour-gazette"]["publisher"] == {"@type": "Organization", "name": "Harbour Gazette"}
