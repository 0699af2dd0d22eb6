"""Every text field of every kind of sheet, found from the model itself, carries HTML, script
and Markdown payloads at once; the built site has no element, attribute or address that
could run or load anything from them, and shows each payload as text.

A field added to the model later is covered without changing this test: the fields are
found by looking for the text type's validator (`names.check_text`) in the model.
"""

from __future__ import annotations

import json
import typing
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from builder.model.sheets import MODELS, Citation, Claim, FactCitation, Figure, Role, Sheet
from builder.model.names import check_text
from builder.commands.build import Project, build
from conftest import REPO

pytestmark = pytest.mark.slow

PAYLOAD = ('<script>alert(1)</script><img src=x onerror=alert(2)>[l](javascript:alert(3))'
           '{: onclick="alert(4)" } ![i](https://tracker.invalid/p.png) <!-- `x` *y* | z')
SEED_NAME = "<b onmouseover=alert(5)>[x](javascript:alert(6)).txt"
URL = "https://example.org/a_(b)[c](javascript:alert(7))!x"


class _Plain(yaml.SafeDumper):
    def ignore_aliases(self, data):  # sheets may not use anchors: write shared values out
        return True


def dump(data: dict) -> str:
    return yaml.dump(data, Dumper=_Plain, allow_unicode=True)


def _has_text(annotation: object) -> bool:
    if typing.get_origin(annotation) is typing.Annotated:
        if any(getattr(m, "func", None) is check_text for m in annotation.__metadata__):
            return True
        return _has_text(typing.get_args(annotation)[0])
    return any(_has_text(a) for a in typing.get_args(annotation))


def text_fields(model: type[Sheet]) -> set[str]:
    return {name for name, info in model.model_fields.items()
            if any(getattr(m, "func", None) is check_text for m in info.metadata) or _has_text(info.annotation)}


def fill(model: type[Sheet], tag: str, base: dict, filled: set) -> dict:
    """base with every text field of model set to the payload (tagged, so names stay unique)."""
    result = dict(base)
    for name in text_fields(model):
        if (model, name) in {(MODELS["sources"], "file"), (MODELS["sources"], "url")}:
            continue
        if (model.__name__, name) == ("Claim", "difference"):
            continue  # its text names another claim's value: filled by claims() below
        if name == "private_note":
            continue  # only with private: true, and then never published (test_private.py)
        value = f"{PAYLOAD} {tag} {name}"
        origin = typing.get_origin(model.model_fields[name].annotation)
        result[name] = [value] if origin is list else {f"{value} label": value} if origin is dict else value
        filled.add((model.__name__, name))
    if "exact_names" in result:  # must repeat a name of the sheet
        result["exact_names"] = [result["name"]]
    return result


def write_dossier(root: Path) -> set:
    filled: set = set()
    for folder in ("sources", "people", "places", "organizations", "events"):
        (root / "content" / folder).mkdir(parents=True)
    (root / "seeds").mkdir()
    quote = f"{PAYLOAD} quoted"
    (root / "seeds" / SEED_NAME).write_text(f"Headline\n\n{quote} by the article.\n", encoding="utf-8")
    (root / "mkdocs.yml").write_text((REPO / "mkdocs.yml").read_text(encoding="utf-8"), encoding="utf-8")

    def claims(tag: str) -> list[dict]:
        """A claim with every text field, split into a property claim and a statement claim."""
        cite = fill(Citation, tag, {"source": "src"}, filled)
        cite["quote"] = quote  # must be in the article
        figure = fill(Figure, tag, {"exact": 1}, filled)
        full = fill(Claim, tag, {"cite": [cite], "quantity": figure}, filled)
        # another source's value of the property, stating the kind of its difference with the first
        other = {"property": full["property"], "value": f"another {tag} value", "difference": {full["value"]: "conflict"},
                 "cite": [{"source": "src2", "quote": quote}]}
        filled.add(("Claim", "difference"))
        return [{k: v for k, v in full.items() if k != "statement"},
                {k: v for k, v in full.items() if k not in ("property", "value", "breakdown", "quantity")}, other]

    def sheet(kind: str, base: dict, tag: str) -> None:
        data = fill(MODELS[kind], tag, base, filled)
        (root / "content" / kind / f"{base['id']}.yml").write_text(dump(data),
                                                                   encoding="utf-8")

    sheet("sources", {"id": "src", "published": "2020-01-01", "language": "en", "file": SEED_NAME,
                      "url": URL, "outlet": "x", "title": "x", "truncated": True}, "source")
    sheet("sources", {"id": "src2", "published": "2020-01-02", "language": "en", "file": SEED_NAME,
                      "outlet": "y", "title": "y"}, "source2")
    sheet("organizations", {"id": "org", "claims": claims("org")}, "org")
    sheet("places", {"id": "plc", "within": None, "claims": claims("plc")}, "plc")
    role = fill(Role, "role", {"organization": "org"}, filled)
    sheet("people", {"id": "per", "roles": [role], "claims": claims("per")}, "per")
    external = fill(FactCitation, "evt", {}, filled)  # a key fact's external reference
    external = {"url": "https://example.org/reference", "note": external["note"]}
    date = {"value": "2020-01-01", "cite": [{"source": "src", "quote": quote}, external]}
    sheet("events", {"id": "evt", "date": date, "places": ["plc"], "participants": ["per", "org"],
                     "claims": claims("evt")}, "evt")
    dossier = fill(MODELS["dossier"], "dossier", {"key_events": ["evt"], "start_here": ["per"], "publication": "full"}, filled)
    (root / "content/dossier.yml").write_text(dump(dossier), encoding="utf-8")
    for path in root.rglob("*.yml"):  # None is written as null: drop unset references
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        path.write_text(dump({k: v for k, v in data.items() if v is not None}),
                        encoding="utf-8")
    return filled


