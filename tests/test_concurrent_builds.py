"""Two runs on one checkout at once (a pre-commit hook beside `dossier serve`, two terminals):
one build of a dossier at a time, the other told so in one line; site/ always whole, the old
or the new site; a run tidies up only what a build that is gone left behind; and a full disk
is reported at the folder Dossier was writing, not at a file it was reading."""

from __future__ import annotations

import errno
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from builder.site.build import recover
from conftest import FIXTURES, REPO, copy_dossier, edit, run_dossier

pytestmark = pytest.mark.slow

SHEET = "content/places/farrowden.yml"
BUSY = re.compile(r"dossier (build|bundle): error: another build of this dossier is running \(pid (\d+)\); "
                  r"wait for it to finish, or stop it")


def marked(tmp_path: Path, name: str, marker: str) -> Path:
    """A copy of the lighthouse dossier whose village description carries marker."""
    root = copy_dossier(FIXTURES / "lighthouse", tmp_path / name)
    edit(root / SHEET, "description: The village", f"description: Trial {marker} the village")
    return root


def tree(site: Path, marker: bytes = b"Zq00") -> dict[str, bytes]:
    """Every file of a site, built with the marker Zq00, as the site built with marker would
    be (markers have equal lengths: the two are the same bytes but for the marker)."""
    return {p.relative_to(site).as_posix(): p.read_bytes().replace(b"Zq00", marker)
            for p in sorted(site.rglob("*")) if p.is_file()}


def leftovers(root: Path) -> list[str]:
    return sorted(p.name for p in root.iterdir() if p.name.startswith((".site.new-", ".site.old-")))


def build_command(root: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "builder", "build", "--root", str(root), *extra]


def test_two_builds_at_once_leave_the_old_or_the_new_site_whole(tmp_path):
    reference = marked(tmp_path, "reference", "Zq00")
    assert run_dossier("build", "--root", str(reference)).returncode == 0
    expected = tree(reference / "site")
    root = marked(tmp_path, "project", "Zq00")
    assert run_dossier("build", "--root", str(root)).returncode == 0
    assert tree(root / "site") == expected
    for trial in range(1, 13):
        marker = f"Zq{trial:02}".encode()
        old = expected
        expected = tree(reference / "site", marker)
        edit(root / SHEET, f"Trial Zq{trial - 1:02}", f"Trial {marker.decode()}")
        runs = [subprocess.Popen(build_command(root), cwd=REPO, stdout=subprocess.PIPE,
                                 stderr=subprocess.PIPE, text=True) for _ in range(2)]
        results = [(run.pid, *run.communicate(timeout=120), run.returncode) for run in runs]
        for (pid, out, err, code), (other, *_rest) in zip(results, reversed(results)):
            assert "left by an interrupted build" not in err, (trial, err)
            if code == 0:
                assert out.startswith(f"built {root / 'site'}"), (trial, out, err)
                continue
            lines = err.splitlines()
            assert code == 1 and len(lines) == 2, (trial, code, err)
            busy = BUSY.fullmatch(lines[0])
            assert busy and busy.group(1) == "build" and int(busy.group(2)) == other, (trial, err)
            assert lines[1] == "dossier build: 1 error; the previous site/ is unchanged"
        site = tree(root / "site")
        assert site in (old, expected), f"trial {trial}: site/ is neither the old nor the new site"
        assert site == expected, f"trial {trial}: a build said it succeeded, and its site is not in place"
        assert leftovers(root) == []


PAUSED = """\
import sys
import builder.cli, builder.site.build

mkdocs = builder.site.build.run_mkdocs


def pause(*args, **kwargs):
    built = mkdocs(*args, **kwargs)
    print("paused", flush=True)
    sys.stdin.readline()
    return built


builder.site.build.run_mkdocs = pause
sys.exit(builder.cli.main(sys.argv[1:]))
"""


