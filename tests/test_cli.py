
import pytest

from builder.cli import parser
from conftest import REPO, append, edit, run_dossier

COMMANDS = ["build", "bundle", "check", "diff", "export", "init", "new-source", "quote", "schema", "serve", "suggest"]


def test_the_command_list_is_complete():
    subparsers = next(a for a in parser()._actions if a.dest == "command")
    assert sorted(subparsers.choices) == sorted(COMMANDS)


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_and_is_documented(command):
    result = run_dossier(command, "--help")
    assert result.returncode == 0 and ("--root" in result.stdout) != (command == "init")  # init makes the root
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
        pytest.skip(f"the original articles are not at {shared} (the project's shared folder beside this "
                    "checkout): nothing to compare seeds/ with; to run this test, put them there")
    for article in shared.iterdir():
        assert (REPO / "seeds" / article.name).read_bytes() == article.read_bytes()


def cite_with(project, pasted: str) -> None:
    """Add a claim to a sheet whose citation is what `dossier quote` said to paste."""
    cite = "\n".join("      " + line.strip() if not line.strip().startswith("- ") else "    " + line.strip()
                     for line in pasted.splitlines())
    append(project / "content/places/farrow-point.yml", f"  - statement: Pasted.\n    cite:\n{cite}\n")


def test_quote_prints_the_exact_passage_ready_to_paste(lighthouse):
    result = run_dossier("quote", "--root", str(lighthouse), "harbour-gazette", "lit every night since 1884")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "seeds/harbour-gazette.txt, line 10: paragraph anchor #line-10" in out
    assert "Penhallow, 71, said the tower had been lit every night since 1884 … except" in out  # the sentence
    pasted = out.split("paste under cite:")[1].split("\n", 1)[1]
    assert [line.strip() for line in pasted.strip().splitlines()] == [
        "- source: harbour-gazette", "quote: lit every night since 1884"]
    cite_with(lighthouse, pasted)
    assert run_dossier("check", "--root", str(lighthouse)).returncode == 0


def test_quote_shows_the_articles_wording_of_words_it_does_not_have(lighthouse):
    # and works while the dossier has an error elsewhere: the very quote being fixed
    edit(lighthouse / "content/places/farrow-point.yml", "id: farrow-point", "id: farrow-point\nbogus: 1")
    result = run_dossier("quote", "--root", str(lighthouse), "seeds/harbour-gazette.txt",
                         "the light will be automated by the end of summer")
    assert result.returncode == 1
    assert ("line 8 reads: “the light would be automated by the end of the summer” (the quote has “will” where "
            "the article has “would”; no “the”, which the article has there)") in result.stdout
    edit(lighthouse / "content/places/farrow-point.yml", "bogus: 1\n", "")
    cite_with(lighthouse, result.stdout.split("paste under cite:")[1].split("\n", 1)[1])
    assert run_dossier("check", "--root", str(lighthouse)).returncode == 0


def test_quote_names_the_sources_when_the_source_is_unknown(lighthouse):
    result = run_dossier("quote", "--root", str(lighthouse), "harbor-gazette", "lamp")
    assert result.returncode == 2
    assert "'harbor-gazette' is neither a source id nor the file of one" in result.stderr
    assert "harbour-gazette" in result.stderr and "Traceback" not in result.stderr


def test_a_reader_that_stops_early_ends_the_command_quietly(lighthouse):
    """`dossier check --format json | head`: once the reader has gone, the command stops
    with the shell's code for a broken pipe, without a traceback or advice about folders."""
    import subprocess
    import sys

    for n in range(600):  # 600 entities nothing cites: a warning each, more than a pipe holds
        (lighthouse / f"content/people/extra-{n:03}.yml").write_text(
            f"id: extra-{n:03}\nname: Extra Person {n:03}\ndescription: Someone.\n", encoding="utf-8")
    process = subprocess.Popen([sys.executable, "-m", "builder", "check", "--root", str(lighthouse),
                                "--format", "json"], cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert process.stdout.read(100).startswith(b"{")
    process.stdout.close()
    with process.stderr:
        stderr = process.stderr.read().decode()
    assert process.wait(timeout=120) == 141
    assert "Traceback" not in stderr and "cannot write" not in stderr


def test_commands_outside_a_dossier_say_so_and_write_nothing(tmp_path):
    """A newcomer in the wrong folder: schema does not create schemas/ there, diff says the
    folder is not a Git repository, quote says there are no sources (not "none"), and a failed
    build or bundle does not speak of a previous site or zip that never existed."""
    schema = run_dossier("schema", cwd=tmp_path)
    assert schema.returncode == 2 and "no content/ folder here" in schema.stderr
    diff = run_dossier("diff", "HEAD", cwd=tmp_path)
    assert diff.returncode == 1 and "is not in a Git repository" in diff.stderr and "git init" in diff.stderr
    quote = run_dossier("quote", "x", "words", cwd=tmp_path)
    assert quote.returncode == 2 and "no source yet" in quote.stderr and "none" not in quote.stderr
    for command in ("build", "bundle"):
        failed = run_dossier(command, cwd=tmp_path)
        assert failed.returncode == 1 and failed.stderr.rstrip().endswith("1 error; nothing was written")
    assert list(tmp_path.iterdir()) == []
