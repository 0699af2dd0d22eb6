"""Build time against the size of one article: is the build linear in it?

python bench/article_size.py [--sizes 1 2 4] [--no-blank-lines]

Copies the lighthouse fixture into a temporary folder, appends N MB of generated text
(sentences made of the fixture's names and common words, a blank line every five lines
unless --no-blank-lines) to one seed, runs `dossier build` in a new process, and prints the
time of each stage and the ratio of time to size, which stays flat when the build is linear.
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
WORDS = ("the keeper Osric Penhallow said that Farrowden harbour light would run before "
         "autumn gales Tidewater Trust").split()


def make(root: Path, megabytes: float, blank_lines: bool) -> None:
    shutil.copytree(REPO / "tests/fixtures/lighthouse", root)
    shutil.copy(REPO / "mkdocs.yml", root)
    rng = random.Random(1)
    lines, size = [], 0
    while size < megabytes * 1e6:
        line = " ".join(rng.choice(WORDS) for _ in range(14)) + "."
        lines.append(line)
        size += len(line) + 1
        if blank_lines and len(lines) % 5 == 0:
            lines.append("")
    seed = root / "seeds/coastal-review.txt"
    seed.write_text(seed.read_text(encoding="utf-8") + "\n" + "\n".join(lines) + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=float, nargs="+", default=[1, 2, 4])
    parser.add_argument("--no-blank-lines", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        for megabytes in args.sizes:
            root = Path(tmp) / f"d{megabytes}"
            make(root, megabytes, not args.no_blank_lines)
            start = time.perf_counter()
            done = subprocess.run([sys.executable, "-m", "builder", "build", "--root", str(root)],
                                  cwd=REPO, capture_output=True, text=True)
            seconds = time.perf_counter() - start
            stages = re.search(r"\((.*)\)", done.stdout)
            result = stages.group(1) if done.returncode == 0 and stages else done.stderr.strip()[:200]
            print(f"{megabytes:g} MB: {seconds:.1f} s, {seconds / megabytes:.1f} s/MB ({result})")


if __name__ == "__main__":
    main()
