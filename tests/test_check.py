"""`dossier check` for hooks and CI: formats (text, GitHub annotations, JSON), reviewer
warnings, --strict."""

import json
import os
import shutil

import pytest
from conftest import append, edit, git, run_dossier


def test_github_format_annotates_the_broken_reference_at_its_place(lighthouse):
    sheet = lighthouse / "content/people/wenna-trego.yml"
    sheet.write_text(sheet.read_text().replace("organization: tidewater-trust", "organization: tidewater trusts"))
    done = run_dossier("check", "--format", "github", cwd=lighthouse)
    assert done.returncode == 1
    lines = done.stdout.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("::error file=content/people/wenna-trego.yml,line=7,col=19,"
                               "title=unknown-reference::'tidewater trusts' is not an organization id")


def test_json_format_lists_every_diagnostic_with_its_place(lighthouse):
    sheet = lighthouse / "content/people/wenna-trego.yml"
    sheet.write_text(sheet.read_text().replace("organization: tidewater-trust", "organization: nobody"))
    done = run_dossier("check", "--root", str(lighthouse), "--format", "json")
    report = json.loads(done.stdout)
    assert done.returncode == 1 and report["ok"] is False and report["errors"] == 1
    (d,) = report["diagnostics"]
    assert (d["file"], d["line"], d["column"], d["level"], d["code"]) == (
        "content/people/wenna-trego.yml", 7, 19, "error", "unknown-reference")


def make_reviewable(root):
    """Three things a reviewer should hear about, in an otherwise valid dossier."""
    (root / "content/places/lonely-rock.yml").write_text(
        "id: lonely-rock\nname: Lonely Rock\naliases: []\ndescription: A rock nobody mentions.\n")
    (root / "seeds/unused.txt").write_text("An unused article\n\nNothing in it is quoted.\n")
    (root / "content/sources/unused.yml").write_text(
        "id: unused\ntitle: An unused article\noutlet: unknown\noutlet_note: Made up.\n"
        "published: 2021-04\nlanguage: en\nfile: unused.txt\nfurniture: [1]\n")
    seed = root / "seeds/coastal-review.txt"
    seed.write_text(seed.read_text() + "\nThey trust the new light.\n")


def test_warnings_name_what_a_reviewer_should_look_at_and_strict_fails_on_them(lighthouse):
    make_reviewable(lighthouse)
    done = run_dossier("check", "--root", str(lighthouse), "--format", "json")
    assert done.returncode == 0, done.stdout
    report = json.loads(done.stdout)
    found = {(d["code"], d["file"], d["line"]) for d in report["diagnostics"]}
    assert found == {
        ("uncited-entity", "content/places/lonely-rock.yml", 2),
        ("uncited-source", "content/sources/unused.yml", 1),
        ("common-word-alias", "content/organizations/tidewater-trust.yml", 3),
    }
    text = run_dossier("check", "--root", str(lighthouse))
    assert text.returncode == 0 and "3 warnings" in text.stdout
    assert "content/organizations/tidewater-trust.yml:3:11: warning: alias 'Trust' is also the common word 'trust'" in text.stderr
    strict = run_dossier("check", "--root", str(lighthouse), "--strict")
    assert strict.returncode == 1 and strict.stdout.startswith("failed:")


def test_single_source_claims_are_flagged_on_request(lighthouse):
    plain = json.loads(run_dossier("check", "--root", str(lighthouse), "--format", "json").stdout)
    assert not [d for d in plain["diagnostics"] if d["code"] == "single-source"]
    asked = json.loads(run_dossier("check", "--root", str(lighthouse), "--format", "json",
                                   "--single-source").stdout)
    flagged = {(d["file"], d["line"]) for d in asked["diagnostics"] if d["code"] == "single-source"}
    # e.g. Penhallow's "lit every night since 1884" cites the Gazette only; the Review names
    # him too. His 40 and 38 years are not flagged: they are two sides of a disagreement.
    assert flagged == {("content/people/osric-penhallow.yml", 22),
                       ("content/organizations/tidewater-trust.yml", 12),  # the wire copy's claim
                       ("content/organizations/tidewater-trust.yml", 16),
                       ("content/places/farrowden.yml", 7),
                       ("content/places/farrow-point.yml", 18)}  # the caption: the Review names the point


def test_a_sheet_edited_after_a_check_is_read_again(lighthouse):
    """The sheet cache (build/cache/) never hides an edit, and positions in cached sheets
    stay right."""
    assert run_dossier("check", cwd=lighthouse).returncode == 0
    assert (lighthouse / "build/cache/sheets.marshal").is_file()
    sheet = lighthouse / "content/people/wenna-trego.yml"
    sheet.write_text(sheet.read_text().replace("organization: tidewater-trust", "organization: nobody"))
    done = run_dossier("check", cwd=lighthouse)
    assert done.returncode == 1
    assert "content/people/wenna-trego.yml:7:19: error: 'nobody' is not an organization id" in done.stderr
    sheet.write_text(sheet.read_text().replace("organization: nobody", "organization: tidewater-trust"))
    assert run_dossier("check", cwd=lighthouse).returncode == 0


# The memo of the last check (builder/commands/checkmemo.py): a hook runs check again and again.

