"""Dates with their precision: a day, a month, a year, a part of a year, or a range.

Accepted forms (one place, so the editor guide can quote it):
  2018-12-30            a day
  2018-12               a month
  2018                  a year
  early|mid|late 2017   a third of a year (approximate)
  early|mid|late 2017-08  a third of a month (approximate)
  spring|summer|autumn|fall|winter 2019  a season (approximate; meteorological, northern
                        hemisphere: spring March-May, summer June-August, autumn September-
                        November, winter December of the year before to February)
  A to B                a range between two of the forms above
  unknown               not stated by any source (the sheet then says why in a note)
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

_PART = re.compile(r"^(early|mid|late)\s+(\d{4}(?:-\d{2})?)$")
_SEASON = re.compile(r"^(spring|summer|autumn|fall|winter)\s+(\d{4})$")
_SEASON_MONTHS = {"spring": (0, 3, 5), "summer": (0, 6, 8), "autumn": (0, 9, 11), "fall": (0, 9, 11),
                  "winter": (-1, 12, 2)}  # (year offset of the first month, first month, last month)
UNKNOWN = "unknown"
_ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
FIRST_YEAR, LAST_YEAR = 1000, 2100  # dates beyond 2106 do not fit the 32-bit times of zip and gzip
FORMS = "YYYY-MM-DD, YYYY-MM, YYYY, 'early|mid|late YYYY[-MM]', 'spring|summer|autumn|winter YYYY', 'A to B' or 'unknown'"


@dataclass(frozen=True)
class FuzzyDate:
    text: str  # as written in the sheet
    start: date
    end: date
    precision: str  # day, month, year, part, range
    label: str  # for readers

    @property
    def approximate(self) -> bool:
        return self.precision in ("part", "range")

    @property
    def known(self) -> bool:
        return self.precision != UNKNOWN

    @property
    def sort_key(self) -> tuple:
        return (self.start, self.end)  # an unknown date sorts last

    @property
    def publication_order(self) -> tuple:
        """Sources in order of publication: by the last day a date allows, a narrower date
        first, so that a source of 20 April comes before one dated only "April" (which may
        be later) and that one before the next month. An unknown date sorts last."""
        return (self.end, -self.start.toordinal())

    @property
    def year(self) -> int:
        return self.start.year


def _iso_bounds(text: str) -> tuple[date, date, str, str]:
    match = _ISO.match(text)
    if not match:
        raise ValueError(f"'{text}' is not a date; write {FORMS}")
    year, month, day = (int(g) if g else None for g in match.groups())
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValueError(f"the year {year} is outside {FIRST_YEAR}-{LAST_YEAR}; check it for a typo")
    try:
        if day is not None:
            d = date(year, month, day)
            return d, d, "day", f"{day} {calendar.month_name[month]} {year}"
        if month is not None:
            last = calendar.monthrange(year, month)[1]
            return date(year, month, 1), date(year, month, last), "month", \
                f"{calendar.month_name[month]} {year}"
    except ValueError as exc:
        raise ValueError(f"'{text}' is not a real date ({exc}); write {FORMS}") from None
    return date(year, 1, 1), date(year, 12, 31), "year", str(year)


def _part_bounds(part: str, start: date, end: date) -> tuple[date, date]:
    span = (end - start).days + 1
    third = span // 3
    if part == "early":
        return start, date.fromordinal(start.toordinal() + third - 1)
    if part == "mid":
        return date.fromordinal(start.toordinal() + third), date.fromordinal(end.toordinal() - third)
    return date.fromordinal(end.toordinal() - third + 1), end


def _single(text: str) -> tuple[date, date, str, str]:
    season = _SEASON.match(text)
    if season:
        name, year_text = season.groups()
        offset, first, last = _SEASON_MONTHS[name]
        year = int(year_text)
        start, _, _, _ = _iso_bounds(f"{year + offset:04d}-{first:02d}")
        _, end, _, _ = _iso_bounds(f"{year:04d}-{last:02d}")
        return start, end, "part", f"{name} {year}"
    match = _PART.match(text)
    if match:
        part, inner = match.groups()
        start, end, _, label = _iso_bounds(inner)
        start, end = _part_bounds(part, start, end)
        return start, end, "part", f"{part} {label}"
    return _iso_bounds(text)


def parse_date(value: object) -> FuzzyDate:
    text = " ".join(str(value).split())
    if text.lower() == UNKNOWN:
        return FuzzyDate(UNKNOWN, date.max, date.max, UNKNOWN, "date unknown")
    if " to " in text:
        first, _, last = text.partition(" to ")
        start, _, _, label_a = _single(first.strip())
        _, end, _, label_b = _single(last.strip())
        if end < start:
            raise ValueError(f"the range '{text}' ends before it starts; swap its two ends")
        return FuzzyDate(text, start, end, "range", f"between {label_a} and {label_b}")
    start, end, precision, label = _single(text)
    return FuzzyDate(text, start, end, precision, label)


# -- dates as articles write them (a claim's value), for comparing values ---------------------
_MONTHS = {name.casefold(): n for n, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.casefold(): n for n, name in enumerate(calendar.month_abbr) if name})
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
_WEEKDAY = "|".join(name.casefold() for name in calendar.day_name)
_LEAD = re.compile(rf"^(?:(?:on|in|during|by)\s+)?(?:the\s+(?:weekend|week|night)\s+of\s+)?"
                   rf"(?:(?:{_WEEKDAY}),?\s+)?")  # words before a date that do not change it
_WORDS = [  # each turned into a sheet's form ("YYYY-MM-DD", "early YYYY-MM"...), read by parse_date
    (re.compile(rf"^(?:between\s+)?(\d{{1,2}})(?:\s*[-–—]\s*|\s+and\s+|\s+to\s+)(\d{{1,2}})\s+"
                rf"({_MONTH})\.?,?\s+(\d{{4}})\b"),
     lambda m: f"{m[4]}-{_MONTHS[m[3]]:02d}-{int(m[1]):02d} to {m[4]}-{_MONTHS[m[3]]:02d}-{int(m[2]):02d}"),
    (re.compile(r"^winter\s+(\d{4})\s*[-–—/]\s*(\d{2})\b"), lambda m: f"winter {int(m[1]) + 1}"),
    (re.compile(rf"^(?:on\s+)?(\d{{1,2}})(?:st|nd|rd|th)?\s+({_MONTH})\.?,?\s+(\d{{4}})\b"),
     lambda m: f"{m[3]}-{_MONTHS[m[2]]:02d}-{int(m[1]):02d}"),
    (re.compile(rf"^(?:on\s+)?({_MONTH})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b"),
     lambda m: f"{m[3]}-{_MONTHS[m[1]]:02d}-{int(m[2]):02d}"),
    (re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})\b"), lambda m: f"{m[3]}-{int(m[2]):02d}-{int(m[1]):02d}"),
    (re.compile(rf"^(early|mid|late)[\s-]+({_MONTH})\.?,?\s+(\d{{4}})\b"),
     lambda m: f"{m[1]} {m[3]}-{_MONTHS[m[2]]:02d}"),
    (re.compile(rf"^(?:in\s+)?({_MONTH})\.?,?\s+(\d{{4}})\b"), lambda m: f"{m[2]}-{_MONTHS[m[1]]:02d}"),
    (re.compile(r"^(early|mid|late|spring|summer|autumn|fall|winter)(?:[\s-]+of)?[\s-]+(\d{4})\b"),
     lambda m: f"{m[1]} {m[2]}"),
    # a year alone, or ISO: not a figure followed by what it counts ("2019 people")
    (re.compile(r"^(?:in\s+)?(\d{4}-\d{2}(?:-\d{2})?|\d{4})(?=\s*(?:$|[(,;:]|\.(?!\d)))"), lambda m: m[1]),
]


def date_in_words(value: str) -> FuzzyDate | None:
    """The date a value begins with, as articles write it ("12 May 2019", "May 12, 2019",
    "Thursday, 14 March 2019", "12.05.2019", "9-10 February 2019", "late March 2019",
    "spring 2019", "winter 2018-19", "2019-05", "in 2019"), or None. A date
    in figures whose order is not certain ("03/04/2019": March or April?) is not read."""
    text = " ".join(value.casefold().split())
    text = text[_LEAD.match(text).end():]
    for pattern, form in _WORDS:
        match = pattern.match(text)
        if match:
            try:
                return parse_date(form(match))
            except ValueError:
                return None
    return None
