"""`dossier schema`: JSON Schemas of the fact sheets, generated from the model (model.py),
for editors with the YAML language server (completion and errors while typing)."""

from __future__ import annotations

import json
from pathlib import Path

from .model import MODELS

DRAFT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_DIR = "schemas"


def schemas() -> dict[str, dict]:
    """{file name: schema} for content/dossier.yml and each folder of sheets."""
    result = {}
    for kind, model in MODELS.items():
        schema = model.model_json_schema()
        where = "content/dossier.yml" if kind == "dossier" else f"content/{kind}/*.yml"
        result[f"{kind}.schema.json"] = {"$schema": DRAFT, **schema,
                                         "title": f"Dossier fact sheet: {where}"}
    return result


def write_schemas(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, schema in schemas().items():
        path = folder / name
        text = json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
