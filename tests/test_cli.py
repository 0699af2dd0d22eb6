
import pytest

from builder.cli import parser
from conftest import REPO, run_dossier

COMMANDS = ["build", "bundle", "check", "diff", "export", "new-source", "schema", "serve"]


def test_the_command_list_is_complete():
    subparsers = next(a for a in parser()._actions if a.dest == "command")
    assert sorted(subparsers.choices) == sorted(COMMANDS)


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_and_is_documented(command):
    result = run_dossier(command, "--help")
    assert result.returncode == 0 and "--root" in result.stdout
    assert f"dossier {command}" in (REPO / "README.md").read_text()


def test_check_reports_what_it_verified():
    result = run_dossier("check")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("ok: 5 sources, 71 entities,")


def test_a_mistyped_command_is_a_usage_error_not_a_traceback():
    result = run_dossier("biuld")
    assert result.returncode == 2 and "invalid choice" in result.stderr and "Traceback" not in result.stderr


def test_the_seeds_are_the_shared_articles_unchanged():
    shared = REPO.parent / "shared" / "seeds"
    if not shared.is_dir():
        pytest.skip("shared/ is not beside this checkout")
    for article in shared.iterdir():
        assert (REPO / "seeds" / article.name).read_bytes() == article.read_bytes()
