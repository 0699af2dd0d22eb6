"""`dossier schema`: JSON Schemas of the fact sheets, generated from the model (model.py),
for editors with the YAML language server (completion and errors while typing)."""

from __future__ import annotations

import json
from pathlib import Path

from ..core.outputs import files_folder_problem, write_files
from ..model.sheets import MODELS, cited_fields

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
    """Why the schemas may not be written into folder, or None (outputs.files_folder_problem)."""
    return files_folder_problem(folder, root, lambda name: name.endswith(".schema.json"))


def write_schemas(folder: Path) -> list[Path]:
    return write_files(folder, {name: (json.dumps(schema, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
                                for name, schema in schemas().items()})