def start_paused(root: Path) -> subprocess.Popen:
    """A `dossier build` of root that stops once MkDocs has written its new site beside
    site/, before the swap, until resume()."""
    process = subprocess.Popen([sys.executable, "-c", PAUSED, "build", "--root", str(root)], cwd=REPO,
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True)
    line = process.stdout.readline()
    if line != "paused\n":
        process.kill()
        raise AssertionError(f"the build did not reach MkDocs' end: {line!r} {process.communicate()}")
    return process


def resume(process: subprocess.Popen) -> tuple[int, str, str]:
    out, err = process.communicate("\n", timeout=120)
    return process.returncode, out, err


def test_a_tidy_up_removes_only_what_a_build_that_is_gone_left(tmp_path):
    root = marked(tmp_path, "project", "Zq00")
    assert run_dossier("build", "--root", str(root)).returncode == 0
    edit(root / SHEET, "Trial Zq00", "Trial Zq01")
    paused = start_paused(root)
    try:
        staging = leftovers(root)
        assert len(staging) == 1 and staging[0].startswith(".site.new-")
        assert recover(root / "site") == []  # from this process: the build that made it is alive
        # Another dossier built into the same site folder (--site-dir) tidies up beside it too.
        other = marked(tmp_path, "other", "Zq55")
        done = run_dossier("build", "--root", str(other), "--site-dir", str(root / "site"))
        assert done.returncode == 0, done.stderr
        assert "left by an interrupted build" not in done.stderr
        assert leftovers(root) == staging
    finally:
        code, out, err = resume(paused)
    assert code == 0 and "Traceback" not in err, err
    page = (root / "site/places/farrowden/index.html").read_bytes()
    assert b"Trial Zq01" in page and b"Zq55" not in page  # the paused build's site, swapped in last
    assert leftovers(root) == []

    # A build killed after MkDocs: its folder is tidied up by the next run, whoever runs it.
    assert run_dossier("build", "--root", str(root)).returncode == 0
    before = tree(root / "site")
    edit(root / SHEET, "Trial Zq01", "Trial Zq02")
    killed = subprocess.run(build_command(root), cwd=REPO, env={**os.environ, "DOSSIER_FAULT_AT": "built"},
                            capture_output=True, text=True, timeout=120)
    assert killed.returncode == -9
    [left] = leftovers(root)
    assert recover(root / "site") == [f"removed {left}, left by an interrupted build"]
    assert leftovers(root) == [] and tree(root / "site") == before


def test_a_full_disk_names_the_site_folder_not_a_theme_file(lighthouse, monkeypatch, capsys):
    from builder.cli import main

    assert run_dossier("build", "--root", str(lighthouse)).returncode == 0
    before = tree(lighthouse / "site")

    def full(*args):  # what the kernel answers when the disk is full; shutil names its source
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "sendfile", full)
    assert main(["build", "--root", str(lighthouse)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"dossier build: error: cannot write {lighthouse / 'site'}"), err
    assert "the disk is full" in err and err.count("\n") == 1, err
    assert sys.prefix not in err and "site-packages" not in err, err
    assert tree(lighthouse / "site") == before and leftovers(lighthouse) == []


def test_bundle_while_a_build_runs_says_so(tmp_path):
    root = marked(tmp_path, "project", "Zq00")
    paused = start_paused(root)
    try:
        done = run_dossier("bundle", "--root", str(root), "--output", str(tmp_path / "copy.zip"))
        again = run_dossier("build", "--root", str(root))
    finally:
        code, _, err = resume(paused)
    assert code == 0, err
    for command, result in (("bundle", done), ("build", again)):
        assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
        busy = BUSY.fullmatch(result.stderr.splitlines()[0])
        assert busy and busy.groups() == (command, str(paused.pid)), result.stderr
    assert not (tmp_path / "copy.zip").exists()
    assert run_dossier("bundle", "--root", str(root), "--output", str(tmp_path / "copy.zip")).returncode == 0
