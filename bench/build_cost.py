"""Build the bundled dossier (sources 0) or a synthetic one with the builder of a given
checkout; print the whole build time, the render and MkDocs stages, the size of site/ and
its number of pages. Compare two checkouts to measure what a change costs:

    python bench/build_cost.py /path/to/checkout 0
    python bench/build_cost.py /path/to/checkout 1000

What one view costs: build without it (timeline, map, ties or previews) and compare:

    python bench/build_cost.py . 1000 --without ties
"""

import shutil
import sys
import tempfile
import time
from pathlib import Path

repo, sources = Path(sys.argv[1]).resolve(), int(sys.argv[2])
without = sys.argv[4] if len(sys.argv) > 4 and sys.argv[3] == "--without" else None
sys.path.insert(0, str(repo))
sys.path.insert(0, str(repo / "bench"))

from builder.commands.build import Project, Timings, build  # noqa: E402
from generate import generate as make_dossier  # noqa: E402


def leave_out(view: str) -> None:
    """Draw nothing for one view (its text equivalents stay): what is left is its cost."""
    from builder.pages import entity, map as map_pages, renderer, ties, timeline

    nothing = lambda *args, **kwargs: ""  # noqa: E731
    if view == "timeline":
        entity.timeline_svg = timeline.zoomable_timeline = nothing
    elif view == "map":
        entity.map_svg = map_pages.map_svg = nothing
    elif view == "ties":
        ties.graph_svg = ties.whole_graph = nothing
    elif view == "previews":
        renderer.Renderer.cards = nothing
    else:
        sys.exit(f"--without takes timeline, map, ties or previews, not {view!r}")


if without:
    leave_out(without)


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
    print(f"{repo.name} sources={sources or 'bundled'} without={without or '-'} total={total:.1f}s render={timings.stages['render']:.2f}s "
          f"mkdocs={timings.stages['mkdocs']:.1f}s site={size(root / 'site') / 1e6:.2f}MB pages={pages}")
