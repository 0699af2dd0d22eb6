"""Incremental rendering: the page of a source or an entity is rendered again only when
something it read has changed since the previous build.

While a page renders, each read of the model is noted as a dependency `(kind, key)`:
- reads through the model's mappings (`Tracked`: entities, articles, names, places within
  places): one item (`"entity"`, its id), whether a key is there (`"entity?"`), how many
  there are (`"entity#"`) or all of them (`"entity*"`);
- reads through the renderer's accessors (render.py: a name, a page path, a preview card,
  the sources that report on an entity...), by the value they returned.

After the build, build/cache/render.marshal keeps, for each page, the digest of its Markdown
and its dependencies, and for each dependency a fingerprint of what was read (`digest`).
The next build computes the fingerprints again on the new model; a page none of whose
dependencies changed, and whose file in build/docs is still the one written, is read back
instead of rendered. Anything else (another version of the builder's code or templates,
of Jinja2, MarkupSafe, pydantic or Babel, the dossier sheet, the URL style) renders every page.

A read the renderer does not note would leave a page stale: every reader of the model in
render.py goes through `Tracked` or an accessor that notes, and tests/test_rendercache.py
compares incremental builds after many kinds of edits with clean ones.
"""

from __future__ import annotations

import hashlib
import io
import marshal
import pickle
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from .load import RawDoc
from .outputs import link_on_the_way, replace_file

FORMAT = 1
Dep = tuple[str, Any]  # (kind, key); key None for the mapping as a whole


class Reads:
    """The dependencies of the page being rendered (None: not recording)."""

    def __init__(self) -> None:
        self.current: set[Dep] | None = None

    def note(self, kind: str, key: Any) -> None:
        if self.current is not None:
            self.current.add((kind, key))


class Tracked(Mapping):
    """A read-only view of one of the model's mappings that notes what is read."""

    __slots__ = ("data", "kind", "reads")

    def __init__(self, data: Mapping, kind: str, reads: Reads):
        self.data, self.kind, self.reads = data, kind, reads

    def __getitem__(self, key: Any) -> Any:
        self.reads.note(self.kind, key)
        return self.data[key]

    def get(self, key: Any, default: Any = None) -> Any:
        self.reads.note(self.kind, key)
        return self.data.get(key, default)

    def __contains__(self, key: object) -> bool:
        self.reads.note(self.kind + "?", key)
        return key in self.data

    def __len__(self) -> int:
        self.reads.note(self.kind + "#", None)
        return len(self.data)

    def __iter__(self) -> Iterator:
        self.reads.note(self.kind + "*", None)
        return iter(self.data)

    def keys(self):  # type: ignore[override]
        self.reads.note(self.kind + "*", None)
        return self.data.keys()

    def values(self):  # type: ignore[override]
        self.reads.note(self.kind + "*", None)
        return self.data.values()

    def items(self):  # type: ignore[override]
        self.reads.note(self.kind + "*", None)
        return self.data.items()


_MISSING = ("missing",)

_SETS = (set, frozenset)


def _sorted(value: Any) -> Any:
    if type(value) in _SETS:
        try:
            return sorted(value)
        except TypeError:
            return sorted(map(digest, value))
    return value


def _state(*parts: Any) -> None:
    """Names the state of an object in a fingerprint (never called: fingerprints are not read back)."""


def _how(kind: type) -> tuple[str, ...] | None:
    """How an object of a class is written in a fingerprint: None as pickle writes it; or the
    names of its fields that may hold a set; () for a pydantic model."""
    if issubclass(kind, BaseModel) or kind is RawDoc:
        return ()
    fields = getattr(kind, "__dataclass_fields__", None)
    names = tuple(name for name, f in (fields or {}).items() if "set" in str(f.type).lower())
    return names or None


class _Pickler(pickle.Pickler):
    """Pickles equal values to the same bytes in every process. A set's order depends on the
    process's string hashes: sets held by a dataclass (fields typed as sets) or a pydantic
    model (the set of fields given) are written sorted. A sheet's positions (RawDoc), worked
    out only when a message needs them, are left out: pages do not show them."""

    how: dict[type, tuple[str, ...] | None] = {}

    def reducer_override(self, obj: Any) -> Any:
        kind = type(obj)
        try:
            how = self.how[kind]
        except KeyError:
            how = self.how[kind] = _how(kind)
        if how is None:
            return NotImplemented
        if how:
            state = dict(obj.__dict__)
            for name in how:
                state[name] = _sorted(state.get(name))
            return _state, (kind, state)
        if kind is RawDoc:
            return _state, (kind, obj.file, obj.kind, obj.stem, obj.data)
        return _state, (kind, obj.__dict__, sorted(obj.__pydantic_fields_set__),
                        obj.__pydantic_extra__, obj.__pydantic_private__)


