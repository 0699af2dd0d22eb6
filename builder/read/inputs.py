"""Reading contributors' files safely: only regular files inside the dossier's own folders,
never more than a documented size, decoded as UTF-8 or refused with the likely encoding.

content/ and seeds/ arrive in pull requests, so a "file" may be a symbolic link to
/proc/self/environ, a named pipe that never ends, a device such as /dev/zero, or a folder
named like a sheet. Every read of an input goes through `read_input`, which looks at the
entry itself (lstat) before opening it and never follows a link out of its folder.
"""

from __future__ import annotations

import codecs
import os
import re
import stat
from pathlib import Path

MAX_SHEET_BYTES = 1024 * 1024  # a fact sheet is a few KB; 1 MiB leaves room and bounds YAML work
MAX_SEED_BYTES = 8 * 1024 * 1024  # an article is rarely over 200 KB; a book-length text still fits
# One paragraph is rendered as one Markdown paragraph, and Python-Markdown's inline patterns
# take time quadratic in its length (1 MB: 6 s, 2 MB: 23 s); real paragraphs are under 5 KB.
MAX_PARAGRAPH_CHARS = 200_000


class InputError(Exception):
    """A file that cannot be read as an input; the message says why and what to do."""


def _kind_of(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def check_entry(path: Path, folder: Path) -> tuple[Path, os.stat_result]:
    """The regular file that `path` is, and its status, or InputError.

    A symbolic link is accepted only when it resolves to a regular file inside `folder`
    (content/ or seeds/ as they are on disk): Git stores links, and one pointing elsewhere
    would publish whatever it points to."""
    try:
        st = os.lstat(path)
    except OSError as exc:
        raise InputError(f"cannot read it ({exc.strerror})") from None
    if stat.S_ISLNK(st.st_mode):
        try:
            target = path.resolve(strict=True)
        except (OSError, RuntimeError):
            raise InputError("is a symbolic link that leads nowhere; replace it with the file "
                             "itself") from None
        if not target.is_relative_to(folder.resolve()):
            raise InputError(f"is a symbolic link to a place outside {folder.name}/; Dossier reads "
                             f"only files inside the dossier: put the file itself in {folder.name}/")
        path, st = target, os.stat(target)
    if not stat.S_ISREG(st.st_mode):
        raise InputError(f"is {_kind_of(st.st_mode)}, not a file; remove it or rename it so that "
                         "it does not look like an input")
    return path, st


def _limit_text(limit: int) -> str:
    return f"{limit // (1024 * 1024)} MiB" if limit >= 1024 * 1024 else f"{limit // 1024} KiB"


def read_bytes(path: Path, folder: Path, limit: int) -> bytes:
    """The bytes of one input file (see check_entry), at most `limit` of them."""
    real, st = check_entry(path, folder)
    if st.st_size > limit:
        raise InputError(f"is {st.st_size / (1024 * 1024):.1f} MiB; the limit is {_limit_text(limit)}. "
                         "Split it, or leave out what the dossier does not cite")
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(real, flags)
    except OSError as exc:
        raise InputError(f"cannot read it ({exc.strerror}); check its permissions") from None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):  # replaced between the look and the open
            raise InputError("is not a regular file")
        chunks, total = [], 0
        while total <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
    except OSError as exc:
        raise InputError(f"cannot read it ({exc.strerror})") from None
    finally:
        os.close(fd)
    if total > limit:  # grew while being read
        raise InputError(f"is larger than the limit of {_limit_text(limit)}")
    return b"".join(chunks)


def decode(data: bytes, shown: str, article: bool = True) -> str:
    """UTF-8 text with universal newlines (as Path.read_text gives), or InputError naming
    the likely encoding and the command that converts the file. A byte-order mark, which some
    editors put before UTF-8 text, is dropped: it is no character of the article, and would
    otherwise stand before its first paragraph, its anchors and its quotes."""
    try:
        text = data.removeprefix(codecs.BOM_UTF8).decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(_not_utf8(data, shown, exc)) from None
    if article and "\x00" in text:  # a sheet's control characters are reported where they are
        raise InputError("holds NUL bytes: it is binary data, not text; save the article as plain "
                         "UTF-8 text")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _iconv_name(codec: str) -> str:
    """Python's codec name as iconv and editors spell it (cp1251 -> WINDOWS-1251)."""
    match = re.fullmatch(r"cp(125\d)", codec)
    if match:
        return f"WINDOWS-{match.group(1)}"
    return {"latin_1": "ISO-8859-1", "iso8859_1": "ISO-8859-1"}.get(codec, codec.replace("_", "-").upper())


def _not_utf8(data: bytes, shown: str, exc: UnicodeDecodeError) -> str:
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    if best is None or "\x00" in data[:8192].decode("latin-1"):
        return ("is not text (binary data, or an encoding that cannot be recognised); save the "
                "article as plain UTF-8 text")
    encoding = _iconv_name(best.encoding)
    language = f" ({best.language})" if best.language and best.language != "Unknown" else ""
    quoted = "'" + shown.replace("'", "'\\''") + "'"
    return (f"is not UTF-8 text ({exc.reason} at byte {exc.start}); it looks like {encoding}{language}. "
            f"Convert it: iconv -f {encoding} -t UTF-8 {quoted} > converted.txt && mv converted.txt {quoted} "
            "(or save it as UTF-8 in your editor)")


def read_text(path: Path, folder: Path, limit: int, shown: str, article: bool = True) -> str:
    return decode(read_bytes(path, folder, limit), shown, article)


# Characters YAML refuses (C0 and C1 controls other than tab, line feed, carriage return
# and NEL) and that have no place in a fact sheet.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff]")


def first_control(text: str) -> tuple[int, int, str] | None:
    """(line, column, character) of the first control character, or None."""
    m = _CONTROL.search(text)
    if m is None:
        return None
    line = text.count("\n", 0, m.start()) + 1
    col = m.start() - (text.rfind("\n", 0, m.start()) + 1) + 1
    return line, col, m.group()

