"""Figures as sources write them, read as intervals so that claims can be compared.

Accepted English forms (the words before the number may be followed by other text, such as
a unit or "children", which is kept for display only):

  123, 3,417, 1.200, 1,5 million, thirty, one hundred and twenty, a dozen, half a dozen
                                               exact            [n, n] (a dot before three digits
                                               separates thousands; a comma before one, two or
                                               four digits is a decimal comma)
  about|around|some|roughly|approximately|an estimated|estimated|almost|nearly|close to|
  at about N, just over N                      approximate      [0.9 n, 1.1 n]; nearly/almost: [0.9 n, n)
  over|more than|above|at least N              lower bound      [n, inf), n itself excluded but by
                                               "at least" (so "nearly 600" and "over 600" conflict)
  under|fewer than|less than|below|up to|at most|no more than N   upper bound   [0, n], n excluded
                                               by under, fewer, less and below
  N to M, N-M                                  range            [N, M]: an extent ("aged 3 to 10")
  between N and M                              uncertain        [N, M]: one figure somewhere in it
  dozens | scores | hundreds | thousands | tens of thousands | several hundred|thousand   vague
                                               magnitude        e.g. dozens [24, 99], thousands [2,000, 9,999]

A curator can write the figure as a structure instead (model.Figure: exact, min, max,
approximate, extent, unit); `from_figure` reads it the same way. `total` adds up the parts
of a breakdown (a part that is not a figure makes it partial: model.Claim).

`compatible(a, b)` says whether two figures can both be true. Two ranges are extents: they
are compatible only when equal (3 to 10 and 3 to 15 describe different groups). A number is
compatible with a range that holds it; bounds and approximations with what overlaps them.
"""

from __future__ import annotations

import math
import re
import sys
from dataclasses import dataclass

_UNITS = {"zero": 0, "one": 1, "a": 1, "an": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
          "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
          "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
          "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
          "seventy": 70, "eighty": 80, "ninety": 90}
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
           "dozen": 12}
_PHRASES = {"half a dozen": 6.0}  # numbers said in a phrase of their own
_UNIT_WORDS = "|".join(sorted(_UNITS, key=len, reverse=True))
_WORD_NUMBER = rf"(?:{_UNIT_WORDS})(?:[\s-]+(?:{_UNIT_WORDS}))?"  # "thirty-eight", "one"
_NUMBER = (rf"(?:{'|'.join(_PHRASES)}|\d[\d,]*(?:\.\d+)?(?:\s+(?:hundred|thousand|million|billion))?"
           rf"|{_WORD_NUMBER}(?:\s+(?:hundred|thousand|million|billion|dozen))*(?:\s+and\s+{_WORD_NUMBER})?)")
_APPROX = (r"about|around|some|roughly|approximately|an estimated|estimated|at about|circa|c\.|~|"
           r"just over|just above")
_NEAR = r"nearly|almost|close to|just under"
_LOWER = r"over|more than|above|at least|upwards of|in excess of|no fewer than|no less than"
_UPPER = r"under|fewer than|less than|below|up to|at most|no more than"
# the first words of the bounds that exclude the figure itself ("over 600" is not 600)
_STRICT = {"over", "more", "above", "upwards", "in", "under", "fewer", "less", "below"}
_VAGUE = {"dozens": (24, 99), "scores": (40, 199), "hundreds": (200, 999), "thousands": (2_000, 9_999),
          "tens of thousands": (20_000, 99_999), "several": (3, 9), "several dozen": (36, 99),
          "several hundred": (300, 999), "several thousand": (3_000, 9_999), "a few": (2, 5),
          "a few hundred": (200, 500), "a few thousand": (2_000, 5_000)}

_PATTERNS = [
    ("between", re.compile(rf"^between\s+({_NUMBER})\s+and\s+({_NUMBER})\b")),
    ("range", re.compile(rf"^({_NUMBER})\s+to\s+({_NUMBER})\b")),
    ("range", re.compile(r"^(\d[\d,]*)\s*[-–—]\s*(\d[\d,]*)\b")),
    ("near", re.compile(rf"^(?:{_NEAR})\s+({_NUMBER})\b")),
    ("approx", re.compile(rf"^(?:{_APPROX})\s*({_NUMBER})\b")),
    ("lower", re.compile(rf"^(?:{_LOWER})\s+({_NUMBER})\b")),
    ("upper", re.compile(rf"^(?:{_UPPER})\s+({_NUMBER})\b")),
    ("vague", re.compile(r"^(" + "|".join(sorted(map(re.escape, _VAGUE), key=len, reverse=True)) + r")\b")),
    ("exact", re.compile(rf"^({_NUMBER})\b")),
]


@dataclass(frozen=True)
class Quantity:
    form: str  # exact, approx, near, lower, upper, range, between, vague
    low: float
    high: float
    unit: str | None = None  # only from a written structure; figures of other units are not compared

    @property
    def is_extent(self) -> bool:
        return self.form == "range"

    def text(self) -> str:
        """The interval for a message: "40", "36 to 44", "over 120"."""
        if self.low == self.high:
            return f"{self.low:g}"
        return f"over {self.low:g}" if math.isinf(self.high) else f"{self.low:g} to {self.high:g}"


