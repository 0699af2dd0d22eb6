"""Build the bundled dossier (sources 0) or a synthetic one with the builder of a given
checkout; print the whole build time, the render and MkDocs stages, the size of site/ and
its number of pages. Compare two checkouts to measure what a change costs:

    python bench/build_cost.py /path/to/checkout 0
    python bench/build_cost.py /path/to/checkout 1000
"""

import shutil
import sys
import tempfile
import time
from pathlib import Path

repo, sources = Path(sys.argv[1]).resolve(), int(sys.argv[2])
sys.path.insert(0, str(repo))
sys.path.insert(0, str(repo / "bench"))

from builder.pipeline import Project, Timings, build  # noqa: E402
from generate import generate as make_dossier  # noqa: E402


def size(folder: Path) -> int:
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file())


with tempfile.TemporaryDirectory() as tmp:
    if sources == 0:
        root = Path(tmp) / "d"
        shutil.copytree(repo, root, ignore=shutil.ignore_patterns(".git", "site", "build", ".venv", "dist",
                                                                   "node_modules"))
    else:
        root = make_dossier(Path(tmp) / "d", sources)
        shutil.copy(repo / "mkdocs.yml", root / "mkdocs.yml")
    timings = Timings()
    start = time.perf_counter()
    build(Project(root), timings)
    total = time.perf_counter() - start
    pages = sum(1 for _ in (root / "site").rglob("*.html"))
    print(f"{repo.name} sources={sources or 'bundled'} total={total:.1f}s render={timings.stages['render']:.2f}s "
          f"mkdocs={timings.stages['mkdocs']:.1f}s site={size(root / 'site') / 1e6:.2f}MB pages={pages}")
