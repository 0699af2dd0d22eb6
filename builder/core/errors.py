"""Diagnostics: every problem a user can fix is a Diagnostic pointing at file:line:column."""

from __future__ import annotations

import io
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class SourceLoc:
    """A position in an input file; line and column count from 1."""

    file: str
    line: int = 1  # 0: the file or folder as a whole (no position inside it)
    col: int = 1

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.col}" if self.line else self.file


@dataclass(frozen=True)
class Diagnostic:
    level: str  # "error" or "warning"
    code: str  # a short stable name, e.g. "unknown-reference"
    message: str
    loc: SourceLoc

    def __str__(self) -> str:
        """One line, whatever the message quotes: a line break in a key or a value would
        otherwise start a line of its own, which a CI log reads as a command (`::error …`)."""
        return f"{self.loc}: {self.level}: {one_line(clip(self.message))}"


MAX_MESSAGE = 800  # a message quotes what it found; a 1 MiB value must not flood the terminal


def clip(message: str) -> str:
    if len(message) <= MAX_MESSAGE:
        return message
    return f"{message[:MAX_MESSAGE]}… ({len(message) - MAX_MESSAGE:,} more characters)"


def error(code: str, message: str, loc: SourceLoc) -> Diagnostic:
    return Diagnostic("error", code, message, loc)


def no_content() -> Diagnostic:
    """The error of a command run where there is no dossier (no content/ folder)."""
    return error("no-content", "no content/ folder here; run dossier in the folder that holds content/ "
                 "and seeds/, or pass --root", SourceLoc("content/", 0, 0))


def warning(code: str, message: str, loc: SourceLoc) -> Diagnostic:
    return Diagnostic("warning", code, message, loc)


class DossierError(Exception):
    """Raised by a stage that found user errors; carries all of them, sorted by place."""

    def __init__(self, diagnostics: list[Diagnostic]):
        self.diagnostics = sorted(diagnostics, key=lambda d: (d.loc, d.code, d.message))
        super().__init__("\n".join(str(d) for d in self.diagnostics))


def raise_if_errors(diagnostics: list[Diagnostic]) -> None:
    errors = [d for d in diagnostics if d.level == "error"]
    if errors:
        raise DossierError(errors)


# Control characters (ANSI escapes, carriage returns that overwrite a line) and direction
# overrides: refused in sheets' texts (names.check_text), and never allowed to act on a
# terminal or a log: printed as \uXXXX, which is also a valid escape inside JSON strings.
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


_LINE_BREAKS = re.compile("[\n\r\t\u2028\u2029]")


def one_line(text: str) -> str:
    """Line breaks and tabs shown as \\uXXXX (as printable shows control characters), so that
    the text stays on its line."""
    return _LINE_BREAKS.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def printable(text: str) -> str:
    return CONTROL_CHARACTERS.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


class PrintableStream(io.TextIOBase):
    """A text stream that writes through printable(): everything the commands print goes
    through it (cli.main), so no message, name or quote can carry terminal control codes."""

    def __init__(self, stream):
        self.stream = stream

    def write(self, text: str) -> int:
        self.stream.write(printable(text))
        return len(text)

    def flush(self) -> None:
        self.stream.flush()

    def isatty(self) -> bool:
        return self.stream.isatty()

    def fileno(self) -> int:
        return self.stream.fileno()

    @property
    def encoding(self):
        return self.stream.encoding


MAX_PER_FILE = 20  # a curator fixes the first few; a sheet with 90,000 bad keys must not print 90,000 lines


def capped(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """The first MAX_PER_FILE diagnostics of each file, then one at the file saying how many
    more it has: what the terminal and GitHub are shown. The count a command reports, and
    `--format json` (for programs), keep them all."""
    by_file: dict[str, list[Diagnostic]] = {}
    for d in diagnostics:
        by_file.setdefault(d.loc.file, []).append(d)
    seen: Counter = Counter()
    result = []
    for d in diagnostics:
        seen[d.loc.file] += 1
        if seen[d.loc.file] <= MAX_PER_FILE:
            result.append(d)
        if seen[d.loc.file] == MAX_PER_FILE < len(by_file[d.loc.file]):
            result.append(_more(d.loc.file, by_file[d.loc.file][MAX_PER_FILE:]))
    return result


def _more(file: str, hidden: list[Diagnostic]) -> Diagnostic:
    errors = sum(d.level == "error" for d in hidden)
    noun = "errors" if errors == len(hidden) else "warnings" if not errors else "errors and warnings"
    return Diagnostic("error" if errors else "warning", "more-in-file",
                      f"… and {len(hidden):,} more {noun} in this file", SourceLoc(file, 0))


def format_diagnostics(diagnostics: list[Diagnostic]) -> str:
    return "\n".join(str(d) for d in capped(diagnostics))


def _github_escape(text: str, property_value: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if property_value else text


def github_annotations(diagnostics: list[Diagnostic], root: Path) -> str:
    """GitHub Actions workflow commands: one annotation per diagnostic (at most MAX_PER_FILE
    a file, see capped), on the line it names.
    Paths are made relative to the current folder (the workspace) when root is elsewhere."""
    lines = []
    for d in capped(diagnostics):
        path = Path(d.loc.file)
        if not path.is_absolute():
            path = root / path
        try:
            shown = path.resolve().relative_to(Path.cwd().resolve()).as_posix()
        except ValueError:
            shown = path.as_posix()
        where = f",line={d.loc.line},col={d.loc.col}" if d.loc.line else ""
        lines.append(f"::{d.level} file={_github_escape(shown, True)}{where},"
                     f"title={_github_escape(d.code, True)}::{_github_escape(clip(d.message))}")
    return "\n".join(lines)


def as_json(diagnostic: Diagnostic) -> dict:
    """One diagnostic for `--format json`, which lists them all (not capped): it is for programs."""
    return {"level": diagnostic.level, "code": diagnostic.code, "message": diagnostic.message,
            "file": diagnostic.loc.file, "line": diagnostic.loc.line, "column": diagnostic.loc.col}


def display_path(path: Path, root: Path) -> str:
    """The path as the user should see it: relative to the dossier root when inside it, on
    one line (a file name may hold a line break or a control character: shown escaped)."""
    try:
        shown = str(path.relative_to(root))
    except ValueError:
        shown = str(path)
    return printable(shown).replace("\n", "\\u000a").replace("\t", "\\u0009")
