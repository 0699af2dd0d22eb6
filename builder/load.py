"""Stage 1: files -> raw documents with positions.

YAML is read into plain Python data directly (libyaml where PyYAML has it), reporting
duplicate keys, which PyYAML would silently overwrite. Where each value and key stands,
a map from data path (e.g. ("claims", 0, "cite", 0, "quote")) to line and column, is
worked out from PyYAML's composer only when a message needs it: composing every file
took most of the time of `dossier check` on a large dossier.
"""

from __future__ import annotations

import hashlib
import marshal
import os
from dataclasses import dataclass
from pathlib import Path

import yaml

from .errors import Diagnostic, SourceLoc, display_path, error

KINDS = ("sources", "people", "places", "organizations", "events")
DOSSIER_FILE = "dossier.yml"

Path_ = tuple  # a data path: tuple of str keys and int indexes


class RawDoc:
    """One YAML file: its data and where each part of it stands.

    The data is built straight from the YAML (fast); the positions of its parts are worked
    out only when a message needs one, by reading the text again with PyYAML's composer.
    """

    def __init__(self, file: str, kind: str, stem: str, data: object, path: Path | None = None):
        self.file = file  # as shown to the user
        self.kind = kind  # one of KINDS, or "dossier"
        self.stem = stem
        self.data = data
        self._path = path  # read again when a position is asked for
        self._positions: tuple[dict, dict] | None = None

    def _maps(self) -> tuple[dict[Path_, SourceLoc], dict[Path_, SourceLoc]]:
        if self._positions is None:
            converter = _Converter(self.file)
            try:
                node = yaml.compose(self._path.read_text(encoding="utf-8"),
                                    Loader=_FAST_LOADER) if self._path else None
            except (OSError, ValueError, yaml.YAMLError):
                node = None  # the file changed or went away since it was read: no position
            if node is not None:
                converter.convert(node)
            self._positions = (converter.positions, converter.key_positions)
        return self._positions

    @property
    def positions(self) -> dict[Path_, SourceLoc]:
        return self._maps()[0]

    @property
    def key_positions(self) -> dict[Path_, SourceLoc]:
        return self._maps()[1]

    def loc(self, path: Path_ = ()) -> SourceLoc:
        """The position of a value, or of the nearest enclosing value that has one."""
        positions = self.positions
        path = tuple(path)
        while path not in positions and path:
            path = path[:-1]
        return positions.get(path, SourceLoc(self.file))

    def key_loc(self, path: Path_) -> SourceLoc:
        """The position of the key that introduces a value (falls back to the value)."""
        return self.key_positions.get(tuple(path)) or self.loc(path)


@dataclass
class Seed:
    """One article text file, read as it is."""

    file: str  # as shown to the user
    name: str  # file name under seeds/
    text: str


@dataclass
class RawDossier:
    root: Path
    docs: list[RawDoc]
    seeds: dict[str, Seed]


# libyaml's composer keeps positions too and is several times faster where it is built in.
_FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _mark_loc(file: str, mark) -> SourceLoc:
    return SourceLoc(file, mark.line + 1, mark.column + 1)


class _Converter:
    """Walks a composed YAML node tree and records where each value and key stands."""

    def __init__(self, file: str):
        self.file = file
        self.positions: dict[Path_, SourceLoc] = {}
        self.key_positions: dict[Path_, SourceLoc] = {}

    def convert(self, node, path: Path_ = ()) -> None:
        self.positions[path] = _mark_loc(self.file, node.start_mark)
        if isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                key = _key(key_node)
                if path + (key,) not in self.key_positions:  # the first of duplicate keys
                    self.key_positions[path + (key,)] = _mark_loc(self.file, key_node.start_mark)
                    self.convert(value_node, path + (key,))
        elif isinstance(node, yaml.SequenceNode):
            for i, item in enumerate(node.value):
                self.convert(item, path + (i,))


def _key(node) -> str:
    # Keys are field names: take them as written (a key like 2018-12-30 stays text).
    return node.value if isinstance(node, yaml.ScalarNode) else "(not a name)"


class _DataLoader(_FAST_LOADER):  # type: ignore[misc, valid-type]
    """Builds the data directly from the YAML; records duplicate keys, which PyYAML would
    silently overwrite; keeps dates as text (the model parses them with their precision)."""

    def __init__(self, stream):
        super().__init__(stream)
        self.duplicates: list[tuple[str, object, object]] = []  # key, first mark, repeated mark

    def construct_mapping(self, node, deep=False):
        self.flatten_mapping(node)
        result: dict = {}
        first: dict = {}
        for key_node, value_node in node.value:
            key = _key(key_node)
            if key in result:
                self.duplicates.append((key, first[key], key_node.start_mark))
                continue
            first[key] = key_node.start_mark
            result[key] = self.construct_object(value_node, deep=True)
        return result


_DataLoader.add_constructor("tag:yaml.org,2002:map", lambda loader, node: loader.construct_mapping(node))
_DataLoader.add_constructor("tag:yaml.org,2002:timestamp", lambda loader, node: node.value)


