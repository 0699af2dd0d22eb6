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

import functools
import math
import re
import sys
from dataclasses import dataclass
from decimal import Decimal

from .cldr import tables

_UNITS = {"zero": 0, "one": 1, "a": 1, "an": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
          "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
          "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
          "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
          "seventy": 70, "eighty": 80, "ninety": 90}
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
           "dozen": 12}
_PHRASES = {"half a dozen": 6.0, "half a million": 500_000.0, "a quarter of a million": 250_000.0,
            "half a billion": 500_000_000.0}  # numbers said in a phrase of their own
_ROUNDING = ("thousand", "million", "billion")  # "12 million" is rounded: [11.5 million, 12.5 million)
_UNIT_WORDS = "|".join(sorted(_UNITS, key=len, reverse=True))
_WORD_NUMBER = rf"(?:{_UNIT_WORDS})(?:[\s-]+(?:{_UNIT_WORDS}))?"  # "thirty-eight", "one"
_NUMBER = (rf"(?:{'|'.join(_PHRASES)}|\d{{1,3}}(?: \d{{3}})+(?!\d)"
           rf"|\d[\d,]*(?:\.\d+)?(?:\s+(?:hundred|thousand|million|billion))?"
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

_DECADES = {w[:-1] + "ies": n for w, n in _UNITS.items() if n >= 20 and n % 10 == 0}  # "thirties": 30
_AGES = re.compile(rf"^(?:aged\s+)?in\s+(?:his|her|their)\s+(?:(early|mid|late)[\s-]+)?"
                   rf"(?:([2-9])0s|({'|'.join(_DECADES)}))\b")
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
    unit: str | None = None  # of a written structure, or a measure's dimension; others are not compared
    spread: float = 0.0  # a measure's margin: half its last written digit, in its base unit

    @property
    def is_extent(self) -> bool:
        return self.form == "range"

    def same_figure(self, other: Quantity) -> bool:
        """Whether two figures say one number: equal intervals, a rounded figure and the exact
        figure it is written for ("12 million", "12,000,000"), or one measure in two units, to
        the precision they are written in (`spread`)."""
        if (self.low, self.high) == (other.low, other.high):
            return True
        if self.unit and self.unit == other.unit and self.form == other.form and not math.isinf(self.high):
            centre = lambda q: (q.low + q.high) / 2  # noqa: E731  "82 feet", "25 metres"; "about 74 km"
            return abs(centre(self) - centre(other)) <= max(self.spread, other.spread)
        rounded, exact = (self, other) if self.form == "rounded" else (other, self)
        if rounded.form != "rounded" or exact.form != "exact":
            return False
        centre = (rounded.low + rounded.high) / 2
        return abs(exact.low - centre) <= 1e-9 * abs(centre)

    def text(self) -> str:
        """The interval for a message: "40", "36 to 44", "over 120", "about 12,000,000"."""
        if self.low == self.high:
            return _shown(self.low)
        if self.form == "rounded":
            return f"about {_shown((self.low + self.high) / 2)}"
        return f"over {_shown(self.low)}" if math.isinf(self.high) else \
            f"{_shown(self.low)} to {_shown(self.high)}"


def _shown(n: float) -> str:
    return f"{round(n):,}" if abs(n - round(n)) < 1e-6 * max(1.0, abs(n)) else f"{n:,.6g}"


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
    if re.fullmatch(r"\d{1,3}(?:[. ]\d{3})+", text):
        text = re.sub(r"[. ]", "", text)  # "1.200", "4 000": thousands separated as much of Europe does
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
    """A value as the figure patterns read it: lower case, white space single, a currency
    written before a figure moved after it ("BGN 10,000" and "€2.5m" as "10,000 bgn" and
    "2.5 million €")."""
    words = " ".join(text.lower().split())
    words = re.sub(r"(?<=\d)(bn|mn)\b", lambda m: " " + _ABBREVIATIONS[m[1]], words)
    prefix = _currency_prefix().search(words)
    codes = _currencies().get(prefix[1], ()) if prefix else ()
    if codes:
        after = re.sub(r"^([\d.,]*\d)(m|k)\b", lambda m: f"{m[1]} {_ABBREVIATIONS[m[2]]}",
                       words[prefix.end():])
        figure = _figure_match(after)
        if figure:  # named by its code, so that "$" is "usd" as "USD" is, and the word survives
            code = prefix[1] if prefix[1].isalpha() else min(codes).lower()
            words = f"{words[:prefix.start()]}{after[:figure[1].end()]} {code}{after[figure[1].end():]}"
    return words


_ABBREVIATIONS = {"bn": "billion", "mn": "million", "m": "million", "k": "thousand"}


@functools.cache
def _currencies() -> dict[str, frozenset[str]]:
    """Currencies by every English name, symbol and code (lower case) -> their ISO codes:
    "leva", "lev", "bgn" -> {"BGN", ...}; "dollars" -> every dollar's code (model/cldr.py)."""
    return {name: frozenset(codes) for name, codes in tables()["currencies"].items()}


@functools.cache
def _currency_prefix() -> re.Pattern:
    """A currency symbol or code right before a figure: "$", "€", "bgn " (lower case)."""
    symbols = sorted((name for name in _currencies() if not name.isalpha() and " " not in name),
                     key=len, reverse=True)
    return re.compile(rf"(?<![\w$])({'|'.join(map(re.escape, symbols))}|[a-z]{{3}}(?= ))\s?(?=\d)")


def currencies(word: str) -> frozenset[str]:
    """The ISO codes a word may name as a currency ("leva" -> {"BGN", ...}); empty when none."""
    return _currencies().get(word.lower(), frozenset())


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
    ages = _AGES.match(words)
    if ages:  # "in his 30s", "in her early thirties": [30, 39], [30, 33]
        tens = int(ages[2]) * 10 if ages[2] else _DECADES[ages[3]]
        low, high = {"early": (0, 3), "mid": (3, 6), "late": (7, 9)}.get(ages[1], (0, 9))
        return Quantity("between", tens + low, tens + high)
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
        if form == "exact" and any(scale in match.group(1) for scale in _ROUNDING):
            unit = _last_place(n)  # "12 million": to the nearest million
            return Quantity("rounded", n - unit / 2, math.nextafter(n + unit / 2, 0))
        return Quantity(form, n, n)
    return None


def _last_place(n: float) -> float:
    """The place of a figure's last significant digit: 1,000,000 for 12 million, 100,000 for
    12.4 million, 10 for 40, 0.1 for 2.5."""
    return float(10 ** Decimal(repr(n)).normalize().as_tuple().exponent) if n else 1.0


_LABEL = re.compile(r"^((?:[^\W\d_][\w.'’-]*\s+){1,3})(?=\d)")  # "magnitude ", "School No. "


def labelled(text: str) -> tuple[Quantity, str] | None:
    """A figure after a few words that label it ("magnitude 6.4 on the Richter scale",
    "School No. 14"): the figure and its label with what follows it ("magnitude on the
    richter scale", "school no"); None when the value has no such figure."""
    words = _words(text)
    label = _LABEL.match(words)
    if not label:
        return None
    figure = parse_quantity(words[label.end():])
    if figure is None:
        return None
    label_words = re.sub(r"[^\w\s]", " ", label.group(1)).split()
    return figure, " ".join(label_words + counted(words[label.end():]).split())


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


# Units of measure, by dimension, in a base unit (seconds, metres, square metres, kilograms).
# Each name is a regular expression. A month and a year are their average lengths, and a
# figure of months or years says the same as one within 2% of it ("six months", "180 days").
# Figures are compared across units: "two weeks" is "14 days", "25 metres" is "82 feet".
_DAY = 86_400
_MEASURES = {
    "time": {r"seconds?|secs?": 1, r"minutes?|mins?": 60, r"hours?|hrs?": 3_600, r"days?|nights?": _DAY,
             r"weeks?": 7 * _DAY, r"fortnights?": 14 * _DAY, r"months?": 30.436875 * _DAY,
             r"years?": 365.2425 * _DAY, r"decades?": 3_652.425 * _DAY},
    "length": {r"nautical miles?|nmi": 1_852, r"miles?": 1_609.344, r"km|kilomet(?:re|er)s?": 1_000,
               r"m|met(?:re|er)s?": 1, r"cm|centimet(?:re|er)s?": 0.01, r"ft|foot|feet": 0.3048,
               r"yards?|yds?": 0.9144},
    "area": {r"square kilomet(?:re|er)s?|sq\.? km|km²|km2": 1e6, r"hectares?|ha": 1e4, r"acres?": 4_046.856,
             r"square met(?:re|er)s?|sq\.? m|sqm|m²|m2": 1, r"square miles?|sq\.? mi": 2_589_988,
             r"square f(?:ee|oo)t|sq\.? ft": 0.0929},
    "mass": {r"tonnes?|metric tons?": 1_000, r"kg|kilos?|kilograms?|kilogrammes?": 1,
             r"grams?|grammes?|g": 0.001, r"lbs?": 0.45359237},  # "pounds" may be money
}
_CALENDAR = re.compile(r"months?|years?|decades?")
_UNIT_OF = [(re.compile(rf"(?:{pattern})$"), dimension, factor)
            for dimension, units in _MEASURES.items() for pattern, factor in units.items()]
_UNIT_WORD = "|".join(f"(?:{pattern})" for units in _MEASURES.values() for pattern in units)
_HALF = r"\s+and\s+a\s+half"
_VAGUE_WORDS = "|".join(sorted(map(re.escape, _VAGUE), key=len, reverse=True))
_MEASURE_PART = re.compile(rf"(?:^|\s|,\s*|\s+and\s+)(?P<number>{_NUMBER}|{_VAGUE_WORDS})"
                           rf"(?P<half>{_HALF})?\s*(?:of\s+)?"
                           rf"(?P<unit>{_UNIT_WORD})(?=$|[\s,;.()'’])(?P<half_after>{_HALF})?")


def _unit(word: str) -> tuple[str, float]:
    return next((dimension, factor) for pattern, dimension, factor in _UNIT_OF if pattern.match(word))


def measure(text: str) -> Quantity | None:
    """A value that is a measure ("two weeks", "about 3 hours 40 minutes", "a year and a half",
    "40 nautical miles", "25 metres", "3.5 hectares"), in its dimension's base unit, read as
    figures are, with its dimension as the unit; None for anything else ("14 years old" is
    an age, not a length of time)."""
    words = _words(text)
    parts = list(_MEASURE_PART.finditer(words))
    after = words[parts[-1].end():] if parts else ""
    if not parts or re.search(r"\d", after) or re.match(r"\s*(?:old|of age)\b", after):
        return None
    dimension = _unit(parts[0]["unit"])[0]
    if any(_unit(p["unit"])[0] != dimension for p in parts):
        return None
    lead = words[:parts[0].start("number")]
    first_number = parts[0]["number"]
    first = parse_quantity(lead + ("one" if first_number in ("a", "an") else first_number))
    rest = [number(p["number"]) for p in parts[1:]]
    if first is None or any(n is None for n in rest):
        return None
    low = high = spread = 0.0
    for n, part in zip([first, *rest], parts):
        factor = _unit(part["unit"])[1]
        extra = 0.5 if part["half"] or part["half_after"] else 0.0
        n_low, n_high = (n.low, n.high) if isinstance(n, Quantity) else (n, n)
        low, high = low + (n_low + extra) * factor, high + (n_high + extra) * factor
        if _CALENDAR.match(part["unit"]):
            spread = max(spread, 0.02 * (n_low + extra) * factor)
        elif dimension != "time" and (written := number(part["number"])):  # converted from another unit?
            spread = max(spread, _last_place(written) / 2 * factor)  # its last digit: "82 feet", "25 m"
    return Quantity(first.form, low, high, dimension, spread)