def digest(value: Any) -> bytes:
    """A fingerprint of a value: equal for equal values in any process (16 bytes). Unequal
    fingerprints for equal values (a set inside a list, say) only cost a page rendered again."""
    out = io.BytesIO()
    pickler = _Pickler(out, protocol=5)
    pickler.fast = True  # no memo: the bytes depend on the value, not on which objects are shared
    pickler.dump(_sorted(value))
    return hashlib.blake2b(out.getvalue(), digest_size=16).digest()


def tracked_value(data: Mapping, kind: str, key: Any) -> Any:
    """What a dependency on a Tracked mapping read, for its fingerprint."""
    if kind.endswith("?"):
        return key in data
    if kind.endswith("#"):
        return len(data)
    if kind.endswith("*"):
        return [(k, digest(v)) for k, v in data.items()]
    return data.get(key, _MISSING)


def code_key(*parts: str) -> str:
    """The render cache's key: the builder's code and templates, and what else a page depends
    on whatever it reads (versions, settings)."""
    package = Path(__file__).parent
    h = hashlib.sha256(str(FORMAT).encode())
    for path in sorted([*package.glob("*.py"), *(package / "templates").glob("*")]):
        h.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    for part in parts:
        h.update(part.encode() + b"\0")
    return h.hexdigest()


@dataclass
class Previous:
    """Where the previous build is: its render cache, the folder its pages were written to,
    and the dossier (nothing is written through a link below it); once rendering is done,
    how many source and entity pages were rendered, and which were read back unchanged."""

    cache: Path
    docs: Path
    root: Path
    rendered: int = 0
    reused: frozenset[str] = frozenset()


class RenderCache:
    """build/cache/render.marshal: {page: (digest of its Markdown, its dependencies)} and the
    fingerprint of each dependency. Any failure to read or write it means rendering everything."""

    def __init__(self, previous: Previous, key: str):
        self.path, self.docs, self.key = previous.cache, previous.docs, key
        path = self.path
        self.enabled = link_on_the_way(path, previous.root) is None
        self.deps: list[Dep] = []
        self.prints: list[bytes] = []
        self.pages: dict[str, tuple[bytes, list[int]]] = {}
        if not self.enabled:
            return
        try:
            fmt, key_, deps, prints, pages = marshal.loads(path.read_bytes())
            if fmt == FORMAT and key_ == key:
                self.deps, self.prints, self.pages = deps, prints, pages
        except (OSError, ValueError, EOFError, TypeError):
            pass

    def fresh(self, fingerprints: Callable[[list[Dep]], list[bytes]], wanted: set[str]) -> dict[str, str]:
        """The pages among wanted that need not be rendered again, with their Markdown read
        back from the docs folder."""
        if not self.pages:
            return {}
        now = fingerprints(self.deps)
        changed = {i for i, (old, new) in enumerate(zip(self.prints, now)) if old != new}
        kept: dict[str, str] = {}
        for page, (text_digest, deps) in self.pages.items():
            if page not in wanted or changed.intersection(deps):
                continue
            try:
                data = (self.docs / page).read_bytes()
            except OSError:
                continue
            if hashlib.blake2b(data, digest_size=16).digest() == text_digest:
                kept[page] = data.decode("utf-8")
        return kept

    def save(self, kept: dict[str, str], rendered: dict[str, tuple[str, dict[Dep, bytes]]]) -> None:
        """kept: pages read back (their dependencies as before); rendered: each page rendered,
        with the fingerprint of each of its dependencies."""
        if not self.enabled:
            return
        index: dict[Dep, int] = {}
        deps: list[Dep] = []
        prints: list[bytes] = []

        def number(dep: Dep, fingerprint: bytes) -> int:
            if dep not in index:
                index[dep] = len(deps)
                deps.append(dep)
                prints.append(fingerprint)
            return index[dep]

        pages: dict[str, tuple[bytes, list[int]]] = {}
        if kept:  # the old numbers of the dependencies kept pages still have, renumbered
            renumber = [0] * len(self.deps)
            for i in sorted(set().union(*(self.pages[page][1] for page in kept))):
                renumber[i] = number(self.deps[i], self.prints[i])
            for page in kept:
                text_digest, old = self.pages[page]
                pages[page] = (text_digest, [renumber[i] for i in old])
        for page, (text, found) in rendered.items():
            pages[page] = (hashlib.blake2b(text.encode("utf-8"), digest_size=16).digest(),
                           [number(dep, fingerprint) for dep, fingerprint in found.items()])
        try:
            replace_file(self.path, marshal.dumps((FORMAT, self.key, deps, prints, pages)))
        except (OSError, ValueError):
            pass

