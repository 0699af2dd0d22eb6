"""What a page read of the model, for incremental builds (rendercache.py keeps it between
builds). Every read a page makes goes through `Tracking`: through `self.r`, whose mappings
are Tracked views, or through an accessor that notes the value it returns (`ACCESSORS`).
Code that reads the model for a page must do one or the other; `self.raw` (the model
untracked) is for the accessors and for the derived data computed before any page
(`prepare`)."""

from __future__ import annotations

import copy
from collections.abc import Callable
from functools import cached_property

from ..resolve.resolved import Resolved
from .paths import entity_page, source_page
from .rendercache import Digests, Reads, Tracked, code_key, digest, tracked_value


class Tracking:
    """The model as pages read it, each read noted; and the fingerprints of what was read."""

    # accessor kind -> method: a page that called it depends on the value it returned
    ACCESSORS = {"name": "_name_of", "page": "_page_or_none", "source": "_source_of"}

    def __init__(self, resolved: Resolved, directory_urls: bool = True, shared: Digests | None = None):
        self.raw = resolved
        self.reads = Reads()
        self.directory_urls = directory_urls
        for name, value in vars(type(resolved)).items():  # derived data, computed untracked
            if isinstance(value, cached_property):
                getattr(resolved, name)
        self.r = copy.copy(resolved)
        self.tracked = {name: value for name, value in vars(resolved).items() if isinstance(value, dict)}
        for name, value in self.tracked.items():
            setattr(self.r, name, Tracked(value, name, self.reads))
        self._digests: dict[tuple[str, object], bytes] = {}
        # the fingerprints of the objects many values hold: this build's, or kept from the
        # last build of this process (`dossier serve`: core/memo.py)
        self.shared = shared or Digests()
        self.shared.new_build()

    def prepare(self) -> None:
        """Compute the data derived from the whole model before any page is rendered, so that
        no page's reads include them: pages read them through accessors."""
        for klass in reversed(type(self).__mro__):
            for name, value in vars(klass).items():
                if isinstance(value, cached_property):
                    getattr(self, name)

    def key(self) -> str:
        """What every page depends on, whatever it reads: code, versions, the URL style, the
        dossier's own sheet and any part of the model that is not a mapping."""
        untracked = {name: value for name, value in vars(self.raw).items() if name not in self.tracked}
        return code_key(str(self.directory_urls), digest(untracked).hex())

    def recording(self, func: Callable[..., str], *args: object) -> tuple[str, set]:
        """func(*args) (a page's Markdown) and the dependencies it read."""
        self.reads.current = found = set()
        try:
            text = func(*args)
        finally:
            self.reads.current = None
        return text, found

    def fingerprints(self, deps: list) -> list[bytes]:
        return [self.fingerprint(dep) for dep in deps]

    def fingerprint(self, dep: tuple[str, object]) -> bytes:
        """A dependency's fingerprint, kept for the next call."""
        found = self._digests.get(dep)
        if found is None:
            found = self._digests[dep] = self._fingerprint(dep)
        return found

    def fingerprint_once(self, dep: tuple[str, object]) -> bytes:
        """A dependency's fingerprint, not kept (render.py: the new render cache keeps it)."""
        found = self._digests.get(dep)
        return self._fingerprint(dep) if found is None else found

    def _fingerprint(self, dep: tuple[str, object]) -> bytes:
        kind, key = dep
        base = kind.rstrip("?#*")
        try:
            if base in self.tracked:
                value = tracked_value(self.tracked[base], kind, key, self.shared)
            else:
                value = getattr(self, self.ACCESSORS[kind])(key)
        except (KeyError, IndexError, AttributeError, TypeError):
            value = ("unreadable", kind, key)  # gone, or another kind of thing: changed
        return digest(value, self.shared)

    # -- the accessors: untracked reads, each noted by its tracked twin below ----------
    def _page_or_none(self, target_id: str) -> str | None:
        if target_id in self.raw.articles:
            return source_page(target_id)
        info = self.raw.entities.get(target_id)
        return entity_page(info.kind, target_id) if info else None

    def _name_of(self, target_id: str) -> str:
        if target_id in self.raw.articles:
            return self.raw.articles[target_id].source.title
        return self.raw.entities[target_id].sheet.name

    def _source_of(self, source_id: str):
        return self.raw.articles[source_id].source

    def page_of(self, target_id: str) -> str:
        self.reads.note("page", target_id)
        page = self._page_or_none(target_id)
        if page is None:
            raise KeyError(target_id)
        return page

    def kind_of(self, entity_id: str) -> str:
        """An entity's kind (noted as its page, which says the same)."""
        return self.page_of(entity_id).split("/", 1)[0]

    def name_of(self, target_id: str) -> str:
        self.reads.note("name", target_id)
        return self._name_of(target_id)

    def source_of(self, source_id: str):
        """A source's sheet (the article's title, outlet, date...)."""
        self.reads.note("source", source_id)
        return self._source_of(source_id)