def _check(root, monkeypatch, capsys, *args):
    """`dossier check` in this process: its exit code, its report (stdout and stderr, without
    the seconds it took) and whether the dossier was checked or the last report given again."""
    import re

    import builder.cli as cli

    calls = []
    real = cli.check
    monkeypatch.setattr(cli, "check", lambda *a, **k: calls.append(1) or real(*a, **k))
    code = cli.main(["check", "--root", str(root), *args])
    out, err = capsys.readouterr()
    return code, re.sub(r'\([0-9.]+ s\)|"seconds": [0-9.]+', "", out) + err, bool(calls)


def _settled_at_once(monkeypatch):
    """Files written by the test count as settled (otherwise a report is kept only for
    inputs older than two seconds)."""
    import builder.commands.checkmemo as checkmemo

    monkeypatch.setattr(checkmemo, "SETTLED", -60.0)


def test_a_second_check_of_unchanged_inputs_gives_the_same_report_without_checking_again(
        lighthouse, monkeypatch, capsys):
    _settled_at_once(monkeypatch)
    make_reviewable(lighthouse)
    first = _check(lighthouse, monkeypatch, capsys)
    second = _check(lighthouse, monkeypatch, capsys)
    assert first[2] and not second[2]
    assert first[:2] == second[:2] and "3 warnings" in first[1]
    as_json = [_check(lighthouse, monkeypatch, capsys, "--format", "json") for _ in range(2)]
    assert as_json[0][1] == as_json[1][1] and not as_json[1][2]
    assert _check(lighthouse, monkeypatch, capsys, "--strict")[0] == 1  # the exit code follows the options


def _same_size_same_mtime(path, old, new):
    """An edit that keeps the file's size and modification time (as `touch -r` or a copy that
    preserves times would): only the change time tells."""
    assert len(old) == len(new)
    st = path.stat()
    edit(path, old, new)
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))


@pytest.mark.parametrize("change", ["sheet kept size and time", "new seed", "seed changed", "sheet removed",
                                    "config", "option", "folder"])
def test_any_change_to_what_check_reads_checks_again(lighthouse, monkeypatch, capsys, tmp_path, change):
    _settled_at_once(monkeypatch)
    make_reviewable(lighthouse)
    code, report, ran = _check(lighthouse, monkeypatch, capsys)
    assert code == 0 and ran
    args: tuple = ()
    if change == "sheet kept size and time":
        _same_size_same_mtime(lighthouse / "content/people/wenna-trego.yml",
                              "organization: tidewater-trust", "organization: tidewater-trusx")
    elif change == "new seed":
        (lighthouse / "seeds/another.txt").write_text("Another article.\n")
    elif change == "seed changed":  # the line that made 'Trust' a common word there
        edit(lighthouse / "seeds/coastal-review.txt", "They trust the new light.", "")
    elif change == "sheet removed":
        (lighthouse / "content/places/lonely-rock.yml").unlink()
    elif change == "config":
        append(lighthouse / "mkdocs.yml", "\nsite_name: Another name\n")
    elif change == "option":
        args = ("--single-source",)
    else:  # the same inputs under another path: messages name files relative to it
        shutil.copytree(lighthouse, tmp_path / "elsewhere")
        lighthouse = tmp_path / "elsewhere"
    code, again, ran = _check(lighthouse, monkeypatch, capsys, *args)
    assert ran
    if change == "sheet kept size and time":
        assert code == 1 and "'tidewater-trusx' is not an organization id" in again
    elif change in ("sheet removed", "seed changed"):
        assert "2 warnings" in again and again != report


def test_no_report_is_kept_for_files_changed_in_the_last_seconds(lighthouse, monkeypatch, capsys):
    """A file written in the same clock tick as the check could change again unseen."""
    sheet = lighthouse / "content/people/wenna-trego.yml"
    edit(sheet, "organization: tidewater-trust", "organization: nobody")
    assert _check(lighthouse, monkeypatch, capsys)[2]
    code, report, ran = _check(lighthouse, monkeypatch, capsys)
    assert ran and code == 1 and "'nobody' is not an organization id" in report
    assert not (lighthouse / "build/cache/check.json").exists()


def test_a_kept_report_does_not_hide_a_committed_build_folder(repo, monkeypatch, capsys):
    _settled_at_once(monkeypatch)
    assert _check(repo, monkeypatch, capsys)[0] == 0
    assert (repo / "build/cache/check.json").exists()
    git(repo, "add", "-f", "build")
    git(repo, "commit", "-q", "-m", "build by mistake")
    code, report, ran = _check(repo, monkeypatch, capsys)
    assert code == 1 and "build/cache/" in report and "is committed to Git" in report


@pytest.mark.parametrize("link", ["content/people", "seeds"])
def test_no_report_is_kept_behind_a_link_to_a_folder(lighthouse, monkeypatch, capsys, link):
    """A file changed behind a linked folder would not change the memo's key: such a dossier
    is checked every time."""
    _settled_at_once(monkeypatch)
    real = lighthouse / "moved"
    (lighthouse / link).rename(real)
    (lighthouse / link).symlink_to(real, target_is_directory=True)
    assert _check(lighthouse, monkeypatch, capsys)[2]
    assert _check(lighthouse, monkeypatch, capsys)[2]
    assert not (lighthouse / "build/cache/check.json").exists()
