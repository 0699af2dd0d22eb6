"""`dossier schema`: JSON Schemas generated from the model, wired to editors by
.vscode/settings.json; they accept every sheet and reject structural mistakes."""

import fnmatch
import json

import jsonschema
import pytest
import yaml

from builder.export.schemas import schemas
from conftest import FIXTURES, REPO, run_dossier
from test_bad_input import CASES, edit

SETTINGS = json.loads((REPO / ".vscode/settings.json").read_text())["yaml.schemas"]


def schema_for(relative: str) -> dict:
    """The schema the editor settings give this file (path relative to the dossier root)."""
    (name,) = [s for s, pattern in SETTINGS.items() if fnmatch.fnmatch(relative, pattern)]
    return json.loads((REPO / name).read_text())


def problems(root, relative: str) -> list[str]:
    data = yaml.safe_load((root / relative).read_text())  # dates become text again below
    validator = jsonschema.Draft202012Validator(schema_for(relative))
    return [e.message for e in validator.iter_errors(json.loads(json.dumps(data, default=str)))]


def test_committed_schemas_are_what_the_model_generates(tmp_path):
    done = run_dossier("schema", "--output", str(tmp_path))
    assert done.returncode == 0, done.stderr
    generated = sorted(p.name for p in tmp_path.iterdir())
    assert generated == sorted(schemas()) == sorted(p.name for p in (REPO / "schemas").iterdir())
    for name in generated:
        assert (tmp_path / name).read_text() == (REPO / "schemas" / name).read_text(), \
            f"schemas/{name} is stale: run `dossier schema`"


@pytest.mark.parametrize("root", [REPO, FIXTURES / "lighthouse", FIXTURES / "hostile"],
                         ids=["bundled", "lighthouse", "hostile"])
def test_every_sheet_is_accepted(root):
    sheets = sorted(p.relative_to(root).as_posix() for p in (root / "content").rglob("*.yml"))
    assert len(sheets) > 5
    for relative in sheets:
        assert problems(root, relative) == [], relative


@pytest.mark.parametrize("case", ["unknown-field", "missing-field"])
def test_bad_input_fixtures_are_rejected(lighthouse, case):
    mutate, where, _ = CASES[case]
    mutate(lighthouse)
    assert problems(lighthouse, where.split(":")[0])


def test_a_wrong_type_and_a_bad_id_are_rejected(lighthouse):
    edit(lighthouse / "content/people/wenna-trego.yml", "aliases: []", "aliases: {first: Wenna}")
    assert problems(lighthouse, "content/people/wenna-trego.yml")
    edit(lighthouse / "content/places/farrowden.yml", "id: farrowden", "id: Farrow Den")
    assert problems(lighthouse, "content/places/farrowden.yml")
