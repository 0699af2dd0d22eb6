"""`dossier check`'s last report, given again while nothing it read has changed.

A pre-commit hook, an editor and CI run `dossier check` again and again on the same files.
The report depends only on the dossier's inputs (every file under content/ and seeds/), the
project's mkdocs.yml, the options, the builder's code and libraries, and today's date (a
date in the future is a warning): all of them go into one key. The inputs are taken as
unchanged while each entry's kind, size, modification and change time and inode are
(core/write.stat_key, as the caches take a file for the one they read). A file changed
less than SETTLED seconds before the check began might change again within the same clock
tick, so no report is kept then (Git's "racily clean" entries). A dossier with a link to a
folder (content/ or seeds/ themselves, or one inside them) has no memo: what changes behind
it would not show here. Any failure to read or write the memo just means checking again.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import os
import time
from pathlib import Path

from ..core.errors import Diagnostic, SourceLoc
from ..core.outputs import link_on_the_way, replace_file
from ..core.write import stat_key
from ..pages.rendercache import code_key
from ..resolve.dossier import INPUTS

SETTLED = 2.0  # seconds


class _LinkedFolder(Exception):
    """A link to a folder among the inputs."""


def _walk(h, folder: Path, shown: str) -> int:
    """Feed h every entry under folder, sorted, without following links (a link's target is
    fed as what it points to); the newest change time seen (ns)."""
    newest = 0
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as exc:
        h.update(f"{shown}\0unreadable {exc.errno}\n".encode("utf-8", "surrogateescape"))
        return 0
    for entry in entries:
        name = f"{shown}/{entry.name}"
        try:
            st = entry.stat(follow_symlinks=False)
        except OSError:
            h.update(f"{name}\0gone\n".encode("utf-8", "surrogateescape"))
            continue
        stats = [(st.st_mode, *stat_key(st))]
        newest = max(newest, st.st_ctime_ns, st.st_mtime_ns)
        if entry.is_symlink():
            if entry.is_dir():
                raise _LinkedFolder(name)
            try:
                target = os.stat(entry.path)
                stats.append((target.st_mode, *stat_key(target), os.readlink(entry.path)))
                newest = max(newest, target.st_ctime_ns, target.st_mtime_ns)
            except OSError:
                stats.append(("dangling",))
        h.update(f"{name}\0{stats}\n".encode("utf-8", "surrogateescape"))
        if entry.is_dir(follow_symlinks=False):
            newest = max(newest, _walk(h, Path(entry.path), name))
    return newest


class CheckMemo:
    """The memo of one project's checks, under build/cache/check.json. options: whatever
    else the report depends on (the options, the config file's bytes), as strings."""

    def __init__(self, root: Path, options: list[str]):
        self.path = root / "build" / "cache" / "check.json"
        self.enabled = link_on_the_way(self.path, root) is None  # never write through a link
        start = time.time_ns()
        h = hashlib.sha256(code_key().encode())
        for part in [*options, datetime.date.today().isoformat()]:
            h.update(part.encode("utf-8", "surrogateescape") + b"\0")
        newest = 0
        try:
            for name in INPUTS:
                folder = root / name
                try:
                    st = os.lstat(folder)
                    h.update(f"{name}\0{st.st_mode} {os.path.realpath(folder)}\n".encode(
                        "utf-8", "surrogateescape"))
                except OSError:
                    h.update(f"{name}\0absent\n".encode())
                    continue
                if folder.is_symlink():
                    raise _LinkedFolder(name)
                newest = max(newest, _walk(h, folder, name))
        except _LinkedFolder:
            self.enabled = False
        self.key = h.hexdigest()
        self.settled = newest < start - SETTLED * 1e9

    def get(self) -> tuple[list[Diagnostic], dict | None] | None:
        """The last report, if it was made of the same inputs."""
        if not self.enabled:
            return None
        try:
            memo = json.loads(self.path.read_text(encoding="utf-8"))
            if memo["key"] != self.key:
                return None
            diagnostics = [Diagnostic(d["level"], d["code"], d["message"], SourceLoc(d["file"], d["line"], d["col"]))
                           for d in memo["diagnostics"]]
            return diagnostics, memo["summary"]
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def put(self, diagnostics: list[Diagnostic], summary: dict | None) -> None:
        if not (self.enabled and self.settled):
            return
        memo = {"key": self.key, "summary": summary,
                "diagnostics": [{"level": d.level, "code": d.code, "message": d.message, "file": d.loc.file,
                                 "line": d.loc.line, "col": d.loc.col} for d in diagnostics]}
        try:
            replace_file(self.path, json.dumps(memo, ensure_ascii=False).encode())
        except (OSError, ValueError):
            pass