def number(text: str) -> float | None:
    """123, 3,417, 1.5 million, thirty-eight, two hundred, a dozen -> the number; None for a
    figure too large for a float (310 digits, or 'hundred' said 160 times), which would
    overflow to infinity and so equal any other such figure."""
    value = _number(text)
    return value if value is not None and math.isfinite(value) else None


def _scaled(n: float, factor: float) -> float:
    """n * factor, kept finite (the margin of an approximate figure near the largest float)."""
    return min(n * factor, sys.float_info.max)


def _number(text: str) -> float | None:
    text = text.strip().lower()
    if text in _PHRASES:
        return _PHRASES[text]
    if re.fullmatch(r"\d+,(?:\d{1,2}|\d{4,})(?:\s+(?:hundred|thousand|million|billion))?", text):
        text = text.replace(",", ".", 1)  # "1,5 million": a decimal comma (a thousands one has 3 digits)
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", text):
        text = text.replace(".", "")  # "1.200": a thousands separator, as much of Europe writes it
    digits = re.fullmatch(r"(\d[\d,]*(?:\.\d+)?)(?:\s+(hundred|thousand|million|billion))?", text)
    if digits:
        return float(digits.group(1).replace(",", "")) * (_SCALES[digits.group(2)] if digits.group(2) else 1)
    total, current = 0.0, 0.0
    for word in re.split(r"[\s-]+", text):
        if word == "and" and current:
            continue  # "one hundred and twenty"
        if word in _UNITS:
            current += _UNITS[word]
        elif word in _SCALES:
            current = (current or 1) * _SCALES[word]
            if _SCALES[word] >= 1000:
                total, current = total + current, 0.0
        else:
            return None
    return total + current


def _words(text: str) -> str:
    """A value as the figure patterns read it: lower case, white space single."""
    return " ".join(text.lower().replace("\u00a0", " ").split())


def _figure_match(words: str) -> tuple[str, re.Match] | None:
    for form, pattern in _PATTERNS:
        match = pattern.match(words)
        if match:
            return form, match
    return None


def figure_text(text: str) -> str:
    """The words of the figure a value begins with ("about 95 children" -> "about 95")."""
    words = _words(text)
    found = _figure_match(words)
    return found[1].group(0) if found else text


def counted(text: str) -> str:
    """The words after a value's figure: what it counts ("30 children" -> "children"),
    lower case, without punctuation or a leading "of"; "" when there is no figure."""
    words = _words(text)
    found = _figure_match(words)
    if not found:
        return ""
    rest = re.sub(r"[^\w\s]", " ", words[found[1].end():]).split()
    return " ".join(rest[1:] if rest[:1] == ["of"] else rest)


def parse_quantity(text: str) -> Quantity | None:
    """The figure a value begins with, or None when it does not begin with one, or when more
    figures follow (a breakdown such as "4 men, 32 women" is not one figure)."""
    words = _words(text)
    found = _figure_match(words)
    if found:
        form, match = found
        if re.search(r"\d", words[match.end():]):
            return None
        if form == "vague":
            low, high = _VAGUE[match.group(1)]
            return Quantity(form, low, high)
        if any(g.strip() in ("a", "an") for g in match.groups()):
            return None  # "a" or "an" is a number only with a scale: "a dozen", "a hundred"
        values = [number(g) for g in match.groups()]
        if any(v is None for v in values):
            return None
        n = values[0]
        if form in ("range", "between"):
            return Quantity(form, min(values), max(values))
        if form == "approx":
            return Quantity(form, n * 0.9, _scaled(n, 1.1))
        strict = match.group(0).split()[0] in _STRICT  # "over 600" excludes 600, "at least 600" does not
        if form == "near":
            return Quantity(form, n * 0.9, math.nextafter(n, 0))
        if form == "lower":
            return Quantity(form, math.nextafter(n, math.inf) if strict else n, math.inf)
        if form == "upper":
            return Quantity(form, 0, math.nextafter(n, 0) if strict else n)
        return Quantity(form, n, n)
    return None


def from_figure(figure) -> Quantity:
    """A quantity from its written structure (model.Figure)."""
    unit = figure.unit.casefold() if figure.unit else None
    if figure.exact is not None:
        n = figure.exact
        if figure.approximate:
            return Quantity("approx", n * 0.9, _scaled(n, 1.1), unit)
        return Quantity("exact", n, n, unit)
    low = figure.min if figure.min is not None else 0.0
    high = figure.max if figure.max is not None else math.inf
    form = ("range" if figure.extent else "between" if figure.min is not None and figure.max is not None
            else "lower" if figure.min is not None else "upper")
    if figure.approximate:
        low, high = low * 0.9, (high if math.isinf(high) else _scaled(high, 1.1))
    return Quantity(form, low, high, unit)


def total(parts: list[Quantity]) -> Quantity:
    """The whole that parts add up to."""
    return Quantity("exact" if all(p.form == "exact" for p in parts) else "between",
                    sum(p.low for p in parts), sum(p.high for p in parts))


def compatible(a: Quantity, b: Quantity) -> bool:
    """Whether both figures can be true of the same thing."""
    if a.is_extent and b.is_extent:
        return (a.low, a.high) == (b.low, b.high)
    return a.low <= b.high and b.low <= a.high
