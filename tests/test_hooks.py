"""The pre-commit hook and the GitHub workflow run commands that exist and work."""

import shlex

import yaml

from builder.cli import parser
from conftest import REPO, run_dossier


def dossier_commands(text: str) -> list[list[str]]:
    """Every `dossier ...` command line in a shell snippet, as its arguments."""
    found = []
    for line in text.splitlines():
        words = shlex.split(line)
        for i, word in enumerate(words):
            if word.endswith("dossier") and i + 1 < len(words):
                args = words[i + 1:]
                ends = [j for j, w in enumerate(args) if w in (">", ">>", "|", "&&", ";")]
                found.append(args[:ends[0]] if ends else args)
    return found


def test_the_pre_commit_hook_runs_dossier_check(lighthouse):
    (hook,) = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())
    assert hook["id"] == "dossier-check" and hook["pass_filenames"] is False
    assert hook["language"] == "python"
    args = shlex.split(hook["entry"])
    assert args[0] == "dossier"
    assert run_dossier(*args[1:], cwd=lighthouse).returncode == 0
    sheet = lighthouse / "content/people/wenna-trego.yml"
    sheet.write_text(sheet.read_text().replace("tidewater-trust", "nobody"))
    assert run_dossier(*args[1:], cwd=lighthouse).returncode == 1


def test_the_workflow_runs_real_commands_and_make_targets():
    workflow = yaml.safe_load((REPO / ".github/workflows/dossier.yml").read_text())
    assert "pull_request" in workflow[True]  # YAML 1.1 reads the key `on` as True
    runs = [step["run"] for job in workflow["jobs"].values() for step in job["steps"] if "run" in step]
    commands = [c for run in runs for c in dossier_commands(run)]
    assert {c[0] for c in commands} >= {"check", "build", "bundle", "diff"}
    for args in commands:  # every command and option parses
        parser().parse_args(args)
    makefile = (REPO / "Makefile").read_text()
    targets = [w[w.index("make") + 1] for w in map(shlex.split, runs) if "make" in w]
    assert "test" in targets
    for target in targets:
        assert f"\n{target}:" in makefile, target
