"""Git: running it, and the dossier as it was at a revision (content/ and seeds/ unpacked
without links, then checked). Used by `dossier diff`, the Changes page and the offline
copy's content version."""

from __future__ import annotations

import io
import subprocess
import tarfile
import tempfile
from pathlib import Path

from ..resolve.dossier import INPUTS, check
from ..core.errors import DossierError, SourceLoc, error
from ..resolve.resolved import Resolved


def git(root: Path, *args: str, binary: bool = False):
    """The output of a git command run in root; DossierError when it fails or git is missing."""
    try:
        done = subprocess.run(["git", "-C", str(root), *args], capture_output=True,
                              text=not binary, timeout=120)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise DossierError([error("git", f"cannot run git: {exc}; install Git",
                                  SourceLoc(str(root)))]) from None
    if done.returncode != 0:
        message = done.stderr if not binary else done.stderr.decode(errors="replace")
        raise DossierError([error("git", f"git {' '.join(args[:2])}: {message.strip()}",
                                  SourceLoc(str(root)))])
    return done.stdout


def checkout(root: Path, revision: str, target: Path) -> Path:
    """content/ and seeds/ as they were at revision, unpacked into target."""
    try:
        inside = git(root, "rev-parse", "--is-inside-work-tree").strip() == "true"
    except DossierError:
        inside = False
    if not inside:
        raise DossierError([error("no-repository", f"{root} is not in a Git repository: dossier diff "
                                  "compares revisions of the dossier's Git repository; run it in "
                                  "your checkout (or pass --root), or `git init` and commit first",
                                  SourceLoc(str(root)))])
    try:
        git(root, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}")
    except DossierError:
        raise DossierError([error("unknown-revision", f"'{revision}' is not a commit of the Git "
                                  f"repository at {root}; give a branch, tag or commit (git log "
                                  "lists them)", SourceLoc(str(root)))]) from None
    prefix = git(root, "rev-parse", "--show-prefix").strip()
    listed = git(root, "ls-tree", "--name-only", f"{revision}:{prefix}").split()
    present = [name for name in INPUTS if name in listed]
    target.mkdir(parents=True, exist_ok=True)
    if present:
        data = git(root, "archive", "--format=tar", f"{revision}:{prefix}", *present, binary=True)
        with tarfile.open(fileobj=io.BytesIO(data)) as archive:
            # Links are never unpacked (what they point to is not the dossier's); a sheet that
            # uses one then fails to check at that revision, as it would in a working tree.
            files = [m for m in archive.getmembers() if m.isfile() or m.isdir()]
            archive.extractall(target, members=files, filter="data")
    for name in INPUTS:
        (target / name).mkdir(exist_ok=True)
    return target


def load_revision(root: Path, revision: str | None) -> Resolved | None:
    """The resolved dossier at revision (None: the working tree); None when it has no content."""
    if revision is None:
        return check(root)
    with tempfile.TemporaryDirectory(prefix="dossier-diff-") as tmp:
        folder = checkout(root, revision, Path(tmp))
        if not (folder / "content" / "dossier.yml").is_file():
            return None
        try:
            return check(folder, use_cache=False)
        except DossierError as exc:
            raise DossierError([error("revision-invalid", f"the dossier at {revision} does not "
                                      f"check ({len(exc.diagnostics)} errors, first: "
                                      f"{exc.diagnostics[0]})", SourceLoc(str(root)))]) from None
