"""Build three dossiers with the `dossier` command of a given virtualenv and print one hash
per output tree (build/docs and site/), to prove a refactoring changes no byte:

    python bench/tree_hashes.py .venv/bin/dossier > before.txt
    ... change the builder ...
    python bench/tree_hashes.py .venv/bin/dossier > after.txt && diff before.txt after.txt

The dossiers: the bundled one (copied outside Git, so that the Changes page does not depend
on the project's own history), tests/fixtures/lighthouse, and a synthetic one of N sources
(bench/generate.py, default 1,000). Each file is hashed with its path; `--list` prints every
file's hash, to find which one differs."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "bench"))
from generate import generate  # noqa: E402


def tree_hash(folder: Path, listing: bool) -> str:
    whole = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        rel = path.relative_to(folder).as_posix()
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        whole.update(f"{rel}\0{digest}\n".encode())
        if listing:
            print(f"  {digest[:16]} {rel}")
    return whole.hexdigest()


def main() -> None:
    dossier = Path(sys.argv[1]).resolve()
    listing = "--list" in sys.argv
    numbers = [a for a in sys.argv[2:] if a.isdigit()]
    sources = int(numbers[0]) if numbers else 1000
    with tempfile.TemporaryDirectory() as tmp:
        roots = {}
        bundled = Path(tmp) / "bundled"
        bundled.mkdir()
        for part in ("content", "seeds", "mkdocs.yml"):
            (shutil.copytree if (REPO / part).is_dir() else shutil.copy)(REPO / part, bundled / part)
        roots["bundled"] = bundled
        lighthouse = Path(tmp) / "lighthouse"
        shutil.copytree(REPO / "tests/fixtures/lighthouse", lighthouse)
        roots["lighthouse"] = lighthouse
        synthetic = generate(Path(tmp) / f"synthetic{sources}", sources)
        shutil.copy(REPO / "mkdocs.yml", synthetic / "mkdocs.yml")
        roots[f"synthetic{sources}"] = synthetic
        for name, root in roots.items():
            subprocess.run([str(dossier), "build", "--root", str(root)], check=True,
                           stdout=subprocess.DEVNULL)
            for tree in ("build/docs", "site"):
                files = sum(1 for p in (root / tree).rglob("*") if p.is_file())
                print(f"{name} {tree} files={files} sha256={tree_hash(root / tree, listing)}", flush=True)


if __name__ == "__main__":
    main()
