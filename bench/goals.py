"""The build's table of goals (issues 13 and 28), measured on one synthetic dossier, with
`dossier` run as a user runs it (a new process each time):

    python bench/goals.py [--sources 1000 [--sources 10000]] [--search] [--serve]
                          [--baseline CHECKOUT] [--save NOW.json] [--before BEFORE.json] [--keep DIR]

Prints the builder's time per page, the whole build against a bare `mkdocs build` of the
same generated Markdown, a rebuild with nothing changed and one after a one-word edit (as
ratios to the clean build), the peak memory of a build, and `dossier check` cold (no sheet
cache), warm (nothing changed: the last report given again) and after a one-sheet edit;
with --search, the first search on the site built (bench/search.py); with --serve, how
long `dossier serve` takes to show a one-word edit (bench/serve.py); with --baseline, the
clean build of the same dossier by the builder of another checkout (a `git
worktree` of an earlier commit), run right after this one's, as a ratio. Each row says its
goal where the issue sets one. --save writes the figures to a JSON file; --before
reads such a file (from an earlier commit) and prints its figures under each row's.
"""

from __future__ import annotations

import argparse
import datetime
import json
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import generate as make_dossier  # noqa: E402

PYTHON = sys.executable


def tree_rss(pid: int) -> int:
    """Memory (kB) of a process and all its descendants, from /proc: their proportional set
    sizes, so that pages a forked worker shares with its parent count once."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            status = (entry / "status").read_text()
        except OSError:
            continue
        fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
        children.setdefault(int(fields["PPid"]), []).append(int(entry.name))
        rss[int(entry.name)] = int(fields.get("VmRSS", "0 kB").split()[0])
    for pid_ in list(rss):
        try:
            rollup = (Path("/proc") / str(pid_) / "smaps_rollup").read_text()
        except OSError:
            continue
        pss = [line.split()[1] for line in rollup.splitlines() if line.startswith("Pss:")]
        if pss:
            rss[pid_] = int(pss[0])
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        total += rss.get(current, 0)
        todo.extend(children.get(current, []))
    return total


def run(*args: str, cwd: Path) -> tuple[float, str, float]:
    """Seconds, stdout and peak resident memory (MB) of one command in its own process, with
    the processes it forks counted together (sampled every 0.1 s)."""
    start = time.perf_counter()
    done = subprocess.Popen(args, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak = 0
    out: list[str] = []
    reader = threading.Thread(target=lambda: out.append(done.stdout.read()))
    errors: list[str] = []
    err_reader = threading.Thread(target=lambda: errors.append(done.stderr.read()))
    reader.start()
    err_reader.start()
    while done.poll() is None:
        peak = max(peak, tree_rss(done.pid))
        time.sleep(0.1)
    reader.join()
    err_reader.join()
    seconds = time.perf_counter() - start
    if done.returncode:
        sys.exit(f"{' '.join(args)} failed:\n{errors[0][-2000:]}")
    return seconds, out[0], peak / 1024


def stages(stdout: str) -> dict[str, float]:
    """The stage times `dossier build` prints: "built ... (load 0.10 s, ..., mkdocs 73.97 s)"."""
    return {name: float(value) for name, value in re.findall(r"(\w+) ([\d.]+) s", stdout.split("(", 1)[-1])}


def converted(stdout: str) -> str:
    """What the HTML stage did, as `dossier build` says it: "... 12 pages converted, 3000 reused"."""
    found = re.search(r": ([^(]*pages? converted[^(]*) \(", stdout)
    return found.group(1) if found else "pages converted: not reported"


def measure(n: int, tmp: Path, with_bare: bool = True,
            baseline: Path | None = None) -> tuple[list[tuple[str, str]], Path]:
    """The rows for a synthetic dossier of n sources; the dossier (built) stays in tmp."""
    dossier = [PYTHON, "-m", "builder"]
    root = make_dossier(tmp / f"d{n}", n)
    shutil.copy(HERE.parent / "mkdocs.yml", root / "mkdocs.yml")
    env_root = str(HERE.parent)
    cmd = lambda *a: ["env", f"PYTHONPATH={env_root}", *dossier, *a]  # noqa: E731
    clean, out, peak = run(*cmd("build"), cwd=root)
    compared = []
    if baseline is not None:  # the same clean build by another checkout's builder, right after
        other = tmp / f"d{n}-baseline"
        shutil.copytree(root, other, ignore=shutil.ignore_patterns("build", "site"))
        theirs, _, _ = run("env", f"PYTHONPATH={baseline}", *dossier, "build", cwd=other)
        shutil.rmtree(other)
        commit = subprocess.run(["git", "-C", str(baseline), "rev-parse", "--short", "HEAD"],
                                capture_output=True, text=True).stdout.strip()
        compared = [("clean build / at the baseline", f"{clean / theirs:.2f} ({clean:.1f} s against "
                                                      f"{theirs:.1f} s at {commit}, back to back)")]
    t = stages(out)
    pages = sum(1 for _ in (root / "build/docs").rglob("*.md"))
    builder = sum(v for k, v in t.items() if k != "mkdocs")
    if with_bare:
        bare, _, bare_peak = run(PYTHON, "-m", "mkdocs", "build", "-q", "-f", "build/mkdocs.yml", "-d",
                                 str(tmp / f"bare{n}"), cwd=root)
        shutil.rmtree(tmp / f"bare{n}")
    again, again_out, _ = run(*cmd("build"), cwd=root)
    sheet = sorted((root / "content/people").glob("*.yml"))[0]
    sheet.write_text(sheet.read_text(encoding="utf-8").replace("Synthetic entity", "Generated entity", 1),
                     encoding="utf-8")
    edited, edited_out, _ = run(*cmd("build"), cwd=root)
    te = stages(edited_out)
    edited_builder = sum(v for k, v in te.items() if k != "mkdocs")
    cache = root / "build" / "cache"
    for path in cache.glob("*"):
        if path.name != "html.marshal":
            shutil.rmtree(path) if path.is_dir() else path.unlink()
    cold, _, _ = run(*cmd("check"), cwd=root)
    warm = min(run(*cmd("check"), cwd=root)[0] for _ in range(3))
    other = sorted((root / "content/people").glob("*.yml"))[1]  # as a pre-commit hook finds it
    other.write_text(other.read_text(encoding="utf-8").replace("Synthetic entity", "Generated entity", 1),
                     encoding="utf-8")
    after_edit, _, _ = run(*cmd("check"), cwd=root)
    rows = [
        ("pages", f"{pages}"),
        ("builder ms/page", f"{1000 * builder / pages:.2f} (builder {builder:.1f} s: "
                            + ", ".join(f"{k} {v:.2f}" for k, v in t.items() if k != "mkdocs") + ")"),
        ("clean build", f"{clean:.1f} s (MkDocs {t.get('mkdocs', 0):.1f} s)"),
        ("whole build / bare mkdocs build", f"{clean / bare:.2f} ({bare:.1f} s bare)" if with_bare else "not run"),
        ("no-change rebuild / clean build", f"{again / clean:.2f} ({again:.1f} s; {converted(again_out)})"),
        ("one-edit rebuild / clean build", f"{edited / clean:.2f} ({edited:.1f} s; {converted(edited_out)})"),
        ("builder ms/page, one-edit rebuild", f"{1000 * edited_builder / pages:.2f} (builder {edited_builder:.1f} s: "
                                              + ", ".join(f"{k} {v:.2f}" for k, v in te.items() if k != "mkdocs") + ")"),
        ("peak memory of a build", f"{peak:.0f} MB, all its processes together"
                                   + (f" (bare mkdocs: {bare_peak:.0f} MB)" if with_bare else "")),
        ("dossier check, cold / warm", f"{cold:.2f} s / {warm:.2f} s"),
        ("dossier check, one sheet edited", f"{after_edit:.2f} s"),
        *compared,
    ]
    return rows, root


# The issues' goals: (row, sources) -> goal; sources None: at every size (issue 28's where
# it set one, else issue 13's).
GOALS: dict[tuple[str, int | None], str] = {
    ("builder ms/page", 1000): "<= 1.0",
    ("builder ms/page", None): "<= 0.5, linear in the size",
    ("whole build / bare mkdocs build", None): "<= 1.1",
    ("one-edit rebuild / clean build", None): "<= 0.2",
    ("one-edit rebuild / clean build", 10000): "one-word edit <= 10 s",
    ("clean build", 1000): "<= 17 s",
    ("clean build", 10000): "<= 180 s",
    ("clean build / at the baseline", None): "<= 0.33",
    ("peak memory of a build", 10000): "<= 1,536 MB",
    ("dossier check, cold / warm", 10000): "warm <= 5 s",
    ("dossier serve, one-word edit shown", 1000): "<= 2 s",
    ("first search, offline (shards)", 1000): "<= 0.5 s (at 2,000 pages or more)",
    ("first search, web (shards)", 10000): "<= 0.3 s, <= 1 MB loaded (at 30,000 pages)",
}


def goal(row: str, n: int) -> str:
    return GOALS.get((row, n)) or GOALS.get((row, None)) or ""


def serve_rows(root: Path, tmp: Path) -> list[tuple[str, str]]:
    import serve as serve_bench
    (first, _), *edits = serve_bench.measure(root, 3, tmp / "serve.log")
    waits = [waited for waited, _ in edits]
    return [("dossier serve, one-word edit shown",
             f"{statistics.median(waits):.2f} s median ({', '.join(f'{w:.2f}' for w in waits)}; "
             f"first build served after {first:.1f} s)")]


def main() -> None:
    parser = argparse.ArgumentParser(description=" ".join(__doc__.split("\n\n")[0].split()))
    parser.add_argument("--sources", type=int, action="append", default=[],
                        help="a synthetic dossier of N sources (repeatable; default 1000)")
    parser.add_argument("--keep", help="keep the built dossiers in this folder (it must not exist)")
    parser.add_argument("--no-bare", action="store_true", help="skip the bare `mkdocs build` (20 min at 10,000)")
    parser.add_argument("--search", action="store_true", help="also time the first search on the site built "
                        "(bench/search.py: on the web; offline too up to 1,000 sources)")
    parser.add_argument("--serve", action="store_true", help="also time `dossier serve` showing a one-word edit "
                        "(bench/serve.py; three edits)")
    parser.add_argument("--baseline", help="a checkout of another commit (git worktree add DIR COMMIT): its "
                        "clean build of the same dossier, right after this one's, as a ratio")
    parser.add_argument("--save", help="write the figures to this JSON file")
    parser.add_argument("--before", help="a JSON file written by --save at an earlier commit: its figures "
                        "are printed under each row's")
    args = parser.parse_args()
    before = json.loads(Path(args.before).read_text(encoding="utf-8")) if args.before else None
    commit = subprocess.run(["git", "-C", str(HERE.parent), "rev-parse", "--short", "HEAD"],
                            capture_output=True, text=True).stdout.strip() or "unknown"
    saved: dict = {"commit": commit, "date": datetime.date.today().isoformat(), "sources": {}}
    with tempfile.TemporaryDirectory() as scratch:
        tmp = Path(args.keep) if args.keep else Path(scratch)
        tmp.mkdir(parents=True, exist_ok=not args.keep)
        baseline = Path(args.baseline).resolve() if args.baseline else None
        for n in args.sources or [1000]:
            rows, root = measure(n, tmp, not args.no_bare, baseline)
            if args.search:  # the first search on the site just built (bench/search.py)
                import search as search_bench
                mode = "shards" if (root / "site/search/manifest.js").is_file() else "theme"
                where = ["web", "offline"] if n <= 1000 else ["web"]
                rows += search_bench.measure(root, [mode], where, 3, False, built=True)
            if args.serve:
                rows += serve_rows(root, tmp)
            saved["sources"][str(n)] = dict(rows)
            old = (before or {}).get("sources", {}).get(str(n), {})
            print(f"{n} sources, at {commit}" + (f"; before: {before['commit']} ({before['date']})" if before else ""))
            for name, value in rows:
                wanted = goal(name, n)
                print(f"  {name:34} {value}" + (f"   [goal {wanted}]" if wanted else ""), flush=True)
                if before is not None:
                    print(f"  {'':34} before: {old.get(name, 'not measured')}", flush=True)
    if args.save:
        Path(args.save).write_text(json.dumps(saved, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
