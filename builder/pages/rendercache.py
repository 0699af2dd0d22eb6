"""Incremental rendering: the page of a source or an entity is rendered again only when
something it read has changed since the previous build.

While a page renders, each read of the model is noted as a dependency `(kind, key)`:
- reads through the model's mappings (`Tracked`, named after the model's attribute:
  entities, articles, lookup, within): one item (`("entities", id)`), whether a key is
  there (`"entities?"`), how many there are (`"entities#"`) or all of them (`"entities*"`);
- reads through the renderer's accessors (render.py: a name, a page path, a preview card,
  the sources that report on an entity...), by the value they returned.

After the build, build/cache/render.marshal keeps, for each page, the digest of its Markdown
and its dependencies, and for each dependency a fingerprint of what was read (`digest`).
The next build computes the fingerprints again on the new model; a page none of whose
dependencies changed, and whose file in build/docs is still the one written, is read back
instead of rendered. The cache's key holds what every page depends on: the builder's files
(code, templates, vendored data), the versions of the libraries it requires, the dossier's
own sheet and the URL style; another key renders every page.

A read the renderer does not note would leave a page stale: every reader of the model in
render.py goes through `Tracked` or an accessor that notes, and tests/test_rendercache.py
compares incremental builds after many kinds of edits with clean ones.
"""

from __future__ import annotations

import hashlib
import io
import marshal
import pickle
import re
from array import array
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from functools import cached_property
from importlib import metadata
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from ..read.load import RawDoc
from ..core.outputs import link_on_the_way, replace_file
from ..core.resources import BUILDER, builder_files
from ..core.write import file_key

FORMAT = 3
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


_SHARED: tuple[str, ...] = ("shared",)  # _how's answer for a SHARED kind


def _how(kind: type) -> tuple[tuple[str, ...], frozenset[str]] | None:
    """How an object of a class is written in a fingerprint: None as pickle writes it; else
    the names of its fields that may hold a set (written sorted) and of its cached properties
    (left out: derived from the rest, and present or not depending on what asked for them).
    ((), frozenset()) for a pydantic model or a RawDoc, written their own way."""
    if issubclass(kind, SHARED):
        return _SHARED, frozenset()
    if issubclass(kind, BaseModel) or kind is RawDoc:
        return (), frozenset()
    fields = getattr(kind, "__dataclass_fields__", None)
    sets = tuple(name for name, f in (fields or {}).items() if "set" in str(f.type).lower())
    cached = frozenset(name for klass in kind.__mro__ for name, value in vars(klass).items()
                       if isinstance(value, cached_property))
    return (sets, cached) if sets or cached else None


def _shared_kinds() -> tuple[type, ...]:
    from ..model.sheets import Claim, Entity, Source
    from ..resolve.resolved import ResolvedClaim, ResolvedFact
    return (Entity, Source, Claim, ResolvedClaim, ResolvedFact)


SHARED = _shared_kinds()  # immutable objects many values hold: fingerprinted once each (Digests)


class Digests:
    """The fingerprints of the SHARED objects (a sheet, a claim, a resolved claim or fact: none
    changes once made), each computed once: a claim is in its sheet, in its resolved claim and
    in the highlights of every article it cites; a sheet, or a claim resolved, that did not
    change is the same object in the next build of `dossier serve` (core/memo.py). A
    fingerprint writes such an object as its own fingerprint, known already or not, so that
    fingerprints do not depend on what was fingerprinted before. Each object is kept with its
    fingerprint (its id is not reused while it is kept); new_build() lets go of those the
    last build did not use."""

    def __init__(self) -> None:
        self.memo: dict[int, tuple[object, bytes]] = {}
        self.last: dict[int, tuple[object, bytes]] = {}
        self.free: list[_Pickler] = []  # picklers to use again, one per level of nesting

    def new_build(self) -> None:
        self.last, self.memo = self.memo, {}

    def of(self, obj: Any) -> bytes:
        found = self.memo.get(id(obj)) or self.last.get(id(obj))
        if found is None or found[0] is not obj:
            found = (obj, digest(obj, self, top=obj))
        self.memo[id(obj)] = found
        return found[1]


