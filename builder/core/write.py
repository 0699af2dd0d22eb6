"""Stage 5: pages -> files. Writes only what changed, removes stale files, refuses
two pages whose paths differ only in case (they would overwrite each other on macOS
and Windows)."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterable
from pathlib import Path

from .errors import DossierError, SourceLoc, error


def check_collisions(pages: Iterable[str]) -> None:
    """Refuse two paths that differ only in case."""
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


def stat_key(stat: os.stat_result) -> tuple[int, int, int, int]:
    """What a cache notes of a file to take it, later, for the one it read without reading
    it again: its size, modification and change times and inode. A write changes the change
    time, even one that keeps the size and sets the modification time back."""
    return stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino


def file_key(path: Path | str | None) -> tuple[int, int, int, int] | None:
    """stat_key of the file at path; None when there is none or it cannot be read (a cache
    then reads it). Used for the sheets (read/load.py), the pages in build/docs
    (pages/rendercache.py, site/htmlcache.py) and the inputs of `dossier check`."""
    if path is None:
        return None
    try:
        return stat_key(os.stat(path))
    except OSError:
        return None


def file_stat(path: Path | str) -> tuple[int, int] | None:
    """A site file's size and modification time, or None when it cannot be read
    (site/htmlcache.py): not file_key, because a page reused from the previous site is a
    hard link to its file, and linking or unlinking a file changes its change time."""
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return stat.st_size, stat.st_mtime_ns


def write_if_changed(target: Path, data: bytes) -> bool:
    """Write target unless it holds data already (its date then stays, so later stages see
    it unchanged); whether it was written."""
    if target.is_file() and target.read_bytes() == data:
        return False
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    return True


def write_pages(pages: dict[str, str | bytes], out: Path, same: frozenset[str] = frozenset()) -> dict[str, int]:
    """Make `out` hold exactly `pages`, and `same`. same: files known to be in `out` as they
    should be (pages read back from it by the render cache; data files left as they are, to
    be written later). Returns counts of written, unchanged, removed files."""
    check_collisions(pages)
    counts = {"written": 0, "unchanged": 0, "removed": 0}
    for rel, content in pages.items():
        if rel in same:
            counts["unchanged"] += 1
            continue
        data = content.encode("utf-8") if isinstance(content, str) else content
        counts["written" if write_if_changed(out / rel, data) else "unchanged"] += 1
    # What is left over: files no page claims, then folders left empty (deepest first).
    for folder, subfolders, names in os.walk(out, topdown=False):
        inside = Path(folder).relative_to(out).as_posix()
        prefix = "" if inside == "." else inside + "/"
        for name in names:
            if prefix + name not in pages and prefix + name not in same:
                os.unlink(os.path.join(folder, name))
                counts["removed"] += 1
        if folder != str(out) and not os.listdir(folder):
            os.rmdir(folder)
    return counts


def remove_files(site: Path, paths: set[str]) -> None:
    """Delete these files of a previous build from the site, and the folders they leave empty."""
    folders = set()
    for path in sorted(paths):
        target = site / path
        if target.is_file() and not target.is_symlink():
            target.unlink()
            folders.update(target.parents)
    for folder in sorted(folders, key=lambda f: len(f.parts), reverse=True):
        if folder != site and site in folder.parents:
            try:
                folder.rmdir()
            except OSError:
                pass  # not empty


def place_file(source: Path, target: str, folders: set[str]) -> None:
    """The previous build's page into the new site: a hard link, or a copy keeping its date.
    folders: those already made."""
    folder = os.path.dirname(target)
    if folder not in folders:
        try:
            os.mkdir(folder)  # a page's own folder, usually: its parent is there already
        except FileExistsError:
            pass
        except FileNotFoundError:
            os.makedirs(folder, exist_ok=True)
        folders.add(folder)
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)
