"""`dossier init`: a new dossier that builds with nothing else in its folder, and grows by
`dossier new-source`; the site configuration Dossier ships is used unless the dossier has
its own mkdocs.yml, which is merged over it."""

import json

import yaml

from conftest import run_dossier

ARTICLE = """Ferry service to the islands resumes

Island Courier
Wednesday, October 2nd, 2019

The ferry to Skerra sailed again on Tuesday after a six-week repair, the operator said.
"""


def test_a_new_dossier_builds_and_takes_a_source(tmp_path):
    folder = tmp_path / "new"
    done = run_dossier("init", str(folder))
    assert done.returncode == 0, done.stderr
    assert not (folder / "mkdocs.yml").exists()  # only what curators write, and what helps them
    for name in ("content/dossier.yml", "README.md", ".pre-commit-config.yaml", ".github/workflows/dossier.yml",
                 ".vscode/settings.json", "schemas/events.schema.json", ".gitignore"):
        assert (folder / name).is_file(), name
    for schema, pattern in json.loads((folder / ".vscode/settings.json").read_text())["yaml.schemas"].items():
        assert (folder / schema).is_file() and pattern.startswith("content/")
    hook = yaml.safe_load((folder / ".pre-commit-config.yaml").read_text())["repos"][0]["hooks"][0]
    assert hook["entry"] == "dossier check"

    built = run_dossier("build", cwd=folder)
    assert built.returncode == 0, built.stderr
    assert "New dossier" in (folder / "site/index.html").read_text()

    (folder / "seeds/ferry.txt").write_text(ARTICLE, encoding="utf-8")
    drafted = run_dossier("new-source", "seeds/ferry.txt", cwd=folder)
    assert drafted.returncode == 0, drafted.stderr
    built = run_dossier("build", cwd=folder)
    assert built.returncode == 0, built.stderr
    page = (folder / "site/sources/ferry-service-to-the-islands/index.html").read_text()
    assert "Island Courier" in page and "2 October 2019" in page


def test_init_never_writes_into_a_folder_that_holds_anything(tmp_path):
    (tmp_path / "notes.txt").write_text("mine")
    done = run_dossier("init", str(tmp_path))
    assert done.returncode == 2 and "is not an empty folder" in done.stderr
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]


def test_a_dossiers_mkdocs_yml_is_merged_over_the_shipped_one(tmp_path):
    folder = tmp_path / "new"
    run_dossier("init", str(folder))
    (folder / "mkdocs.yml").write_text("theme:\n  palette:\n    primary: teal\nextra_css: [assets/extra.css]\n")
    assert run_dossier("build", cwd=folder).returncode == 0
    config = yaml.safe_load((folder / "build/mkdocs.yml").read_text())
    assert config["theme"]["palette"] == {"primary": "teal"}  # a value replaced
    assert config["theme"]["font"] is False and "search.highlight" in config["theme"]["features"]  # merged
    assert config["extra_css"] == ["assets/extra.css", "assets/dossier.css"]  # Dossier's own stylesheet stays
