"""Size of the offline copy and speed of its search, in headless Chromium from file://.

    python bench/search.py                 # the dossier in this repository
    python bench/search.py --sources 665   # a synthetic one (3N+7 pages: 665 -> 2,002)

For each dossier: `dossier bundle`, unzip, then in fresh Chromium contexts with every
non-file request blocked: open index.html, paste an alias into the search box at once and
time until the first result shows (this includes loading the search index and starting
the worker), then time a second search on the same page.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent), str(HERE), str(HERE.parent / "tests")]

from browsing import Offline, launch, search, unzip  # noqa: E402
from builder.bundle import bundle  # noqa: E402
from builder.pipeline import Project, check  # noqa: E402
from generate import generate as make_dossier  # noqa: E402


def some_alias(root: Path) -> tuple[str, str]:
    """An alias and the page of its entity: the middle one, in id order."""
    resolved = check(root)
    entities = sorted((e for e in resolved.entities.values() if e.sheet.aliases), key=lambda e: e.id)
    entity = entities[len(entities) // 2]
    return entity.sheet.aliases[0], f"{entity.kind}/{entity.id}.html"


def measure(root: Path, runs: int) -> None:
    start = time.perf_counter()
    result = bundle(Project(root))
    bundle_seconds = time.perf_counter() - start
    query, page = some_alias(root)
    with tempfile.TemporaryDirectory() as tmp:
        folder = unzip(result.path, Path(tmp))
        index_json = (folder / "search" / "search_index.json").stat().st_size
        first, again = [], []
        with launch() as browser:
            for _ in range(runs):
                offline = Offline(browser)
                tab = offline.context.new_page()
                t0 = time.perf_counter()
                tab.goto((folder / "index.html").as_uri(), wait_until="domcontentloaded")
                hits = search(tab, query, timeout=120, paste=True,
                              on_first=lambda: first.append(time.perf_counter() - t0))
                assert hits and hits[0].endswith(page), (query, hits[:3])
                tab.fill("input.md-search__input", "")
                tab.wait_for_selector(".md-search-result__item", state="detached")
                t1 = time.perf_counter()
                search(tab, query[:-1], paste=True, on_first=lambda: again.append(time.perf_counter() - t1))
                assert offline.blocked == [], offline.blocked
                offline.close()
    print(f"{root.name}: {result.pages} pages; bundle {bundle_seconds:.1f} s, zip "
          f"{result.size / 2**20:.2f} MiB; search index {result.index_size / 1024:,.0f} KiB "
          f"(.js; .json {index_json / 1024:,.0f} KiB), {result.index_size / result.pages / 1024:.2f} KiB/page")
    print(f"  first search '{query}' from opening the page: median {statistics.median(first):.2f} s "
          f"(runs: {', '.join(f'{t:.2f}' for t in first)}); next search: median "
          f"{statistics.median(again):.2f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sources", type=int, action="append", default=[],
                        help="synthetic dossier of N sources (repeatable); default: this repository's")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        roots = []
        if not args.sources:
            root = Path(tmp) / "bundled-dossier"
            for name in ("content", "seeds", "mkdocs.yml"):
                (shutil.copytree if name != "mkdocs.yml" else shutil.copy)(HERE.parent / name, root / name)
            roots.append(root)
        for n in args.sources:
            root = make_dossier(Path(tmp) / f"synthetic-{n}", n)
            shutil.copy(HERE.parent / "mkdocs.yml", root / "mkdocs.yml")
            roots.append(root)
        for root in roots:
            measure(root, args.runs)


if __name__ == "__main__":
    main()