class _Pickler(pickle.Pickler):
    """Pickles equal values to the same bytes in every process. A set's order depends on the
    process's string hashes: sets held by a dataclass (fields typed as sets) or a pydantic
    model (the set of fields given) are written sorted. Of a sheet's raw YAML (RawDoc) only
    its name counts: its data is read from YAML or from the sheet cache, which give the same
    sheet but not always the same raw values (a date, a string), and its positions are worked
    out only when a message needs them. Pages show the validated sheet, never the raw one.
    A SHARED object inside the value is written as its fingerprint (Digests)."""

    how: dict[type, tuple[tuple[str, ...], frozenset[str]] | None] = {}

    def __init__(self, out: io.BytesIO, digests: Digests, top: Any):
        super().__init__(out, protocol=5)
        self.out, self.digests, self.top = out, digests, top

    def reducer_override(self, obj: Any) -> Any:
        kind = type(obj)
        try:
            how = self.how[kind]
        except KeyError:
            how = self.how[kind] = _how(kind)
        if how is None:
            return NotImplemented
        sets, cached = how
        if sets is _SHARED and obj is not self.top:
            return _state, (self.digests.of(obj),)
        if sets or cached:
            state = {name: value for name, value in obj.__dict__.items() if name not in cached}
            for name in sets:
                state[name] = _sorted(state.get(name))
            return _state, (kind, state)
        if kind is RawDoc:
            return _state, (kind, obj.file, obj.kind, obj.stem)
        if not issubclass(kind, BaseModel):  # a SHARED dataclass (none holds a set), at the top
            return NotImplemented
        return _state, (kind, obj.__dict__, sorted(obj.__pydantic_fields_set__),
                        obj.__pydantic_extra__, obj.__pydantic_private__)


def digest(value: Any, digests: Digests | None = None, top: Any = None) -> bytes:
    """A fingerprint of a value: equal for equal values in any process (16 bytes). Unequal
    fingerprints for equal values (a set inside a list, say) only cost a page rendered again.
    digests: the fingerprints of SHARED objects known so far (none if None); top: the SHARED
    object being fingerprinted itself, written out rather than as its fingerprint."""
    # With pickle's memo an object met again is written as a reference: bytes stay faithful
    # to the value, and an article's highlights do not write their claims out again (twice as
    # fast). Where equal values are shared differently the fingerprints differ: a page is
    # rendered again, never kept wrongly.
    digests = digests if digests is not None else Digests()
    pickler = digests.free.pop() if digests.free else _Pickler(io.BytesIO(), digests, top)
    pickler.top = top
    try:
        pickler.dump(_sorted(value))
        return hashlib.blake2b(pickler.out.getbuffer(), digest_size=16).digest()
    finally:
        pickler.clear_memo()
        pickler.out.seek(0)
        pickler.out.truncate()
        digests.free.append(pickler)


def tracked_value(data: Mapping, kind: str, key: Any, digests: Digests | None = None) -> Any:
    """What a dependency on a Tracked mapping read, for its fingerprint."""
    if kind.endswith("?"):
        return key in data
    if kind.endswith("#"):
        return len(data)
    if kind.endswith("*"):
        return [(k, digest(v, digests)) for k, v in data.items()]
    return data.get(key, _MISSING)


