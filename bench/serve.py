"""How long a curator waits, with `dossier serve` running, between saving a one-word edit
and the page showing it:

    python bench/serve.py [--sources 1000] [--edits 3]

Generates a synthetic dossier, starts `dossier serve`, waits for the first build, then
edits one entity's description several times and polls that entity's page over HTTP until
the new word is there. Prints each wait and what the server said it did.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent / "tests")]

from browsing import fetch, free_port  # noqa: E402
from generate import generate as make_dossier  # noqa: E402


def wait_for(url: str, text: str, limit: float) -> float:
    start = time.perf_counter()
    while time.perf_counter() - start < limit:
        if text in fetch(url):
            return time.perf_counter() - start
        time.sleep(0.05)
    raise SystemExit(f"{text!r} not shown at {url} after {limit} s")


def measure(root: Path, edits: int, log_path: Path) -> list[tuple[float, str]]:
    """Serve the dossier at root (edited, then restored), wait for the first build, then edit
    one entity's description `edits` times: each wait and what the server said it did."""
    port = free_port()
    results: list[tuple[float, str]] = []
    with open(log_path, "w+", encoding="utf-8") as log:
        server = subprocess.Popen([sys.executable, "-m", "builder", "serve", "--root", str(root),
                                   "--dev-addr", f"127.0.0.1:{port}"], cwd=HERE.parent,
                                  stdout=log, stderr=subprocess.STDOUT, text=True)
        sheet = sorted((root / "content/people").glob("*.yml"))[0]
        text = sheet.read_text(encoding="utf-8")
        try:
            url = f"http://127.0.0.1:{port}/people/{sheet.stem}/"
            before = next(line.split(":", 1)[1].strip() for line in text.splitlines()
                          if line.startswith("description:"))
            word = before.split()[0]
            results.append((wait_for(url, word, 1800), "first build"))
            for n in range(edits):
                new = f"Edited{n}"
                sheet.write_text(text.replace(word, new, 1), encoding="utf-8")
                waited = wait_for(url, new, 600)
                time.sleep(1)  # let the server print its line
                said = [line for line in open(log_path, encoding="utf-8") if "rebuilt in" in line]
                results.append((waited, said[-1].strip() if said else "?"))
        finally:
            sheet.write_text(text, encoding="utf-8")
            server.terminate()
            server.wait(timeout=60)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sources", type=int, default=1000)
    parser.add_argument("--edits", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = make_dossier(Path(tmp) / "d", args.sources)
        shutil.copy(HERE.parent / "mkdocs.yml", root / "mkdocs.yml")
        (first, _), *edits = measure(root, args.edits, Path(tmp) / "serve.log")
        print(f"{args.sources} sources: first page served after {first:.1f} s")
        for n, (waited, said) in enumerate(edits, 1):
            print(f"  edit {n}: shown after {waited:.2f} s ({said})")


if __name__ == "__main__":
    main()
