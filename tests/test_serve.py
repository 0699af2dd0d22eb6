"""`dossier serve` as a curator uses it: it says where it serves, and an edit that breaks the
dossier shows the error lines in the browser until the next edit fixes them."""

import os
import subprocess
import sys
import time

import pytest

from browsing import fetch, free_port
from conftest import REPO, run_dossier

pytestmark = pytest.mark.slow


def wait_for(url: str, text: str, seconds: float = 60) -> str:
    deadline = time.monotonic() + seconds
    page = ""
    while time.monotonic() < deadline:
        page = fetch(url)
        if text in page:
            return page
        time.sleep(0.3)
    raise AssertionError(f"{text!r} not in {url} after {seconds} s: {page[:300]!r}")


def test_serve_shows_errors_in_the_browser_until_fixed(lighthouse, tmp_path):
    port = free_port()
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    server = subprocess.Popen([sys.executable, "-m", "builder", "serve", "--root", str(lighthouse),
                               "--dev-addr", f"127.0.0.1:{port}"], cwd=REPO,
                              env={**os.environ, "TMPDIR": str(temporary)},
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        base = f"http://127.0.0.1:{port}/"
        wait_for(base, "The last keeper of Farrow Point")
        sheet = lighthouse / "content/people/osric-penhallow.yml"
        good = sheet.read_text(encoding="utf-8")
        sheet.write_text(good.replace("ending forty years as its keeper", "ending <b>fifty</b> years"),
                         encoding="utf-8")
        page = wait_for(base, "The dossier has errors")
        assert "content/people/osric-penhallow.yml:16:16" in page and "quote not found" in page
        assert "The dossier has errors" in fetch(base + "people/osric-penhallow/")  # every address
        sheet.write_text(good, encoding="utf-8")
        wait_for(base + "people/osric-penhallow/", "Osric Penhallow")
        assert "The dossier has errors" not in fetch(base)
    finally:
        server.terminate()
        output, _ = server.communicate(timeout=30)
    assert f"serving on http://127.0.0.1:{port}/" in output
    assert "content/people/osric-penhallow.yml:16:16: error: quote not found" in output
    assert "Traceback" not in output
    assert list(temporary.iterdir()) == [], "stopped with `kill`, serve removes its preview folder"


def test_serve_does_not_start_on_a_broken_dossier(lighthouse):
    """Even where an earlier build left its pages and configuration in build/."""
    assert run_dossier("build", "--root", str(lighthouse)).returncode == 0
    sheet = lighthouse / "content/people/osric-penhallow.yml"
    sheet.write_text(sheet.read_text(encoding="utf-8").replace("ending forty years as its keeper",
                                                               "ending fifty years"), encoding="utf-8")
    result = run_dossier("serve", "--root", str(lighthouse), "--dev-addr", f"127.0.0.1:{free_port()}")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "content/people/osric-penhallow.yml:16:16: error: quote not found" in result.stderr
    assert "serving on" not in result.stderr
