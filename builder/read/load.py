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
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..core.errors import Diagnostic, SourceLoc, display_path, error, no_content
from .inputs import (MAX_SEED_BYTES, MAX_SHEET_BYTES, InputError, check_entry, decode, first_control,
                     read_bytes, read_text)
from ..core.memo import Memo
from ..core.outputs import link_on_the_way, replace_file
from ..core.write import stat_key

KINDS = ("sources", "people", "places", "organizations", "events")
DOSSIER_FILE = "dossier.yml"

Path_ = tuple  # a data path: tuple of str keys and int indexes


# the comment `dossier suggest --write` puts beside each citation it writes; noted when a sheet
# is read, so that `check` warns about each until the curator has checked it and deleted it
SUGGESTED = "suggested by dossier suggest: check that the quote says this, then delete this comment"


def _marked(text: str) -> tuple[int, ...]:
    if SUGGESTED not in text:  # one search of the text read anyway, for all but such sheets
        return ()
    return tuple(n for n, line in enumerate(text.splitlines(), start=1) if SUGGESTED in line)


class RawDoc:
    """One YAML file: its data and where each part of it stands.

    The data is built straight from the YAML (fast); the positions of its parts are worked
    out only when a message needs one, by reading the text again with PyYAML's composer.
    """

    def __init__(self, file: str, kind: str, stem: str, data: object, path: Path | None = None,
                 marked: tuple[int, ...] = ()):
        self.file = file  # as shown to the user
        self.kind = kind  # one of KINDS, or "dossier"
        self.stem = stem
        self.data = data
        self.marked = marked  # lines holding SUGGESTED: citations `dossier suggest` wrote, not yet checked
        self._path = path  # read again when a position is asked for
        self._positions: tuple[dict, dict] | None = None

    def _maps(self) -> tuple[dict[Path_, SourceLoc], dict[Path_, SourceLoc]]:
        if self._positions is None:
            converter = _Converter(self.file)
            try:
                text = read_text(self._path, self._path.parent, MAX_SHEET_BYTES, self.file, False) \
                    if self._path else None
                node = yaml.compose(text, Loader=_FAST_LOADER) if text is not None else None
            except (InputError, ValueError, RecursionError, yaml.YAMLError):
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
    problem: str | None = None  # why it could not be read (then text is empty)
    sha256: str = ""  # the fingerprint of the file's bytes, as stored: shown with the source


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

    def construct_object(self, node, deep=False):
        if node in self.constructed_objects or node in self.recursive_objects:
            raise _AliasUsed  # the same node reached twice: an alias
        return super().construct_object(node, deep)

    def construct_yaml_int(self, node):
        try:
            return super().construct_yaml_int(node)
        except ValueError:
            raise yaml.constructor.ConstructorError(
                None, None, "a number too long to read (over 4,300 digits); write it as text "
                "in quotes", node.start_mark) from None


_DataLoader.add_constructor("tag:yaml.org,2002:int", _DataLoader.construct_yaml_int)
_DataLoader.add_constructor("tag:yaml.org,2002:map", lambda loader, node: loader.construct_mapping(node))
_DataLoader.add_constructor("tag:yaml.org,2002:timestamp", lambda loader, node: node.value)


MAX_DEPTH = 64  # levels of nesting in a sheet; the deepest real sheet has 5
_OPENERS = (yaml.BlockMappingStartToken, yaml.BlockSequenceStartToken, yaml.FlowMappingStartToken,
            yaml.FlowSequenceStartToken)
_CLOSERS = (yaml.BlockEndToken, yaml.FlowMappingEndToken, yaml.FlowSequenceEndToken)


def _too_deep(text: str):
    """The mark where nesting first exceeds MAX_DEPTH, found with the scanner alone (no
    recursion: libyaml's composer recurses in C and crashes on very deep nesting)."""
    depth = 0
    try:
        for token in yaml.scan(text, Loader=_FAST_LOADER):
            if isinstance(token, _OPENERS):
                depth += 1
                if depth > MAX_DEPTH:
                    return token.start_mark
            elif isinstance(token, _CLOSERS):
                depth -= 1
    except yaml.YAMLError:
        return None  # the parser reports the syntax error itself
    return None


def _first_alias(text: str):
    try:
        return next((t.start_mark for t in yaml.scan(text, Loader=_FAST_LOADER)
                     if isinstance(t, yaml.AliasToken)), None)
    except yaml.YAMLError:
        return None


class _AliasUsed(Exception):
    pass


