"""`dossier init DIR`: a new, empty dossier that builds.

It holds only what its curators write and what helps them: content/dossier.yml to fill, the
folders, a README for the dossier's repository, editor settings with the sheets' JSON
Schemas, a pre-commit hook and a CI workflow. No mkdocs.yml: the site configuration Dossier
ships is used (a mkdocs.yml added later is merged over it). An existing folder that holds
anything is refused, so init never overwrites what it did not create, and so is a folder
inside another dossier's content/ or seeds/.
"""

from __future__ import annotations

import json
from pathlib import Path

from ..read.load import DOSSIER_FILE
from ..model.sheets import ENTITY_KINDS
from ..core.outputs import refuse
from ..export.schemas import SCHEMA_DIR, write_schemas

DOSSIER_YML = """\
# The dossier as a whole: shown on the home page. Replace the title and the summary.
title: New dossier
summary: >-
  What this dossier documents, in two or three sentences: the event, the period, and the
  sources it gathers.
language: en
# key_events: [event-id, ...]   the events the home page shows first
# start_here: [entity-id, ...]  the pages a new reader should open first
# What a source page shows of its article. "excerpts": the passages the dossier cites, in
# their sentences, with a link to the original: the articles belong to their outlets, and
# quoting with attribution is ordinary practice where republishing them is not. "full":
# every text whole, for texts you may republish (or `dossier build --publication full` for
# the team's own copy).
publication: excerpts
"""

README = """\
# {title}

A dossier built with Dossier {version}: fact sheets in `content/`, the articles they cite
in `seeds/`, and a website built from both.

## Add a source

1. Save the article's text, unchanged, as `seeds/<name>.txt`.
2. `dossier new-source seeds/<name>.txt` writes a draft sheet in `content/sources/` and
   lists the names the article mentions; confirm what it detected.
3. Write sheets for the people, places, organizations and events, each fact with a
   citation: the source's id and a quote copied exactly from the article
   (`dossier quote <source> "some words"` prints the exact wording, ready to paste).

## Check and build

- `dossier check` verifies every quote against its article and every reference.
- `dossier build` builds the website into `site/`; `dossier serve` previews it.
- `dossier bundle` makes an offline copy (one zip) that opens without a network.
- `dossier diff main` shows what a pull request changes in the dossier.

Each pull request is checked by `.github/workflows/dossier.yml`; `pre-commit install`
runs `dossier check` before each commit (`.pre-commit-config.yaml`).
"""

PRE_COMMIT = """\
# pre-commit install: `dossier check` before each commit that touches the dossier.
repos:
  - repo: local
    hooks:
      - id: dossier-check
        name: dossier check
        entry: dossier check
        language: system
        pass_filenames: false
        files: ^(content|seeds)/|^mkdocs\\.yml$
"""

WORKFLOW = """\
# On every pull request: check the dossier (annotations on the changed sheets), build the
# site and the offline copy, and show what the pull request changes in the job summary.
name: dossier
on:
  pull_request:
  push:
    branches: [main]
jobs:
  check-and-build:
    runs-on: ubuntu-24.04
    steps:
      - uses: actions/checkout@v4
        with:
          fetch-depth: 0
      - uses: actions/setup-python@v5
        with:
          python-version: "3.11"
      - name: Install Dossier
        # Set the repository variable DOSSIER_PACKAGE to where Dossier is installed from: a
        # pip requirement pinned to the version this dossier is built with (made with {version}),
        # such as a Git URL with a tag.
        env:
          DOSSIER_PACKAGE: ${{{{ vars.DOSSIER_PACKAGE }}}}
        run: |
          if [ -z "$DOSSIER_PACKAGE" ]; then
            echo "::error::Set the repository variable DOSSIER_PACKAGE (Settings, Variables) to the pip requirement that installs Dossier"
            exit 1
          fi
          pip install "$DOSSIER_PACKAGE"
      - name: Check
        run: dossier check --format github
      - name: Build the site
        run: dossier build
      - name: Build the offline copy
        run: dossier bundle --output dist/
      - name: What the pull request changes in the dossier
        if: github.event_name == 'pull_request'
        env:
          BASE_REF: ${{{{ github.base_ref }}}}
        run: dossier diff "origin/$BASE_REF" >> "$GITHUB_STEP_SUMMARY"
      - uses: actions/upload-artifact@v4
        with:
          name: offline-copy
          path: dist/*.zip
"""

GITIGNORE = "/build/\n/site/\n/dist/\n"


def inputs_holding(folder: Path) -> Path | None:
    """The content/ or seeds/ of a dossier that holds folder (or is it), if any: a dossier
    made there would be read as the outer one's sheets or published as its articles."""
    for inner in (folder.resolve(), *folder.resolve().parents):
        if inner.name in ("content", "seeds") and (inner.parent / "content" / DOSSIER_FILE).is_file():
            return inner
    return None


def init(folder: Path) -> list[Path]:
    """Create the dossier; the files written. Raises FileExistsError for a folder that holds
    anything, or a file in the way; DossierError for a folder inside another dossier's inputs."""
    from .. import __version__

    inputs = inputs_holding(folder)
    if inputs is not None:
        refuse(f"this folder is inside {inputs.name}/ of the dossier in {inputs.parent}, which would "
               "read it as its own; make the new dossier in a folder outside that one, e.g. beside it",
               folder)
    if folder.is_symlink() or (folder.exists() and (not folder.is_dir() or any(folder.iterdir()))):
        raise FileExistsError(f"{folder} already exists and is not an empty folder; "
                              "choose a new folder for the new dossier")
    folder.mkdir(parents=True, exist_ok=True)
    files = {
        "content/dossier.yml": DOSSIER_YML,
        **{f"content/{kind}/.gitkeep": "" for kind in (*ENTITY_KINDS, "sources")},
        "seeds/.gitkeep": "",
        "README.md": README.format(title="New dossier", version=__version__),
        ".gitignore": GITIGNORE,
        ".pre-commit-config.yaml": PRE_COMMIT,
        ".github/workflows/dossier.yml": WORKFLOW.format(version=__version__),
        ".vscode/settings.json": json.dumps({"yaml.schemas": {
            f"./{SCHEMA_DIR}/{kind}.schema.json": f"content/{kind}/*.yml" if kind != "dossier" else "content/dossier.yml"
            for kind in ("dossier", "sources", *ENTITY_KINDS)}}, indent=2) + "\n",
    }
    written = []
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written + write_schemas(folder / SCHEMA_DIR)