def load_yaml(path: Path, shown: str, kind: str) -> tuple[RawDoc | None, list[Diagnostic]]:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        return None, [error("encoding", f"not UTF-8 text ({exc.reason}); save the file as UTF-8",
                            SourceLoc(shown))]
    loader = _DataLoader(text)
    try:
        data = loader.get_single_data()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        loc = _mark_loc(shown, mark) if mark else SourceLoc(shown)
        problem = exc.problem or "invalid YAML"
        hint = " (check indentation, and put text containing ': ' or '#' in quotes)"
        return None, [error("yaml-syntax", f"YAML syntax error: {problem}{hint}", loc)]
    finally:
        loader.dispose()
    if data is None:
        return None, [error("empty-file", "the file is empty; add the sheet's fields or delete it",
                            SourceLoc(shown))]
    problems = [error("duplicate-key", f"duplicate key '{key}' (first given at line "
                      f"{first.line + 1}); keep one of them", _mark_loc(shown, again))
                for key, first, again in loader.duplicates]
    return RawDoc(shown, kind, path.stem, data, path), problems


class _SheetCache:
    """The data of each sheet as last read, under build/cache/, for files whose size and
    modification time have not changed since: reading YAML is most of the time of
    `dossier check` on a large dossier, and a hook or a rebuild rereads mostly the same files.
    Only sheets read without any problem are kept; any failure to read or write the cache
    just means reading the YAML."""

    VERSION = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:16]

    def __init__(self, root: Path, enabled: bool):
        self.path = root / "build" / "cache" / "sheets.marshal"
        self.enabled = enabled
        self.old: dict = {}
        self.new: dict = {}
        if enabled:
            try:
                version, entries = marshal.loads(self.path.read_bytes())
                self.old = entries if version == self.VERSION else {}
            except (OSError, ValueError, EOFError, TypeError):
                pass

    def load(self, path: Path, shown: str, kind: str) -> tuple[RawDoc | None, list[Diagnostic]]:
        if not self.enabled:
            return load_yaml(path, shown, kind)
        try:
            stat = path.stat()
        except OSError:
            return load_yaml(path, shown, kind)
        key = (stat.st_size, stat.st_mtime_ns)
        entry = self.old.get(shown)
        if entry is not None and entry[0] == key:
            self.new[shown] = entry
            return RawDoc(shown, kind, path.stem, entry[1], path), []
        doc, problems = load_yaml(path, shown, kind)
        if doc is not None and not problems:
            self.new[shown] = (key, doc.data)
        return doc, problems

    def save(self) -> None:
        if not self.enabled or self.new.keys() == self.old.keys() and all(
                self.new[k] is self.old[k] for k in self.new):
            return
        try:
            data = marshal.dumps((self.VERSION, self.new))
            self.path.parent.mkdir(parents=True, exist_ok=True)
            temporary = self.path.with_suffix(f".{os.getpid()}.tmp")
            temporary.write_bytes(data)
            temporary.replace(self.path)
        except (OSError, ValueError):
            pass


def load_dossier(root: Path, use_cache: bool = True) -> tuple[RawDossier, list[Diagnostic]]:
    """Read content/ and seeds/ under root. Discovery is sorted, so output order is stable.
    use_cache: keep and use build/cache/ (off for a revision unpacked for a comparison)."""
    content = root / "content"
    problems: list[Diagnostic] = []
    docs: list[RawDoc] = []
    if not content.is_dir():
        problems.append(error("no-content", "no content/ folder here; run dossier in the "
                              "folder that holds content/ and seeds/, or pass --root",
                              SourceLoc(display_path(content, root))))
    dossier_file = content / DOSSIER_FILE
    if content.is_dir() and not dossier_file.is_file():
        problems.append(error("no-dossier-file", f"missing {DOSSIER_FILE}: it holds the "
                              "dossier's title and summary (see the README)",
                              SourceLoc(display_path(dossier_file, root))))
    candidates = [(dossier_file, "dossier")] if dossier_file.is_file() else []
    for kind in KINDS:
        folder = content / kind
        candidates += [(p, kind) for p in sorted(folder.glob("*.yml")) + sorted(folder.glob("*.yaml"))]
    cache = _SheetCache(root, use_cache)
    for path, kind in candidates:
        doc, doc_problems = cache.load(path, display_path(path, root), kind)
        problems += doc_problems
        if doc is not None:
            docs.append(doc)
    cache.save()
    seeds: dict[str, Seed] = {}
    seed_dir = root / "seeds"
    for path in sorted(seed_dir.glob("*")) if seed_dir.is_dir() else []:
        if path.is_file() and not path.name.startswith("."):
            try:
                text = path.read_text(encoding="utf-8")
            except UnicodeDecodeError as exc:
                problems.append(error("encoding", f"not UTF-8 text ({exc.reason}); "
                                      "save the file as UTF-8", SourceLoc(display_path(path, root))))
                continue
            seeds[path.name] = Seed(display_path(path, root), path.name, text)
    return RawDossier(root, docs, seeds), problems