def _syntax_error(exc: yaml.MarkedYAMLError, text: str, shown: str) -> Diagnostic:
    """A YAML error in plain words, at the place to fix."""
    problem = exc.problem or "invalid YAML"
    mark = exc.problem_mark or exc.context_mark
    context = exc.context or ""
    if exc.context_mark is not None and "end of stream" in problem:
        # An unclosed quote or bracket is noticed at the end of the file: point at its start.
        mark = exc.context_mark
        what = "quoted text" if "quoted" in context else "bracket"
        return error("yaml-syntax", f"YAML syntax error: this {what} is never closed; add the "
                     "closing quote or bracket", _mark_loc(shown, mark))
    if isinstance(exc, yaml.constructor.ConstructorError) and exc.problem_mark is not None:
        return error("yaml-value", problem, _mark_loc(shown, exc.problem_mark))
    if mark is not None and text[mark.index:mark.index + 1] == "\t":
        return error("yaml-syntax", "YAML syntax error: a tab character; YAML indents with spaces "
                     "only: replace the tab with spaces", _mark_loc(shown, mark))
    hint = " (check indentation, and put text containing ': ' or '#' in quotes)"
    return error("yaml-syntax", f"YAML syntax error: {problem}{hint}",
                 _mark_loc(shown, mark) if mark else SourceLoc(shown))


def parse_yaml(text: str, shown: str) -> tuple[object, list[Diagnostic]]:
    """The data of one YAML text, or the problems that keep it from being read. Refuses what
    a fact sheet never needs and an attacker would use: control characters, anchors and
    aliases (a 600-byte "billion laughs" sheet expands to gigabytes), and deep nesting."""
    control = first_control(text)
    if control is not None:
        line, col, char = control
        return None, [error("control-character", f"control character U+{ord(char):04X} in the "
                            "text; remove it (a fact sheet holds plain text only)",
                            SourceLoc(shown, line, col))]
    if len(text) > 20_000:
        deep = _too_deep(text)
        if deep is not None:
            return None, [_depth_error(shown, deep)]
    loader = _DataLoader(text)
    try:
        data = loader.get_single_data()
    except yaml.MarkedYAMLError as exc:
        return None, [_syntax_error(exc, text, shown)]
    except _AliasUsed:
        mark = _first_alias(text)
        return None, [error("yaml-alias", "YAML anchors and aliases (&name, *name) are not allowed "
                            "in fact sheets; write the value out where it is needed",
                            _mark_loc(shown, mark) if mark else SourceLoc(shown))]
    except RecursionError:
        mark = _too_deep(text)
        return None, [_depth_error(shown, mark) if mark else error(
            "yaml-depth", f"nested more than {MAX_DEPTH} levels deep", SourceLoc(shown))]
    finally:
        loader.dispose()
    problems = [error("duplicate-key", f"duplicate key '{key}' (first given at line "
                      f"{first.line + 1}); keep one of them", _mark_loc(shown, again))
                for key, first, again in loader.duplicates]
    return data, problems


def _depth_error(shown: str, mark) -> Diagnostic:
    return error("yaml-depth", f"nested more than {MAX_DEPTH} levels deep; a fact sheet or "
                 "mkdocs.yml needs only a few levels", _mark_loc(shown, mark))


def load_yaml(path: Path, shown: str, kind: str, folder: Path | None = None) -> tuple[RawDoc | None, list[Diagnostic]]:
    """One sheet. folder: where it must be (a link may not lead out of it); default: its own."""
    folder = folder or path.parent
    try:
        real, _ = check_entry(path, folder)
        text = read_text(real, folder, MAX_SHEET_BYTES, shown, article=False)
    except InputError as exc:
        return None, [error("unreadable", f"{exc}", SourceLoc(shown))]
    data, problems = parse_yaml(text, shown)
    if data is None and not problems:
        problems = [error("empty-file", "the file is empty; add the sheet's fields or delete it",
                          SourceLoc(shown))]
    if data is None:
        return None, problems
    return RawDoc(shown, kind, path.stem, data, real, _marked(text)), problems


