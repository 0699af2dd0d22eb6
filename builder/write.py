"""Stage 5: pages -> files. Writes only what changed, removes stale files, refuses
two pages whose paths differ only in case (they would overwrite each other on macOS
and Windows)."""

from __future__ import annotations

from pathlib import Path

from .errors import DossierError, SourceLoc, error


def check_collisions(pages: dict[str, str | bytes]) -> None:
    seen: dict[str, str] = {}
    problems = []
    for path in sorted(pages):
        key = path.casefold()
        if key in seen:
            problems.append(error("path-collision", f"pages '{seen[key]}' and '{path}' differ "
                                  "only in case; rename one of the ids", SourceLoc(path)))
        seen[key] = path
    if problems:
        raise DossierError(problems)


def write_pages(pages: dict[str, str | bytes], out: Path) -> dict[str, int]:
    """Make `out` hold exactly `pages`. Returns counts of written, unchanged, removed files."""
    check_collisions(pages)
    counts = {"written": 0, "unchanged": 0, "removed": 0}
    for rel, content in pages.items():
        data = content.encode("utf-8") if isinstance(content, str) else content
        target = out / rel
        if target.is_file() and target.read_bytes() == data:
            counts["unchanged"] += 1
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        counts["written"] += 1
    wanted = {out / rel for rel in pages}
    for path in sorted(out.rglob("*"), reverse=True):
        if path.is_file() and path not in wanted:
            path.unlink()
            counts["removed"] += 1
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()
    return counts
