"""Locks the kernel releases when their process ends, however it ends (fcntl.flock): one
build of a dossier at a time (build/.lock: `dossier build`, `bundle`, each rebuild of
`serve`), and the temporary folders beside site/, which a run deletes only once the build
that made them is gone (site.py). Neither a pid file (pids are reused, and mean nothing in
another container sharing the folder) nor the age of a folder can tell that.

A lock belongs to the open file, which forked children share: a child that ends (closing
its copy) does not release it; release() unlocks only in the process that locked. Where
fcntl is missing (Windows) nothing is locked: every lock is granted."""

from __future__ import annotations

import errno
import os
import stat
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from .errors import DossierError, SourceLoc, error, no_content
from .outputs import link_problem, refuse

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None

LOCK_FILE = ".lock"  # in build/: held by the build of the dossier that is running


@dataclass
class Held:
    """An open lock file whose exclusive lock this process holds, its pid written in it
    (without fcntl: closed at once, since Windows could not delete it while open)."""

    fd: int | None
    pid: int

    def release(self) -> None:
        """Unlock and close; in a forked child, only close (the lock stays with its holder)."""
        if self.fd is None:
            return
        if os.getpid() == self.pid:
            os.ftruncate(self.fd, 0)  # no pid of a build that is over for holder() to read
            fcntl.flock(self.fd, fcntl.LOCK_UN)
        os.close(self.fd)


def take(path: Path, wait: bool = False, create: bool = True) -> Held | None:
    """The lock of path (created if missing, unless create is False; never through a symbolic
    link), or None when another process holds it and wait is False."""
    flags = (os.O_RDWR | (os.O_CREAT if create else 0)
             | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))  # a pipe must not block the open
    fd = os.open(path, flags, 0o644)
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):  # a pipe or a device put there: name it
            raise OSError(errno.EINVAL, "not a regular file", str(path))
        if fcntl is not None:
            fcntl.flock(fd, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
    except BlockingIOError:
        os.close(fd)
        return None
    except BaseException:
        os.close(fd)
        raise
    if fcntl is None:
        os.close(fd)
        return Held(None, os.getpid())
    return Held(fd, os.getpid())


def holder(path: Path, patience: float = 0.5) -> int | None:
    """The pid written in a lock file by the process that holds it, or None: a process that
    has just taken the lock writes it a moment later, hence the patience (seconds)."""
    deadline = time.monotonic() + patience
    while True:
        try:
            text = path.read_text(encoding="ascii", errors="replace").strip()
        except OSError:
            return None
        if text.isdigit() or time.monotonic() > deadline:
            return int(text) if text.isdigit() else None
        time.sleep(0.01)


def _pid(path: Path) -> str:
    pid = holder(path)
    return f" (pid {pid})" if pid else ""


@contextmanager
def one_build(build_dir: Path, root: Path, command: str,
              waiting: Callable[[str], None] | None = None) -> Iterator[None]:
    """Hold the dossier's build lock for the block. Held by another process: an error naming
    it, or, given waiting (`dossier serve`, which runs for hours and must not stop),
    waiting("another build of this dossier (pid N)") and then wait for it."""
    if not (root / "content").is_dir():  # not a dossier: make no build/ folder in it
        raise DossierError([no_content()])
    path = build_dir / LOCK_FILE
    refuse(link_problem(path, root), path)
    build_dir.mkdir(parents=True, exist_ok=True)
    held = take(path)
    if held is None and waiting is not None:
        waiting(f"another build of this dossier{_pid(path)}")
        held = take(path, wait=True)
    if held is None:
        raise DossierError([error("busy", f"another build of this dossier is running{_pid(path)}; "
                                  "wait for it to finish, or stop it",
                                  SourceLoc(f"dossier {command}", 0, 0))])
    try:
        yield
    finally:
        held.release()