class _SheetCache:
    """The data of each sheet as last read, under build/cache/, for files whose key
    (core/write.stat_key) has not changed since: reading YAML is most of the time of
    `dossier check` on a large dossier, and a hook or a rebuild rereads mostly the same files.
    Only sheets read without any problem are kept; any failure to read or write the cache
    just means reading the YAML."""

    VERSION = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:16]

    def __init__(self, root: Path, enabled: bool, kept: dict | None = None):
        """kept: the entries of the last load in this process (memo.Memo), used instead of
        the file: a sheet that did not change gives the very data it gave then."""
        self.path = root / "build" / "cache" / "sheets.marshal"
        self.enabled = enabled and link_on_the_way(self.path, root) is None  # never write through a link
        self.old: dict = kept or {}
        self.new: dict = {}
        if enabled and not kept:
            try:
                version, entries = marshal.loads(self.path.read_bytes())
                self.old = entries if version == self.VERSION else {}
            except (OSError, ValueError, EOFError, TypeError):
                pass

    def load(self, path: Path, shown: str, kind: str, folder: Path) -> tuple[RawDoc | None, list[Diagnostic]]:
        if not self.enabled:
            return load_yaml(path, shown, kind, folder)
        try:
            real, stat = check_entry(path, folder)  # never trust the cache for what may not be read
        except InputError:
            return load_yaml(path, shown, kind, folder)
        key = stat_key(stat)
        entry = self.old.get(shown)
        if entry is not None and entry[0] == key:
            self.new[shown] = entry
            return RawDoc(shown, kind, path.stem, entry[1], real, entry[2]), []
        doc, problems = load_yaml(path, shown, kind, folder)
        if doc is not None and not problems:
            self.new[shown] = (key, doc.data, doc.marked)
        return doc, problems

    def save(self) -> None:
        if not self.enabled or self.new.keys() == self.old.keys() and all(
                self.new[k] is self.old[k] for k in self.new):
            return
        try:
            replace_file(self.path, marshal.dumps((self.VERSION, self.new)))
        except (OSError, ValueError):
            pass


def _folder_problem(folder: Path, root: Path) -> Diagnostic | None:
    """content/ or seeds/ must be a folder of the dossier itself, not a link to elsewhere."""
    if folder.is_symlink() and not folder.resolve().is_relative_to(root.resolve()):
        return error("outside-link", f"{folder.name}/ is a symbolic link to a place outside the "
                     "dossier; Dossier reads only what is inside it: make it a real folder",
                     SourceLoc(display_path(folder, root) + "/", 0, 0))
    return None


def load_dossier(root: Path, use_cache: bool = True,
                 memo: Memo | None = None) -> tuple[RawDossier, list[Diagnostic]]:
    """Read content/ and seeds/ under root. Discovery is sorted, so output order is stable.
    use_cache: keep and use build/cache/ (off for a revision unpacked for a comparison);
    memo: what the last load in this process read (its "sheets" part)."""
    content = root / "content"
    problems: list[Diagnostic] = []
    docs: list[RawDoc] = []
    if not content.is_dir():
        problems.append(no_content())
    for folder in (content, root / "seeds"):
        problem = _folder_problem(folder, root)
        if problem:
            return RawDossier(root, [], {}), [problem]
    dossier_file = content / DOSSIER_FILE
    if content.is_dir() and not dossier_file.exists() and not dossier_file.is_symlink():
        problems.append(error("no-dossier-file", f"missing {DOSSIER_FILE}: it holds the "
                              "dossier's title and summary (see the README)",
                              SourceLoc(display_path(dossier_file, root))))
    candidates = [(dossier_file, "dossier")] if content.is_dir() and (
        dossier_file.exists() or dossier_file.is_symlink()) else []
    for kind in KINDS:
        folder = content / kind
        candidates += [(p, kind) for p in sorted(folder.glob("*.yml")) + sorted(folder.glob("*.yaml"))]
    cache = _SheetCache(root, use_cache, memo.part("sheets") if memo and use_cache else None)
    for path, kind in candidates:
        doc, doc_problems = cache.load(path, display_path(path, root), kind, content)
        problems += doc_problems
        if doc is not None:
            docs.append(doc)
    cache.save()
    if memo and use_cache:
        memo.keep("sheets", cache.new)
    seeds, seed_problems = load_seeds(root)
    return RawDossier(root, docs, seeds), problems + seed_problems


def load_seeds(root: Path) -> tuple[dict[str, Seed], list[Diagnostic]]:
    """Every article text in seeds/, read safely. A seed that cannot be read keeps its
    problem, which the resolve stage reports at the `file:` line of the sheet that uses it."""
    seeds: dict[str, Seed] = {}
    problems: list[Diagnostic] = []
    seed_dir = root / "seeds"
    folded: dict[str, str] = {}
    for path in sorted(seed_dir.iterdir()) if seed_dir.is_dir() else []:
        if path.name.startswith(".") or (path.is_dir() and not path.is_symlink()):
            continue  # hidden files and sub-folders are not articles
        shown = display_path(path, root)
        same = folded.setdefault(path.name.casefold(), path.name)
        if same != path.name:
            problems.append(error("seed-name-case", f"'{path.name}' and '{same}' differ only in "
                                  "case, which Windows and macOS cannot keep apart; rename one",
                                  SourceLoc(shown)))
        try:
            data = read_bytes(path, seed_dir, MAX_SEED_BYTES)
            text, problem, digest = decode(data, shown), None, hashlib.sha256(data).hexdigest()
        except InputError as exc:
            text, problem, digest = "", str(exc), ""
        seeds[path.name] = Seed(shown, path.name, text, problem, digest)
    return seeds, problems
