"""The dossier read and resolved: load -> validate -> resolve, with every problem of the
first failing stage. A floor below the pipeline, so that the build, `dossier diff` and the
Changes page (which resolve other revisions) all call the same steps."""

from __future__ import annotations

import gc
import subprocess
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from ..core.errors import DossierError, SourceLoc, error, raise_if_errors
from ..core.memo import Memo
from ..read.load import load_dossier
from ..read.validate import validate_dossier
from .resolved import Resolved
from .resolver import resolve
from .textcache import TextCache
from .withhold import Public, everything, withhold

INPUTS = ("content", "seeds")  # the folders a dossier is made of


@dataclass
class Timings:
    stages: dict[str, float] = field(default_factory=dict)

    def run(self, name: str, func, *args, **kwargs):
        start = time.perf_counter()
        result = func(*args, **kwargs)
        self.stages[name] = self.stages.get(name, 0.0) + time.perf_counter() - start
        return result


@contextmanager
def no_cyclic_gc(frozen: bool = False, lasting: bool = False):
    """The stages build many objects and free few, and none of them in cycles that matter:
    Python's cycle collector would scan the growing heap again and again (on the 10,000-source
    benchmark, 40% of the time of `dossier check`). Reference counting still frees memory.
    frozen: the objects that exist now are also left out of collections asked for explicitly
    (`gc.freeze`), so that a stage that makes cycles can collect them cheaply.
    lasting: what the block made lives on (until `dossier check` ends, or until render_pages,
    which unfreezes everything when it is done): it is frozen too, or the first collection
    after the block would scan all of it (1.2 s at 10,000 sources)."""
    enabled = gc.isenabled()
    gc.disable()
    if frozen:
        gc.freeze()
    try:
        yield
    finally:
        if frozen:
            gc.unfreeze()
        if lasting:
            gc.freeze()
        if enabled:
            gc.enable()


def committed_outputs(root: Path) -> list[str]:
    """Files under build/ that Git tracks: none where there is no build/, no Git or no work
    tree. build/ holds what Dossier made on this machine, caches it trusts included (quotes
    found, pages rendered): one that arrived with a commit could pass off a forged result."""
    if not (root / "build").exists():
        return []
    try:
        done = subprocess.run(["git", "-C", str(root), "ls-files", "-z", "--", "build"],
                              capture_output=True, timeout=60)
    except (OSError, subprocess.SubprocessError):
        return []
    if done.returncode != 0:
        return []
    return [name.decode("utf-8", "replace") for name in done.stdout.split(b"\0") if name]


def check(root: Path, timings: Timings | None = None, use_cache: bool = True, lasting: bool = False,
          private: list[Public] | None = None, memo: Memo | None = None) -> Resolved:
    """Load, validate and resolve; raise DossierError with every problem of the first failing
    stage. The model is the public dossier: nothing marked private is in it (withhold.py).
    use_cache: see load.load_dossier; with it, a build/ that Git tracks is an error
    (committed_outputs). lasting: the model is used until the process ends or renders
    (no_cyclic_gc). private: given a list, what was withheld is appended to it (for
    `dossier check` to tell the curator). memo: what the last check in this process did
    (core/memo.py; `dossier serve`)."""
    if use_cache and (committed := committed_outputs(root)):
        raise DossierError([error(
            "committed-build", f"{committed[0]} is committed to Git ({len(committed)} file(s) under "
            "build/), but build/ holds what Dossier made on this machine, caches it trusts included: "
            "remove them from Git (git rm -r --cached build) and keep build/ in .gitignore",
            SourceLoc(committed[0], 0, 0))])
    with no_cyclic_gc(lasting=lasting):
        return _check(root, timings or Timings(), use_cache, private, memo)


def _check(root: Path, timings: Timings, use_cache: bool, private: list[Public] | None,
           memo: Memo | None) -> Resolved:
    raw, problems = timings.run("load", load_dossier, root, use_cache, memo)
    raise_if_errors(problems)
    valid, problems = timings.run("validate", validate_dossier, raw, memo)
    raise_if_errors(problems)
    public = timings.run("withhold", withhold, valid)
    if public.any:  # private items are checked too, then left out
        raise_if_errors(timings.run("resolve", resolve, everything(valid), TextCache(None))[1])
    texts = TextCache(root if use_cache else None)
    resolved, problems = timings.run("resolve", resolve, public.valid, texts, memo)
    raise_if_errors(problems)
    assert resolved is not None
    for entity_id, count in public.counts.items():
        resolved.entities[entity_id].withheld = count
    if private is not None:
        private.append(public)
    return resolved
