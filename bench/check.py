"""Wall time of `dossier check` on a synthetic dossier, as a hook runs it: a new process,
first without the sheet cache (build/cache/, as in a fresh clone), then with it.

    python bench/check.py --sources 10000 [--runs 3]
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

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import generate as make_dossier  # noqa: E402


def timed(root: Path) -> tuple[float, str]:
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "builder", "check", "--root", str(root)],
                          capture_output=True, text=True, cwd=Path(__file__).resolve().parent.parent)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(done.stderr)
    return seconds, done.stdout.strip()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sources", type=int, default=10000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="dossier-check-bench-") as tmp:
        root = Path(tmp)
        make_dossier(root, args.sources)
        cold, warm = [], []
        for _ in range(args.runs):
            shutil.rmtree(root / "build", ignore_errors=True)
            seconds, summary = timed(root)
            cold.append(seconds)
            warm.append(timed(root)[0])
        print(summary)
        for label, runs in (("without cache", cold), ("with cache", warm)):
            print(f"{args.sources} sources, {label}: median {statistics.median(runs):.2f} s wall "
                  f"({', '.join(f'{s:.2f}' for s in runs)})")


if __name__ == "__main__":
    main()
