"""How a point where sources differ is told to readers: a sentence that sorts its values into
sides (a conflict between sides, the other values as variants of one side: "from Amman" is
"from Jordan" at other precision), and the rows of its table, each value with its
qualifiers, its source and the source's words."""

from __future__ import annotations

from markupsafe import Markup

from ..core.markup import md, relative
from ..resolve.differences import VARIANT
from ..resolve.resolved import Disagreement
from .renderer import Renderer

BETWEEN = {"conflict": "conflicts with", "scope": "differs in scope or time from",
           "unclassified": "differs (kind not yet stated) from"}


def _representative(d: Disagreement, side: tuple[int, ...]) -> int:
    """The value a side is named by: the one most claims give (the first of them on a tie)."""
    return max(side, key=lambda i: (len(d.values[i][1]), -i))


def summary(d: Disagreement) -> Markup:
    """One sentence on a point with more than two values or more than one kind; "" else."""
    if len(d.values) < 3 and len({kind for *_, kind, _ in d.pairs}) < 2:
        return Markup("")
    quoted = lambda i: f"“{md(d.values[i][0])}”"  # noqa: E731
    reps = [_representative(d, side) for side in d.sides]
    parts = [f"{quoted(a)} {BETWEEN[d.pair(a, b)]} {quoted(b)}"
             for n, a in enumerate(reps) for b in reps[n + 1:]]
    for side, rep in zip(d.sides, reps):
        for i in side:
            if i != rep:
                kind = d.pair(i, rep)
                parts.append(f"{quoted(i)} is {quoted(rep)} {VARIANT[kind]}" if kind in VARIANT
                             else f"{quoted(i)} goes with {quoted(rep)}")
    return Markup("; ".join(parts) + ".")


def rows(rd: Renderer, d: Disagreement, page: str) -> list[dict]:
    """One row per citation of each value: the value, its claim (for its qualifiers), the
    source, its quote and a link to it."""
    found = []
    for value, claims in d.values:
        for claim in claims:
            for cite in claim.citations:
                found.append({"value": value, "source": cite.source_id, "quote": cite.quote,
                              "href": relative(page, rd.page_of(cite.source_id), cite.anchor),
                              "claim": claim})
    return found
