"""The README's two set-up commands: `make site` installs only what building the site needs
(a newcomer's first build should not wait for the test tools: PyICU compiled from source,
Chromium, npm packages); `make test` adds them and says how long the tests take."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from conftest import REPO

TEST_TOOLS = ("[test]", "libicu", "chromium", "npm", "playwright", "pytest")


def planned(target: str) -> str:
    """The commands `make TARGET` would run on a fresh machine (-B: as if nothing were made
    yet; -n: printed, not run)."""
    if shutil.which("make") is None:
        pytest.skip("make is not installed: apt-get install make")
    done = subprocess.run(["make", "-n", "-B", target, "VENV=.venv-fresh"], cwd=REPO,
                          capture_output=True, text=True, check=True)
    return done.stdout


def test_make_site_installs_no_test_tool():
    commands = planned("site")
    assert "pip install" in commands and "dossier build" in commands
    assert [tool for tool in TEST_TOOLS if tool in commands] == []


def test_make_test_installs_the_test_tools_and_says_how_long_it_takes():
    commands = planned("test")
    assert "-e '.[test]'" in commands and "npm ci" in commands
    assert "about" in commands and "minutes" in commands and "The tests took" in commands
