"""The lines a source sheet marks in its article (furniture, captions, bylines, datelines,
datelines that open a paragraph), checked against the text: each problem named at the
sheet's line, as the resolver reports them."""

from __future__ import annotations

from ..core.errors import Diagnostic, error
from ..model.sheets import OpeningDateline, Source
from ..read.load import RawDoc

LINE_ROLES = {"captions": "caption", "bylines": "byline", "datelines": "dateline"}  # citable, shown apart


def marked_lines(source: Source, doc: RawDoc, seed,
                 problems: list[Diagnostic]) -> tuple[set[int], dict[int, str], dict[int, str]]:
    """(furniture lines, line -> role, line -> the dateline it opens with), appending to
    `problems` what does not fit the text."""
    line_count = len(seed.text.splitlines())
    marked: dict[str, set[int]] = {}
    for field_name in ("furniture", *LINE_ROLES):
        marked[field_name], outside = line_set(source, field_name, line_count)
        for index, line in outside:
            problems.append(error(
                "line-out-of-range", f"{field_name} line {line} is outside "
                f"seeds/{source.file}, which has {line_count} lines (or the range is backwards)",
                doc.loc((field_name, index))))
    furniture = marked["furniture"]
    kinds = ["furniture", *LINE_ROLES]
    for i, field_name in enumerate(kinds[1:], start=1):
        for earlier in kinds[:i]:
            both = sorted(marked[field_name] & marked[earlier])
            if both:
                problems.append(error(
                    "line-marked-twice", f"line {both[0]} is in '{field_name}' and also in "
                    f"'{earlier}'; give each line one kind", doc.loc((field_name,))))
                break
    roles = {n: role for field_name, role in LINE_ROLES.items() for n in marked[field_name]}
    text_lines = seed.text.splitlines()
    for field_name in LINE_ROLES:
        blank = sorted(n for n in marked[field_name] if not text_lines[n - 1].strip())
        if blank:
            problems.append(error(
                "blank-line-marked", f"line {blank[0]} of seeds/{source.file} is blank; "
                f"'{field_name}' lists the lines that hold one", doc.loc((field_name,))))
    opening_words = {}
    for index, item in openings(source):
        line = text_lines[item.line - 1].lstrip() if item.line <= line_count else ""
        if item.line in furniture or item.line in roles or not line.startswith(item.text):
            whole = item.line in furniture | set(roles)
            where = ("is outside the text" if item.line > line_count else
                     "is page furniture or marked as a whole line" if whole
                     else "does not begin with these words")
            problems.append(error(
                "dateline-not-found", f"line {item.line} of seeds/{source.file} {where}; a dateline "
                "that opens a paragraph gives the words the line begins with, copied exactly",
                doc.loc(("datelines", index, "text"))))
            continue
        opening_words[item.line] = item.text
    return furniture, roles, opening_words


def openings(source: Source) -> list[tuple[int, OpeningDateline]]:
    """The datelines that open a paragraph, with their index in `datelines`."""
    return [(i, item) for i, item in enumerate(source.datelines) if isinstance(item, OpeningDateline)]


def line_set(source: Source, field: str, line_count: int) -> tuple[set[int], list[tuple[int, int]]]:
    """The line numbers a field (furniture, captions, bylines, datelines) names within 1..line_count,
    and the (index, line) of each item that reaches outside (ranges are checked before
    they are expanded)."""
    lines: set[int] = set()
    outside: list[tuple[int, int]] = []
    for index, item in enumerate(getattr(source, field)):
        if isinstance(item, OpeningDateline):
            continue  # not a whole line: openings()
        first, last = (item, item) if isinstance(item, int) else (int(n) for n in item.split("-"))
        bad = next((n for n in (first, last) if n < 1 or n > line_count), None)
        if bad is not None or first > last:
            outside.append((index, bad if bad is not None else first))
            continue
        lines.update(range(first, last + 1))
    return lines, outside
