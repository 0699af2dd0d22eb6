"""Stage 1: files -> raw documents with positions.

YAML is read with PyYAML's composer so that every key and value keeps its line and
column; the tree is then turned into plain Python data plus a map from data path
(e.g. ("claims", 0, "cite", 0, "quote")) to position. Duplicate keys, which PyYAML
would silently overwrite, are reported here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .errors import Diagnostic, SourceLoc, display_path, error

KINDS = ("sources", "people", "places", "organizations", "events")
DOSSIER_FILE = "dossier.yml"

Path_ = tuple  # a data path: tuple of str keys and int indexes


@dataclass
class RawDoc:
    """One YAML file: its data and where each part of it stands."""

    file: str  # as shown to the user
    kind: str  # one of KINDS, or "dossier"
    stem: str
    data: object
    positions: dict[Path_, SourceLoc] = field(default_factory=dict)
    key_positions: dict[Path_, SourceLoc] = field(default_factory=dict)

    def loc(self, path: Path_ = ()) -> SourceLoc:
        """The position of a value, or of the nearest enclosing value that has one."""
        path = tuple(path)
        while path not in self.positions and path:
            path = path[:-1]
        return self.positions.get(path, SourceLoc(self.file))

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
    """Turns a composed YAML node tree into data, recording positions and duplicate keys."""

    def __init__(self, file: str):
        self.file = file
        self.constructor = yaml.SafeLoader("")  # used only to construct scalars
        self.positions: dict[Path_, SourceLoc] = {}
        self.key_positions: dict[Path_, SourceLoc] = {}
        self.problems: list[Diagnostic] = []

    def convert(self, node, path: Path_ = ()):
        self.positions[path] = _mark_loc(self.file, node.start_mark)
        if isinstance(node, yaml.MappingNode):
            result: dict = {}
            self.constructor.flatten_mapping(node)
            for key_node, value_node in node.value:
                # Keys are field names: take them as written (a key like 2018-12-30 stays text).
                key = key_node.value if isinstance(key_node, yaml.ScalarNode) else "(not a name)"
                key_loc = _mark_loc(self.file, key_node.start_mark)
                if key in result:
                    first = self.key_positions[path + (key,)]
                    self.problems.append(error(
                        "duplicate-key",
                        f"duplicate key '{key}' (first given at line {first.line}); "
                        "keep one of them",
                        key_loc,
                    ))
                    continue
                self.key_positions[path + (key,)] = key_loc
                result[key] = self.convert(value_node, path + (key,))
            return result
        if isinstance(node, yaml.SequenceNode):
            return [self.convert(item, path + (i,)) for i, item in enumerate(node.value)]
        if node.tag == "tag:yaml.org,2002:timestamp":
            return node.value  # dates stay text: the model parses them with their precision
        return self.constructor.construct_object(node, deep=True)


def load_yaml(path: Path, shown: str, kind: str) -> tuple[RawDoc | None, list[Diagnostic]]:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        return None, [error("encoding", f"not UTF-8 text ({exc.reason}); save the file as UTF-8",
                            SourceLoc(shown))]
    try:
        node = yaml.compose(text, Loader=_FAST_LOADER)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        loc = _mark_loc(shown, mark) if mark else SourceLoc(shown)
        problem = exc.problem or "invalid YAML"
        hint = " (check indentation, and put text containing ': ' or '#' in quotes)"
        return None, [error("yaml-syntax", f"YAML syntax error: {problem}{hint}", loc)]
    if node is None:
        return None, [error("empty-file", "the file is empty; add the sheet's fields or delete it",
                            SourceLoc(shown))]
    converter = _Converter(shown)
    data = converter.convert(node)
    doc = RawDoc(shown, kind, path.stem, data, converter.positions, converter.key_positions)
    return doc, converter.problems


def load_dossier(root: Path) -> tuple[RawDossier, list[Diagnostic]]:
    """Read content/ and seeds/ under root. Discovery is sorted, so output order is stable."""
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
    for path, kind in candidates:
        doc, doc_problems = load_yaml(path, display_path(path, root), kind)
        problems += doc_problems
        if doc is not None:
            docs.append(doc)
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