class Scan(HTMLParser):
    """What in a page could run or load something, and the page's visible text."""

    RUNNABLE = {"img", "iframe", "object", "embed", "audio", "video", "frame", "base"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self.text: list[str] = []
        self.in_script = self.json_ld = False

    def handle_starttag(self, tag, attrs):
        self.in_script = tag == "script"
        self.json_ld = tag == "script" and dict(attrs).get("type") in ("application/ld+json", "application/json")
        if tag in self.RUNNABLE:
            self.found.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}>")
            if value and value.strip().lower().startswith(("javascript:", "data:", "vbscript:")):
                self.found.append(f"<{tag} {name}={value}>")
            if name in ("href", "src") and value and "tracker.invalid" in value and tag != "a":
                self.found.append(f"<{tag} {name}={value}>")

    def handle_endtag(self, tag):
        if tag == "script":
            self.in_script = False

    def handle_data(self, data):
        if self.in_script and self.json_ld:  # data, never run: it must stay one JSON document
            json.loads(data)
        elif self.in_script and "alert(" in data:
            self.found.append(f"script: {data[:60]}")
        elif not self.in_script:
            self.text.append(data)


def test_every_text_field_of_every_sheet_stays_text(tmp_path):
    root = tmp_path / "dossier"
    filled = write_dossier(root)
    expected = {(m.__name__, f) for m in (*MODELS.values(), Claim, Citation, Role, FactCitation, Figure)
                for f in text_fields(m)}
    assert filled == {(m, f) for m, f in expected if f != "private_note"} - {("Source", "file"), ("Source", "url")}  # tested on their own
    filled -= {("FactCitation", "url"), ("FactCitation", "quote")}  # an address and the article's text
    assert len(filled) >= 20
    build(Project(root))
    pages = sorted((root / "site").rglob("*.html"))
    seen_text = []
    for page in pages:
        scan = Scan()
        scan.feed(page.read_text(encoding="utf-8"))
        assert scan.found == [], (page.relative_to(root), scan.found)
        seen_text.append(" ".join(scan.text))
    everything = "\n".join(" ".join(t.split()) for t in seen_text)
    shown = " ".join(PAYLOAD.split())
    for model, field in sorted(filled):
        if (model, field) in (("Citation", "quote"), ("Figure", "unit"), ("Claim", "difference")) \
                or field == "exact_names":
            continue  # the quote is the article's text, shown below; exact_names repeat the name, a difference's
            # key another claim's value (shown as that value); a unit is not shown
        tag = {"Source": "source", "Dossier": "dossier", "Role": "role"}.get(model)
        if tag:
            assert f"{shown} {tag} {field}" in everything, (model, field)
        else:
            assert any(f"{shown} {t} {field}" in everything for t in ("org", "plc", "per", "evt")), (model, field)
    assert f"{shown} quoted" in everything
    raw = root / "site/sources/raw/src.txt"
    assert raw.read_text(encoding="utf-8").startswith("Headline")
    assert not [p for p in (root / "site").rglob("*") if "onmouseover" in p.name]
