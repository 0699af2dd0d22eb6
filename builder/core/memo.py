"""What a process that builds one dossier again and again (`dossier serve`) keeps in memory
from one build to the next, so that what did not change is neither read nor worked out
again: the data of each sheet as read, each sheet as validated, the fingerprints of the
objects pages read. Each stage keeps its own part, under its own name, and decides what
a part holds; a build without a Memo (`dossier build`, `check`) keeps nothing.

What a part keeps must be the very result the stage would compute again from the same
input (the same objects given back: later stages and fingerprints rely on it), and a part
keeps only what the last build used, so that it does not grow while the dossier does not.
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