def code_key(*parts: str) -> str:
    """The render cache's key: every file of the builder (code, templates, vendored data), the
    versions of the libraries it runs on, and what else a page depends on whatever it reads."""
    h = hashlib.sha256(str(FORMAT).encode())
    for path in builder_files():
        h.update(path.relative_to(BUILDER).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    for part in [*_versions(), *parts]:
        h.update(part.encode() + b"\0")
    return h.hexdigest()


def _versions() -> list[str]:
    """The installed version of each library Dossier requires (pyproject.toml), and MarkupSafe."""
    try:
        required = [r for r in metadata.requires("dossier") or [] if "extra ==" not in r]
    except metadata.PackageNotFoundError:  # run from a checkout that is not installed
        required = ["jinja2", "markdown", "pydantic", "babel"]
    names = sorted({re.split(r"[<>=!~;\[ ]", r, maxsplit=1)[0].lower() for r in required} | {"markupsafe"})
    found = []
    for name in names:
        try:
            found.append(f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            found.append(f"{name} absent")
    return found


@dataclass
class Previous:
    """Where the previous build is: its render cache, the folder its pages were written to,
    and the dossier (nothing is written through a link below it); once rendering is done,
    how many source and entity pages were rendered, and which were left unchanged. With it,
    render_pages writes the source and entity pages into that folder as they are rendered
    instead of returning them (at 10,000 sources their text is 1.2 GB)."""

    cache: Path
    docs: Path
    root: Path
    rendered: int = 0
    reused: frozenset[str] = frozenset()
    written: int = 0  # the pages whose file was written (the others held the same already)
    in_docs: frozenset[str] = frozenset()  # every source and entity page, left in docs, not returned


def text_digest(text: str) -> bytes:
    """What the cache keeps of a page's Markdown, to know the file in docs is still it."""
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).digest()


class Numbering:
    """The dependencies of pages rendered together as numbers into one table (array bytes per
    page), and the table: each dependency is sent back from a worker once, not per page.
    Each page's are numbered as it is rendered, so that its set of them can go."""

    def __init__(self) -> None:
        self.index: dict[Dep, int] = {}

    def add(self, deps: set[Dep]) -> bytes:
        index = self.index
        return array("I", [index.setdefault(dep, len(index)) for dep in deps]).tobytes()

    def table(self) -> list[Dep]:
        return list(self.index)


class RenderCache:
    """build/cache/render.marshal: {page: (digest of its Markdown, the numbers of its
    dependencies, its file's write.file_key)} and each dependency with its fingerprint. Any
    failure to read or write it means rendering everything."""

    def __init__(self, previous: Previous, key: str):
        self.path, self.docs, self.key = previous.cache, previous.docs, key
        self.enabled = link_on_the_way(self.path, previous.root) is None
        self.deps: list[Dep] = []
        self.prints: list[bytes] = []
        self.pages: dict[str, tuple[bytes, bytes, tuple]] = {}  # numbers as array("I") bytes, file_key
        self._index: dict[Dep, int] = {}  # the new cache's table, built as pages come
        self._deps: list[Dep] = []
        self._prints: list[bytes] = []
        self._pages: dict[str, tuple[bytes, bytes, tuple]] = {}
        if not self.enabled:
            return
        try:
            fmt, key_, deps, prints, pages = marshal.loads(self.path.read_bytes())
            if fmt == FORMAT and key_ == key:
                self.deps, self.prints, self.pages = deps, prints, pages
        except (OSError, ValueError, EOFError, TypeError):
            pass

    def fresh(self, fingerprints: Callable[[list[Dep]], list[bytes]], wanted: set[str]) -> set[str]:
        """The pages among wanted that need not be rendered again: their file in the docs
        folder is as the cache says; they keep their dependencies in the new cache."""
        if not self.pages:
            return set()
        now = fingerprints(self.deps)
        changed = {i for i, (old, new) in enumerate(zip(self.prints, now)) if old != new}
        kept: set[str] = set()
        renumber: dict[int, int] = {}
        for page, (saved, numbers, stat) in self.pages.items():
            old = array("I")
            old.frombytes(numbers)
            if page not in wanted or changed.intersection(old):
                continue
            now_stat = file_key(self.docs / page)  # read only when its key changed (3,000 sources: 0.6 s)
            try:
                if now_stat is None or now_stat != stat and hashlib.blake2b(
                        (self.docs / page).read_bytes(), digest_size=16).digest() != saved:
                    continue
            except OSError:
                continue
            kept.add(page)
            for i in old:
                if i not in renumber:
                    renumber[i] = self._number(self.deps[i], self.prints[i])
            self._pages[page] = (saved, array("I", [renumber[i] for i in old]).tobytes(), now_stat)
        return kept

    def _number(self, dep: Dep, fingerprint: bytes) -> int:
        number = self._index.get(dep)
        if number is None:
            number = self._index[dep] = len(self._deps)
            self._deps.append(dep)
            self._prints.append(fingerprint)
        return number

    def add(self, paths: list[str], digests: list[bytes], numbers: list[bytes], deps: list[Dep],
            fingerprint: Callable[[Dep], bytes]) -> None:
        """Pages rendered together and written into the docs folder (the text_digest of each),
        their dependencies (`Numbering`), each fingerprinted by `fingerprint` unless an
        earlier page had it (once per dependency)."""
        index = self._index
        renumber = [index[dep] if dep in index else self._number(dep, fingerprint(dep)) for dep in deps]
        for path, page_digest, numbers in zip(paths, digests, numbers):
            local = array("I")
            local.frombytes(numbers)
            stat = file_key(self.docs / path)
            if stat is None:
                continue  # not kept: rendered again next time
            self._pages[path] = (page_digest, array("I", [renumber[i] for i in local]).tobytes(), stat)

    def save(self) -> None:
        if not self.enabled:
            return
        try:
            replace_file(self.path, marshal.dumps((FORMAT, self.key, self._deps, self._prints, self._pages)))
        except (OSError, ValueError):
            pass
