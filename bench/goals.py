"""Issue 13's table of goals, measured on one synthetic dossier, with `dossier` run as a
user runs it (a new process each time):

    python bench/goals.py [--sources 1000]

Prints the builder's time per page, the whole build against a bare `mkdocs build` of the
same generated Markdown, a rebuild with nothing changed and one after a one-word edit (as
ratios to the clean build), the peak memory of a build, and `dossier check` cold (no sheet
cache) and warm. Search is measured apart: bench/search.py.
"""

from __future__ import annotations

import argparse
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import generate as make_dossier  # noqa: E402

PYTHON = sys.executable


def run(*args: str, cwd: Path) -> tuple[float, str, float]:
    """Seconds, stdout and peak resident memory (MB) of one command in its own process."""
    wrapper = ("import resource, subprocess, sys; done = subprocess.run(sys.argv[1:], capture_output=True, text=True);"
               " sys.stdout.write(done.stdout); sys.stderr.write(done.stderr);"
               " print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr); sys.exit(done.returncode)")
    start = time.perf_counter()
    done = subprocess.run([PYTHON, "-c", wrapper, *args], cwd=cwd, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if done.returncode:
        sys.exit(f"{' '.join(args)} failed:\n{done.stderr[-2000:]}")
    peak = int(done.stderr.strip().splitlines()[-1]) / 1024
    return seconds, done.stdout, peak


def stages(stdout: str) -> dict[str, float]:
    """The stage times `dossier build` prints: "built ... (load 0.10 s, ..., mkdocs 73.97 s)"."""
    return {name: float(value) for name, value in re.findall(r"(\w+) ([\d.]+) s", stdout.split("(", 1)[-1])}


def converted(stdout: str) -> str:
    """What the HTML stage did, as `dossier build` says it: "... 12 pages converted, 3000 reused"."""
    found = re.search(r": ([^(]*pages? converted[^(]*) \(", stdout)
    return found.group(1) if found else "pages converted: not reported"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sources", type=int, default=1000)
    n = parser.parse_args().sources
    dossier = [PYTHON, "-m", "builder"]
    with tempfile.TemporaryDirectory() as tmp:
        root = make_dossier(Path(tmp) / "d", n)
        shutil.copy(HERE.parent / "mkdocs.yml", root / "mkdocs.yml")
        env_root = str(HERE.parent)
        cmd = lambda *a: ["env", f"PYTHONPATH={env_root}", *dossier, *a]  # noqa: E731
        clean, out, peak = run(*cmd("build"), cwd=root)
        t = stages(out)
        pages = sum(1 for _ in (root / "build/docs").rglob("*.md"))
        builder = sum(v for k, v in t.items() if k != "mkdocs")
        bare, _, _ = run(PYTHON, "-m", "mkdocs", "build", "-q", "-f", "build/mkdocs.yml", "-d", str(Path(tmp) / "bare"),
                         cwd=root)
        again, again_out, _ = run(*cmd("build"), cwd=root)
        sheet = sorted((root / "content/people").glob("*.yml"))[0]
        sheet.write_text(sheet.read_text(encoding="utf-8").replace("Synthetic entity", "Generated entity", 1),
                         encoding="utf-8")
        edited, edited_out, _ = run(*cmd("build"), cwd=root)
        shutil.rmtree(root / "build" / "cache", ignore_errors=True)
        cold, _, _ = run(*cmd("check"), cwd=root)
        warm = min(run(*cmd("check"), cwd=root)[0] for _ in range(3))
    rows = [
        ("pages", f"{pages}"),
        ("builder ms/page", f"{1000 * builder / pages:.2f} (builder {builder:.1f} s: "
                            + ", ".join(f"{k} {v:.2f}" for k, v in t.items() if k != "mkdocs") + ")"),
        ("clean build", f"{clean:.1f} s (MkDocs {t.get('mkdocs', 0):.1f} s)"),
        ("whole build / bare mkdocs build", f"{clean / bare:.2f} ({bare:.1f} s bare)"),
        ("no-change rebuild / clean build", f"{again / clean:.2f} ({again:.1f} s; {converted(again_out)})"),
        ("one-edit rebuild / clean build", f"{edited / clean:.2f} ({edited:.1f} s; {converted(edited_out)})"),
        ("peak memory of a build", f"{peak:.0f} MB"),
        ("dossier check, cold / warm", f"{cold:.2f} s / {warm:.2f} s"),
    ]
    print(f"{n} sources")
    for name, value in rows:
        print(f"  {name:34} {value}")


if __name__ == "__main__":
    main()
