"""`dossier schema`: JSON Schemas of the fact sheets, generated from the model (model.py),
for editors with the YAML language server (completion and errors while typing)."""

from __future__ import annotations

import json
import os
from pathlib import Path

from .outputs import inputs_of, place_problem
from .model import MODELS, cited_fields

DRAFT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_DIR = "schemas"


def schemas() -> dict[str, dict]:
    """{file name: schema} for content/dossier.yml and each folder of sheets."""
    result = {}
    for kind, model in MODELS.items():
        schema = _long_forms(model, model.model_json_schema())
        where = "content/dossier.yml" if kind == "dossier" else f"content/{kind}/*.yml"
        result[f"{kind}.schema.json"] = {"$schema": DRAFT, **schema,
                                         "title": f"Dossier fact sheet: {where}"}
    return result


def _long_forms(model, schema: dict) -> dict:
    """The schema as sheets are written: a key fact short, or long with its citations
    (model.Cited); `fact_cites` is the builder's own and never written."""
    schema["properties"].pop("fact_cites", None)
    if not cited_fields(model):
        schema.get("$defs", {}).pop("FactCitation", None)
        return schema
    cite = {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/FactCitation"},
            "description": "where the fact comes from: sources with quotes, or external references"}
    for name, is_list, mapping in cited_fields(model):
        prop = schema["properties"][name]
        if mapping:
            target = prop.get("items", prop) if is_list else next(
                (a for a in prop.get("anyOf", [prop]) if "$ref" in a), prop)
            definition = schema["$defs"][target["$ref"].rsplit("/", 1)[1]]
            definition["properties"]["cite"] = cite
            continue
        short = prop["items"] if is_list else prop
        long = {"type": "object", "additionalProperties": False, "required": ["value"],
                "properties": {"value": short, "cite": cite}}
        if is_list:
            prop["items"] = {"anyOf": [short, long]}
        else:
            schema["properties"][name] = {"anyOf": [short, long],
                                          **{k: v for k, v in prop.items() if k in ("default", "title")}}
    return schema


def output_problem(folder: Path, root: Path) -> str | None:
    """Why the schemas may not be written into folder, or None: never the project itself, one
    of its parents or its inputs, never through a link, never over other files."""
    folder = Path(os.path.abspath(folder))
    problem = place_problem(folder, root, "--output", inputs_of(Path(os.path.abspath(root))))
    if problem:
        return problem
    if folder.exists() and not folder.is_dir():
        return f"--output {folder} is a file, not a folder"
    if folder.is_dir():
        others = sorted(p.name for p in folder.iterdir() if not p.name.endswith(".schema.json"))
        if others:
            return (f"--output {folder} holds other files ({', '.join(others[:3])}); give an empty "
                    "folder or one with only schemas")
    return None


def write_schemas(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, schema in schemas().items():
        path = folder / name
        text = json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
        if path.is_symlink() or (path.exists() and not path.is_file()):
            raise OSError(f"{path} is not a regular file")
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
