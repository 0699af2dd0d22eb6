"""`dossier new-source` on articles of growing size: its time should grow in proportion.
Each article is made of paragraphs naming many distinct people and places, with figures,
dates and quotes in every sentence (so every sentence gets a draft claim).

    python bench/new_source_size.py [--kb 100 400 800]
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from builder.curate.init import init  # noqa: E402
from builder.curate.newsource import new_source  # noqa: E402

FIRST = ["Anna", "Boris", "Clara", "Dmitri", "Elena", "Farid", "Greta", "Hassan", "Ingrid", "Jonas"]
LAST = ["Petrov", "Larsen", "Okafor", "Haddad", "Novak", "Berg", "Silva", "Kowalski", "Tanaka", "Moreau"]
PLACES = ["Tarnow", "Elsbury", "Varda", "Ostra", "Kessel", "Marrow", "Lindau", "Corvo"]


def article(kb: int, seed: int = 3) -> str:
    rng = random.Random(seed)
    out, size = ["A long report", "", "Report Gazette", "12 March 2021", ""], 0
    while size < kb * 1024:
        para = " ".join(f"{rng.choice(FIRST)} {rng.choice(LAST)}{rng.choice('abcdefgh')}{rng.choice('klmnoprs')} said "
                        f"on Monday that {rng.randrange(1000)} people had left {rng.choice(PLACES)}"
                        f"{rng.choice('aeiou')}{rng.choice('nrst')} in March." for _ in range(4))
        out += [para, ""]
        size += len(para) + 2
    return "\n".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kb", type=int, nargs="+", default=[100, 400, 800])
    for kb in parser.parse_args().kb:
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp) / "dossier"
            init(root)
            (root / "seeds/long.txt").write_text(article(kb), encoding="utf-8")
            start = time.perf_counter()
            result = new_source(root, root / "seeds/long.txt")
            seconds = time.perf_counter() - start
            drafts = result.sheet.read_text(encoding="utf-8").count("\n# - statement:")
        print(f"{kb:5} KB: {seconds:6.2f} s, {seconds / kb * 1000:6.2f} ms per KB, "
              f"{len(result.candidates)} candidates, {drafts} draft claims")


if __name__ == "__main__":
    main()
