"""First search, on the web and from the offline copy, with each search index, in headless
Chromium:

    python bench/search.py                        # the dossier in this repository
    python bench/search.py --sources 665          # a synthetic one (3N+7 pages: 665 -> 2,002)
    python bench/search.py --sources 665 --mode shards --where web --pagefind

For each dossier and index (--mode theme: Material's search, which loads its whole index
before the first result; shards: Dossier's sharded index, searchshards.py): on the web,
`dossier build` and the site over HTTP on localhost; offline, `dossier bundle`, unzipped,
every non-file request blocked. In fresh contexts: open the home page, paste an alias into
the search box, time until the first result shows, and add up the bytes of the index files
the page loaded (offline: their sizes on disk). With --pagefind (the `pagefind` package,
`pip install 'pagefind[extended]'`, a benchmark tool, not a dependency), the theme's web
site is also indexed by Pagefind and searched through its JavaScript API (web only: it
fetches its files, which a page opened from file:// may not).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent), str(HERE), str(HERE.parent / "tests")]

from browsing import Offline, launch, search, serve, unzip  # noqa: E402
from builder.commands.bundle import bundle  # noqa: E402
from builder.commands.build import Project, build, check  # noqa: E402
from generate import generate as make_dossier  # noqa: E402

INDEX_FILES = ("/search/", "/pagefind/")


def some_alias(root: Path) -> tuple[str, str]:
    """An alias and the page of its entity (without suffix): the middle one, in id order."""
    resolved = check(root)
    entities = sorted((e for e in resolved.entities.values() if e.sheet.aliases), key=lambda e: e.id)
    entity = entities[len(entities) // 2]
    return entity.sheet.aliases[0], f"{entity.kind}/{entity.id}"


def with_mode(root: Path, mode: str) -> None:
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8").split("\n# bench/search.py\n")[0]
    config.write_text(text + f"\n# bench/search.py\nextra:\n  dossier_search: {mode}\n", encoding="utf-8")


def index_loads(requests: list[str], folder: Path, base: str) -> tuple[int, int]:
    """Index files the page requested: how many, and their bytes on disk."""
    from urllib.parse import unquote, urlsplit
    found = [name for name in requests if any(part in name for part in INDEX_FILES)]
    root = unquote(urlsplit(base).path)
    sizes = [(folder / unquote(urlsplit(name).path)[len(root):]).stat().st_size for name in found]
    return len(found), sum(sizes)


TIMER = """() => {  // in the page: from the first keystroke to the first result in the DOM
    const t = window.__timer = {};
    document.addEventListener('input', () => { if (!t.input) t.input = performance.now(); }, true);
    new MutationObserver(() => {
        if (!t.first && document.querySelector('.dossier-search__item, .md-search-result__item'))
            t.first = performance.now();
    }).observe(document.body, {childList: true, subtree: true});
}"""


def first_search(browser, home: str, query: str, expect: str, runs: int, offline: bool,
                 folder: Path) -> tuple[list[float], list[float], tuple[int, int]]:
    """Times from opening the page and from pasting the query to the first result; the index
    files loaded."""
    opened, typed, loaded = [], [], (0, 0)
    for _ in range(runs):
        context = Offline(browser) if offline else None
        tab = (context.context if context else browser).new_page()
        requests: list[str] = []
        tab.on("request", lambda request: requests.append(request.url))
        start = time.perf_counter()
        tab.goto(home, wait_until="domcontentloaded")
        tab.evaluate(TIMER)
        hits = search(tab, query, timeout=300, paste=True,
                      on_first=lambda: opened.append(time.perf_counter() - start))
        assert hits and expect in hits[0], (query, hits[:3])
        typed.append(tab.evaluate("() => (window.__timer.first - window.__timer.input) / 1000"))
        loaded = index_loads(requests, folder, home.rsplit("/", 1)[0] + "/")
        if context:
            assert context.blocked == [], context.blocked
            context.close()
        else:
            tab.close()
    return opened, typed, loaded


def median(times: list[float]) -> str:
    return f"{statistics.median(times):.2f} s ({', '.join(f'{t:.2f}' for t in times)})"


PAGEFIND_PAGE = """<!doctype html><meta charset="utf-8"><title>Pagefind</title>
<script type="module">
window.first = async (query) => {
  const pagefind = await import("./pagefind/pagefind.js");
  const found = await pagefind.search(query);
  const data = await found.results[0].data();
  return data.url;
};
</script>
"""


def pagefind(browser, site: Path, query: str, expect: str, runs: int) -> str:
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "pagefind", "--site", str(site)], capture_output=True, text=True)
    if done.returncode:
        return f"pagefind failed: {done.stderr[-300:]}"
    indexing = time.perf_counter() - start
    size = sum(p.stat().st_size for p in (site / "pagefind").rglob("*") if p.is_file())
    (site / "pagefind-bench.html").write_text(PAGEFIND_PAGE, encoding="utf-8")
    times, loaded = [], (0, 0)
    with serve(site) as url:
        for _ in range(runs):
            tab = browser.new_page()
            requests: list[str] = []
            tab.on("request", lambda request: requests.append(request.url))
            tab.goto(url + "pagefind-bench.html", wait_until="domcontentloaded")
            tab.wait_for_function("typeof window.first === 'function'")
            t0 = time.perf_counter()
            found = tab.evaluate("q => window.first(q)", query)
            times.append(time.perf_counter() - t0)
            assert expect in found, (query, found)
            loaded = index_loads(requests, site, url)
            tab.close()
    return (f"pagefind: indexing {indexing:.1f} s, index {size / 2**20:.1f} MiB; from the query to the "
            f"first result's data {median(times)}; loaded {loaded[0]} files, {loaded[1] / 1024:,.0f} KiB")


def measure(root: Path, modes: list[str], where: list[str], runs: int, with_pagefind: bool,
            built: bool = False) -> list[tuple[str, str]]:
    """Prints what it measures; returns it too, as (row, value) for bench/goals.py."""
    query, page = some_alias(root)
    rows: list[tuple[str, str]] = []
    pages = None
    with launch() as browser:
        for mode in modes:
            if not built:
                with_mode(root, mode)
            if "web" in where:
                project = Project(root)
                start = time.perf_counter()
                if not built:
                    build(project, clean=True)
                seconds = time.perf_counter() - start
                site = project.site_dir
                pages = sum(1 for _ in site.rglob("index.html"))
                size = sum(p.stat().st_size for p in (site / "search").rglob("*") if p.is_file())
                with serve(site) as url:
                    opened, typed, (files, loaded) = first_search(browser, url, query, page + "/", runs, False, site)
                how = "site as built" if built else f"build {seconds:.1f} s"
                print(f"  {mode:6} web:     {how}; index {size / 2**20:.2f} MiB "
                      f"({size / pages / 1024:.2f} KiB/page); first search '{query}': from opening the page "
                      f"{median(opened)}, from the query {median(typed)}; loaded {files} index files, "
                      f"{loaded / 1024:,.0f} KiB", flush=True)
                rows.append((f"first search, web ({mode})",
                             f"{statistics.median(typed):.2f} s from the query, {loaded / 1024:,.0f} KiB loaded "
                             f"({pages} pages, index {size / pages / 1024:.2f} KiB/page)"))
                if with_pagefind and mode == "theme":
                    print("  " + pagefind(browser, site, query, page + "/", runs), flush=True)
            if "offline" in where:
                with tempfile.TemporaryDirectory() as tmp:
                    result = bundle(Project(root), Path(tmp) / "copy.zip")
                    folder = unzip(result.path, Path(tmp))
                    opened, typed, (files, loaded) = first_search(
                        browser, (folder / "index.html").as_uri(), query, page + ".html", runs, True, folder)
                print(f"  {mode:6} offline: {result.pages} pages, zip {result.size / 2**20:.1f} MiB, "
                      f"index {result.index_size / 2**20:.2f} MiB; first search: from opening the page "
                      f"{median(opened)}, from the query {median(typed)}; loaded {files} index files, "
                      f"{loaded / 1024:,.0f} KiB", flush=True)
                rows.append((f"first search, offline ({mode})",
                             f"{statistics.median(typed):.2f} s from the query, {loaded / 1024:,.0f} KiB loaded "
                             f"({result.pages} pages)"))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sources", type=int, action="append", default=[],
                        help="synthetic dossier of N sources (repeatable); default: this repository's")
    parser.add_argument("--root", help="an existing dossier (its mkdocs.yml is edited: use a copy)")
    parser.add_argument("--mode", choices=("theme", "shards", "both"), default="both")
    parser.add_argument("--where", choices=("web", "offline", "both"), default="both")
    parser.add_argument("--pagefind", action="store_true", help="also measure Pagefind on the web")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--built", action="store_true", help="with --root --where web: search the site "
                        "already built there, as it is (--mode names its index), without building")
    args = parser.parse_args()
    modes = ["theme", "shards"] if args.mode == "both" else [args.mode]
    where = ["web", "offline"] if args.where == "both" else [args.where]
    with tempfile.TemporaryDirectory() as tmp:
        roots = []
        if args.root:
            roots.append(Path(args.root))
        elif not args.sources:
            root = Path(tmp) / "bundled-dossier"
            for name in ("content", "seeds", "mkdocs.yml"):
                (shutil.copytree if name != "mkdocs.yml" else shutil.copy)(HERE.parent / name, root / name)
            roots.append(root)
        for n in args.sources:
            root = make_dossier(Path(tmp) / f"synthetic-{n}", n)
            shutil.copy(HERE.parent / "mkdocs.yml", root / "mkdocs.yml")
            roots.append(root)
        for root in roots:
            print(root.name, flush=True)
            measure(root, modes, where, args.runs, args.pagefind, args.built)


if __name__ == "__main__":
    main()
