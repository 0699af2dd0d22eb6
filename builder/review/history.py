"""The dossier's history for the "Changes" page: each Git commit that changed content/ or
seeds/, compared with its parent the way `dossier diff` compares two revisions, newest
first.

A commit's comparison never changes, so it is kept in build/history.json under the commit
id (and a hash of the builder's code, so a new builder compares afresh): a build compares
only the commits it has not seen before, and each revision is resolved once.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict
from pathlib import Path

from ..model.changes import NO_HISTORY, Change, History
from .diff import DossierDiff, compare
from ..resolve.dossier import INPUTS
from ..core.errors import DossierError
from ..core.resources import builder_files
from ..model.sheets import KIND_LABEL
from ..resolve.resolved import Resolved
from .revisions import git, load_revision

CACHE_FILE = "history.json"
_FIELD = "\x1f"


def _code_hash() -> str:
    digest = hashlib.sha256()
    for path in builder_files():
        if path.suffix == ".py":
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _items(d: DossierDiff) -> tuple[tuple[str, str, str], ...]:
    items = [(f"{KIND_LABEL[k]} added", i, n) for k, i, n in d.added]
    items += [(f"{KIND_LABEL[k]} removed", "", n) for k, i, n in d.removed]
    items += [(f"{KIND_LABEL[k]}'s name changed", i, f"{a} → {b}") for k, i, a, b in d.renamed]
    items += [("Article text changed", i, t) for i, t, _, _ in d.texts_changed]
    claim = lambda c: f"{c.property}: {c.text}" if c.property else c.text
    items += [("Claim added", "", f"{n}: {claim(c)}") for n, c in d.claims_added]
    items += [("Claim removed", "", f"{n}: {claim(c)}") for n, c in d.claims_removed]
    changed = lambda a, b: (f"{a.text} → {b.text}" if a.text != b.text or a.qualifiers == b.qualifiers else
                            f"{a.text} ({'; '.join(sorted(b.qualifiers)) or 'no qualifier'})")
    items += [("Claim changed", "", f"{n}: {a.property + ': ' if a.property else ''}{changed(a, b)}")
              for n, a, b in d.claims_changed]
    items += [("Key fact added", "", f"{n}: {f.label}: {f.text}") for n, f in d.facts_added]
    items += [("Key fact removed", "", f"{n}: {f.label}: {f.text}") for n, f in d.facts_removed]
    items += [("Key fact cited anew", "", f"{n}: {a.label}: {a.text} ({len(a.citations)} → {len(b.citations)} "
               f"citation{'s' if len(b.citations) != 1 else ''})") for n, a, b in d.facts_recited]
    items += [("Sources now differ", "", f"{n}: {p}") for n, p in d.disagreements_new]
    items += [("Sources no longer differ", "", f"{n}: {p}") for n, p in d.disagreements_resolved]
    items += [("Kind of difference changed", "", f"{n}: {p}: {a} → {b}") for n, p, a, b in d.kinds_changed]
    return tuple(items)


def _first_version(r: Resolved) -> str:
    claims = sum(len(e.claims) for e in r.entities.values())
    return (f"first version of the dossier: {len(r.articles)} sources, {len(r.entities)} "
            f"entities, {claims} claims")


def _compare(root: Path, commit: str, parent: str | None, memo: dict) -> tuple[str, tuple]:
    """The summary and items of one commit; memo holds the previous commit's revision."""
    def resolved(revision: str | None):
        if revision is not None and revision not in memo:
            try:
                memo[revision] = load_revision(root, revision)
            except DossierError as exc:
                memo[revision] = exc.diagnostics[0].code
        return memo.get(revision)

    new, old = resolved(commit), resolved(parent)
    memo.clear()
    memo[commit] = new  # commits come oldest first: the next one's parent, mostly
    if isinstance(new, str):
        return "the dossier at this commit does not pass dossier check; not compared", ()
    if old == "unknown-revision":
        return "the commit before it is not in this copy of the repository; not compared", ()
    if isinstance(old, str):
        return "the dossier before this commit did not pass dossier check; not compared", ()
    if new is None:
        return "the dossier was removed", ()
    if old is None:
        return _first_version(new), ()
    d = compare(old, new, pages=False)
    return d.summary(), _items(d)


def load_history(root: Path, build_dir: Path) -> History:
    """The Changes page's data; never fails the build: without Git it says why."""
    try:
        git(root, "rev-parse", "--git-dir")
        log = git(root, "log", "--no-merges", f"--format=%H{_FIELD}%cs{_FIELD}%P{_FIELD}%s",
                  "--", *INPUTS)
    except DossierError:
        return History([], NO_HISTORY)
    commits = [line.split(_FIELD, 3) for line in log.splitlines() if line]
    cache_path = build_dir / CACHE_FILE
    key = _code_hash()
    try:
        cache = json.loads(cache_path.read_text(encoding="utf-8"))
        cached = cache["commits"] if cache.get("code") == key else {}
    except (OSError, ValueError, KeyError, TypeError):
        cached = {}
    memo: dict = {}
    changes: list[Change] = []
    for commit, date, parents, subject in reversed(commits):  # oldest first
        if commit in cached:
            entry = cached[commit]
            change = Change(commit, date, subject, entry["summary"],
                            tuple(tuple(i) for i in entry["items"]))
        else:
            parent = parents.split()[0] if parents else None
            summary, items = _compare(root, commit, parent, memo)
            change = Change(commit, date, subject, summary, items)
        changes.append(change)
    changes.reverse()
    build_dir.mkdir(parents=True, exist_ok=True)
    cache_path.write_text(json.dumps(
        {"code": key, "commits": {c.commit: {"summary": c.summary, "items": asdict(c)["items"]}
                                  for c in changes}}, ensure_ascii=False, indent=0), encoding="utf-8")
    notes = []
    if not changes:
        notes.append("No commit has changed content/ or seeds/ yet.")
    if git(root, "rev-parse", "--is-shallow-repository").strip() == "true":
        notes.append("This copy of the repository holds only part of its history (a shallow "
                     "clone), so older changes are not listed.")
    if git(root, "status", "--porcelain", "--", *INPUTS).strip():
        notes.append("Changes not yet committed are not listed.")
    return History(changes, " ".join(notes))
