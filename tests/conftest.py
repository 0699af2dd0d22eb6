import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true",
                     help="rewrite tests/golden from the current output (review the diff!)")


@pytest.fixture
def update_golden(request):
    return request.config.getoption("--update-golden")


def copy_dossier(source: Path, target: Path) -> Path:
    """A copy of a dossier's inputs (content/, seeds/, mkdocs.yml) in a scratch folder."""
    target.mkdir(parents=True, exist_ok=True)
    for name in ("content", "seeds"):
        shutil.copytree(source / name, target / name)
    shutil.copy(REPO / "mkdocs.yml", target / "mkdocs.yml")
    return target


@pytest.fixture
def lighthouse(tmp_path) -> Path:
    return copy_dossier(FIXTURES / "lighthouse", tmp_path / "lighthouse")


def run_dossier(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "builder", *args], cwd=cwd or REPO,
                          capture_output=True, text=True, timeout=300)
