"""Time each builder stage and the MkDocs build on a synthetic dossier, and the peak memory
(resident set) of the process that ran them: the builder and MkDocs run in one process, as
`dossier build` does. Peak memory is the process's, so give one --sources per run to read it.

    python bench/run.py --sources 1000 [--sources 2000 ...] [--no-mkdocs]
"""

from __future__ import annotations

import argparse
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from builder.commands.build import Project, Timings, build, generate  # noqa: E402
from generate import generate as make_dossier  # noqa: E402

REPO = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sources", type=int, action="append", required=True)
    parser.add_argument("--no-mkdocs", action="store_true", help="time the builder stages only")
    args = parser.parse_args()
    print("sources  pages  " + "  ".join(f"{s:>8}" for s in
          ("load", "validate", "resolve", "render", "write", "builder", "ms/page", "mkdocs", "peak MB")))
    for n in args.sources:
        with tempfile.TemporaryDirectory() as tmp:
            root = make_dossier(Path(tmp) / "d", n)
            shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
            timings = Timings()
            project = Project(root)
            if args.no_mkdocs:
                generate(project, timings)
            else:
                build(project, timings)
            pages = sum(1 for _ in (root / "build/docs").rglob("*.md"))
            t = timings.stages
            builder = sum(v for k, v in t.items() if k != "mkdocs")
            print(f"{n:>7} {pages:>6}  " + "  ".join(f"{t[k]:>7.2f}s" for k in
                  ("load", "validate", "resolve", "render", "write"))
                  + f"  {builder:>7.2f}s  {1000 * builder / pages:>7.2f}  "
                  + (f"{t['mkdocs']:>7.2f}s" if "mkdocs" in t else "       -")
                  + f"  {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:>8.0f}")


if __name__ == "__main__":
    start = time.perf_counter()
    main()
    print(f"total {time.perf_counter() - start:.1f} s")
