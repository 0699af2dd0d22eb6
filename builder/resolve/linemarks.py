"""The lines a source sheet marks in its article (furniture, captions, bylines, datelines,
datelines that open a paragraph), checked against the text: each problem named at the
sheet's line, as the resolver reports them."""

from __future__ import annotations

from ..core.errors import Diagnostic, error
from ..model.sheets import Source
from ..read.load import RawDoc

LINE_ROLES = {"captions": "caption", "bylines": "byline", "datelines": "dateline"}  # citable, shown apart


def marked_lines(source: Source, doc: RawDoc, seed,
                 problems: list[Diagnostic]) -> tuple[set[int], dict[int, str], dict[int, str]]:
    """(furniture lines, line -> role, line -> the dateline it opens with), appending to
    `problems` what does not fit the text."""
    line_count = len(seed.text.splitlines())
    marked: dict[str, set[int]] = {}
    for field_name in ("furniture", *LINE_ROLES):
        marked[field_name], outside = source.line_set(field_name, line_count)
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
    openings = {}
    for index, item in source.openings():
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
        openings[item.line] = item.text
    return furniture, roles, openings
