"""How a point where sources differ is told to readers: a sentence that sorts its values into
sides (a conflict between sides, the other values as variants of one side: "from Amman" is
"from Jordan" at other precision), and the rows of its table, each value with its
qualifiers, its source and the source's words."""

from __future__ import annotations

from collections import Counter

from markupsafe import Markup

from ..core.markup import quoted_text as quote
from ..resolve.differences import ORDER, VARIANT
from ..resolve.resolved import Disagreement
from .renderer import Renderer

BETWEEN = {"conflict": "{a} conflicts with {b}", "scope": "{a} and {b} differ in scope or time",
           "unclassified": "{a} and {b} differ in a way not yet classified"}
MAX_PAIRS = 3  # pairs of sides told one by one; more are told as one sentence and its exceptions
AMONG = {"conflict": "{values} conflict with one another", "scope": "{values} differ in scope or time",
         "unclassified": "{values} differ in ways not yet classified"}  # three sides or more, one kind


def _representative(d: Disagreement, side: tuple[int, ...]) -> int:
    """The value a side is named by: the one most claims give (the first of them on a tie)."""
    return max(side, key=lambda i: (len(d.values[i][1]), -i))


def _strongest(d: Disagreement, side: tuple[int, ...], other: tuple[int, ...]) -> tuple[int, int, str]:
    """The pair that tells how two sides differ: the first in ORDER of kind ("109" conflicts
    with "69" even where it is not yet classified against "about 69", 69's variant)."""
    return min(((i, j, d.pair(i, j)) for i in side for j in other), key=lambda p: (ORDER.index(p[2]), p[:2]))


def summary(d: Disagreement) -> Markup:
    """One sentence on a point with more than two values or more than one kind; "" else."""
    if len(d.values) < 3 and len({kind for *_, kind, _ in d.pairs}) < 2:
        return Markup("")
    quoted = lambda i: quote(d.values[i][0])  # noqa: E731
    reps = [_representative(d, side) for side in d.sides]
    between = [_strongest(d, side, other) for n, side in enumerate(d.sides) for other in d.sides[n + 1:]]
    kinds = Counter(kind for *_, kind in between)
    if len(reps) >= 3 and (len(kinds) == 1 or len(between) > MAX_PAIRS):
        # One sentence for the kind most pairs share, the other pairs as exceptions: a point
        # with six sides has fifteen pairs, too many to tell one by one.
        common = max(kinds, key=lambda kind: (kinds[kind], -ORDER.index(kind)))
        names = [quoted(i) for i in reps]
        parts = [AMONG[common].format(values=", ".join(names[:-1]) + " and " + names[-1])]
        others = [BETWEEN[kind].format(a=quoted(a), b=quoted(b)) for a, b, kind in between if kind != common]
        if others:
            parts[0] += ", except that " + ", and ".join(others)
    else:
        parts = [BETWEEN[kind].format(a=quoted(a), b=quoted(b)) for a, b, kind in between]
    for side, rep in zip(d.sides, reps):
        by_kind: dict[str, list[int]] = {}  # the values of a side told together, by their kind
        for i in side:
            if i != rep:
                by_kind.setdefault(d.pair(i, rep), []).append(i)
        for kind, values in by_kind.items():
            names = [quoted(i) for i in values]
            listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
            verb = "is" if len(names) == 1 else "are"
            parts.append(f"{listed} {verb} {quoted(rep)} {VARIANT[kind]}" if kind in VARIANT
                         else f"{listed} {'goes' if len(names) == 1 else 'go'} with {quoted(rep)}")
    return Markup("; ".join(parts) + ".")


def rows(rd: Renderer, d: Disagreement, page: str) -> list[dict]:
    """One row per citation of each value: the value, its claim (for its qualifiers), the
    source, its quote and a link to it."""
    found = []
    for value, claims in d.values:
        for claim in claims:
            for cite in claim.citations:
                found.append({"value": value, "source": cite.source_id, "quote": cite.quote,
                              "href": rd.href(page, cite.source_id, cite.anchor),
                              "claim": claim})
    return found
