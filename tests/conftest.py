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


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


@pytest.fixture
def lighthouse(tmp_path) -> Path:
    return copy_dossier(FIXTURES / "lighthouse", tmp_path / "lighthouse")


def git(root: Path, *args: str) -> str:
    done = subprocess.run(["git", "-C", str(root), "-c", "user.name=T", "-c", "user.email=t@example.org",
                           *args], check=True, capture_output=True, text=True)
    return done.stdout


@pytest.fixture
def repo(lighthouse) -> Path:
    """The lighthouse dossier as a Git repository with one commit, "first"."""
    git(lighthouse, "init", "-q")
    git(lighthouse, "add", ".")
    git(lighthouse, "commit", "-q", "-m", "first")
    return lighthouse


def run_dossier(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "builder", *args], cwd=cwd or REPO,
                          capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium, once for the whole run."""
    from browsing import launch

    with launch() as chromium:
        yield chromium


@pytest.fixture(scope="session")
def real_dossier(tmp_path_factory) -> Path:
    """A copy of this repository's dossier, built once: its site/ is in root/site."""
    from builder.commands.build import Project, build

    root = copy_dossier(REPO, tmp_path_factory.mktemp("real") / "dossier")
    build(Project(root))
    return root


@pytest.fixture(scope="session")
def served(real_dossier):
    """The built dossier's site/ over HTTP on localhost."""
    from browsing import serve

    with serve(real_dossier / "site") as url:
        yield url


@pytest.fixture(scope="session")
def real_bundle(real_dossier, tmp_path_factory) -> Path:
    """The offline copy of the dossier, unzipped as a reader would: its folder."""
    from browsing import unzip
    from builder.commands.bundle import bundle
    from builder.commands.build import Project

    result = bundle(Project(real_dossier))
    return unzip(result.path, tmp_path_factory.mktemp("unzipped"))
