"""What rendering a page costs in calls (issue 28: "templates that assemble, not compute"):
the escapes, relative links and template helper calls per generated page, counted by
cProfile while the pages of a synthetic dossier render in one process:

    python bench/render_calls.py [--sources 1000] [--save FILE.json]

Rows: Markdown escapes (core/markup.md and the other Markdown helpers), HTML and attribute
escapes (markup.attr, html_text, html.escape and markupsafe's escape), relative links
(markup.relative, html_href), the Renderer's helpers that templates call (pages/renderer.py
and tracking.py: names, links, pages, labels), and Jinja's own calls; each per page and in
all. Counts, not times: they do not depend on the machine.
"""

from __future__ import annotations

import argparse
import cProfile
import datetime
import json
import os
import pstats
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from generate import generate as make_dossier  # noqa: E402

MARKUP = "core/markup.py"
GROUPS = {  # row -> does a profiled function (file, name) belong to it
    "Markdown escapes": lambda f, n: f.endswith(MARKUP) and n in {"md", "quoted", "nested", "curly", "front_matter"},
    "HTML and attribute escapes": lambda f, n: f.endswith(MARKUP) and n in {"attr", "html_text", "_escape",
                                                                              "script_json"},
    "html.escape and markupsafe": lambda f, n: (f.endswith("html/__init__.py") and n == "escape")
    or ("markupsafe" in f or f == "~") and "escape" in n,
    "relative links": lambda f, n: n in {"relative", "html_href"} and "builder" in f,
    "Renderer helpers": lambda f, n: f.endswith("pages/renderer.py") and not n.startswith("<"),
    "tracked reads (tracking.py)": lambda f, n: f.endswith(("pages/tracking.py", "pages/rendercache.py")),
    "Jinja runtime": lambda f, n: f.endswith("jinja2/runtime.py"),
}


def count(stats: pstats.Stats) -> dict[str, int]:
    totals = dict.fromkeys(GROUPS, 0)
    for (file, _, name), (calls, *_rest) in stats.stats.items():  # type: ignore[attr-defined]
        for row, belongs in GROUPS.items():
            if belongs(file, name):
                totals[row] += calls
    return totals


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sources", type=int, default=1000)
    parser.add_argument("--save", help="write the figures to this JSON file")
    args = parser.parse_args()
    os.environ["DOSSIER_WORKERS"] = "1"  # one process: cProfile sees every call
    from builder.pages.render import render_pages
    from builder.resolve.dossier import check

    with tempfile.TemporaryDirectory() as folder:
        root = make_dossier(Path(folder) / "dossier", args.sources)
        resolved = check(root, use_cache=False)
        profile = cProfile.Profile()
        profile.enable()
        pages = render_pages(resolved)
        profile.disable()
    markdown = [p for p in pages if p.endswith(".md")]
    totals = count(pstats.Stats(profile))
    commit = subprocess.run(["git", "-C", str(HERE.parent), "rev-parse", "--short", "HEAD"],
                            capture_output=True, text=True).stdout.strip()
    print(f"{args.sources} sources, {len(markdown)} pages, at {commit}")
    for row, n in totals.items():
        print(f"  {row:34} {n / len(markdown):9.1f} per page  ({n:,} in all)")
    if args.save:
        Path(args.save).write_text(json.dumps({
            "commit": commit, "date": datetime.date.today().isoformat(), "sources": args.sources,
            "pages": len(markdown), "calls": totals,
            "per_page": {row: round(n / len(markdown), 1) for row, n in totals.items()}}, indent=1) + "\n")


if __name__ == "__main__":
    main()
