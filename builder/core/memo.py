"""What a process that builds one dossier again and again (`dossier serve`) keeps in memory
from one build to the next, so that what did not change is neither read nor worked out
again: the data of each sheet as read, each sheet as validated, the fingerprints of the
objects pages read. Each stage keeps its own part, under its own name, and decides what
a part holds; a build without a Memo (`dossier build`, `check`) keeps nothing.

What a part keeps must be the very result the stage would compute again from the same
input (the same objects given back: later stages and fingerprints rely on it), and a part
keeps only what the last build used, so that it does not grow while the dossier does not.
Stages use a part through Reuse: results under a key, found again only for the very object
they were made from.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


class Memo:
    def __init__(self) -> None:
        self._parts: dict[str, Any] = {}

    def part(self, name: str, make: Callable[[], Any] = dict) -> Any:
        """The part kept under name, made by make() on first use."""
        if name not in self._parts:
            self._parts[name] = make()
        return self._parts[name]

    def keep(self, name: str, value: Any) -> None:
        """What the build just done used, kept for the next in place of what was kept before."""
        self._parts[name] = value


class Reuse:
    """One build's use of one part of a Memo: each result the last build made, under its key,
    with the object it was made from (held, so that an id in a key is not reused, and
    compared by identity: a key says which inputs, the object that they are the same ones).
    What this build takes again or puts is kept for the next by done(). Without a Memo it
    keeps nothing and finds nothing (`active` is False: no key need be worked out)."""

    def __init__(self, memo: Memo | None, name: str):
        self.memo, self.name = memo, name
        self.active = memo is not None
        self.old: dict = memo.part(name) if memo is not None else {}
        self.new: dict = {}

    def get(self, key: Any, source: object) -> Any:
        """The result kept under key if it was made from source itself, else None."""
        found = self.old.get(key)
        if found is None or found[0] is not source:
            return None
        self.new[key] = found
        return found[1]

    def put(self, key: Any, source: object, result: Any) -> None:
        if self.active:
            self.new[key] = (source, result)

    def done(self) -> None:
        if self.memo is not None:
            self.memo.keep(self.name, self.new)
