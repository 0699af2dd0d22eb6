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
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from .cldr import tables

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
# Month names in English (and their abbreviations), and the full names in the languages of
# most news, in both grammatical forms ("июнь", "июня"), from the CLDR (model/cldr.py).
_DAY_NAMES = {name.casefold(): n for n, name in enumerate(calendar.day_name)}
_MONTH_NAMES = {name.casefold(): n for n, name in enumerate(calendar.month_name) if name}
_WEEKDAY = "|".join(_DAY_NAMES)
_LEAD = re.compile(rf"^(?:(?:on|in|during|by)\s+)?(?:(?:the\s+)?(?:weekend|week|night|early\s+hours|"
                   rf"morning|evening|afternoon)\s+of\s+)?(?:(?:{_WEEKDAY}),?\s+)?")  # words that keep a date


@functools.cache
def _months() -> dict[str, int]:
    names = {**tables()["months"], **_MONTH_NAMES}
    names.update({name.casefold(): n for n, name in enumerate(calendar.month_abbr) if name})
    return names


@functools.cache
def _patterns() -> list[tuple[re.Pattern, Callable[[re.Match], str]]]:
    """Each prose form with its sheet form ("YYYY-MM-DD", "early YYYY-MM"...), read by parse_date."""
    months = _months()
    month = "|".join(map(re.escape, sorted(months, key=len, reverse=True)))
    day = r"(\d{1,2})(?:st|nd|rd|th|\.)?"

    def last_week(m: re.Match) -> str:
        year, n = int(m[3]), months[m[2]]
        last = calendar.monthrange(year, n)[1]
        first_day, last_day = (1, 7) if m[1] == "first" else (last - 6, last)
        return f"{year}-{n:02d}-{first_day:02d} to {year}-{n:02d}-{last_day:02d}"

    return [
        (re.compile(rf"^(?:between\s+)?{day}(?:\s*[-–—]\s*|\s+and\s+|\s+to\s+){day}\s+({month})\.?,?\s+(\d{{4}})\b"),
         lambda m: f"{m[4]}-{months[m[3]]:02d}-{int(m[1]):02d} to {m[4]}-{months[m[3]]:02d}-{int(m[2]):02d}"),
        (re.compile(r"^winter\s+(\d{4})\s*[-–—/]\s*(\d{2})\b"), lambda m: f"winter {int(m[1]) + 1}"),
        (re.compile(rf"^(?:on\s+)?{day}\s+({month})\.?,?\s+(\d{{4}})\b"),
         lambda m: f"{m[3]}-{months[m[2]]:02d}-{int(m[1]):02d}"),
        (re.compile(rf"^(?:on\s+)?({month})\.?\s+{day},?\s+(\d{{4}})\b"),
         lambda m: f"{m[3]}-{months[m[1]]:02d}-{int(m[2]):02d}"),
        (re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})\b"),
         lambda m: f"{m[3]}-{int(m[2]):02d}-{int(m[1]):02d}"),
        (re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})\b"), _slashed),
        (re.compile(rf"^(first|last)\s+week\s+of\s+({month})\.?,?\s+(\d{{4}})\b"), last_week),
        (re.compile(rf"^(early|mid|late)[\s-]+({month})\.?,?\s+(\d{{4}})\b"),
         lambda m: f"{m[1]} {m[3]}-{months[m[2]]:02d}"),
        (re.compile(rf"^(?:in\s+)?({month})\.?,?\s+(\d{{4}})\b"), lambda m: f"{m[2]}-{months[m[1]]:02d}"),
        (re.compile(r"^(early|mid|late|spring|summer|autumn|fall|winter)(?:[\s-]+of)?[\s-]+(\d{4})\b"),
         lambda m: f"{m[1]} {m[2]}"),
        (re.compile(r"^(?:in\s+)?(?:the\s+)?(?:(early|mid|late)[\s-]+)?(\d{3})0(?:s|['’]s)\b"), _decade),
        # a year alone, or ISO: not a figure followed by what it counts ("2019 people")
        (re.compile(r"^(?:in\s+)?(\d{4}-\d{2}(?:-\d{2})?|\d{4})(?=\s*(?:$|[(,;:]|\.(?!\d)))"),
         lambda m: m[1]),
    ]


def _slashed(m: re.Match) -> str:
    """"25/09/2024" (day first: 25 is no month) or "09/25/2024" (month first); "03/04/2024"
    could be either, and is not read."""
    first, second = int(m[1]), int(m[2])
    if first > 12 >= second:
        return f"{m[3]}-{second:02d}-{first:02d}"
    if second > 12 >= first:
        return f"{m[3]}-{first:02d}-{second:02d}"
    raise ValueError("day and month could be either way round")


def _decade(m: re.Match) -> str:
    """"the 1970s" -> 1970 to 1979; "the late 1970s" -> its last third (1977 to 1979)."""
    first = int(m[2]) * 10
    if m[1] == "early":
        return f"{first} to {first + 3}"
    if m[1] == "mid":
        return f"{first + 3} to {first + 6}"
    return f"{first + 7} to {first + 9}" if m[1] == "late" else f"{first} to {first + 9}"


def date_in_words(value: str) -> FuzzyDate | None:
    """The date a value begins with, as articles write it ("12 May 2019", "May 12, 2019",
    "Thursday, 14 March 2019", "12.05.2019", "9-10 February 2019", "the night of 1 to 2
    February 2019", "late March 2019", "last week of March 2019", "spring 2019", "winter
    2018-19", "the 1970s", "2019-05", "in 2019", "14 июня 2019", "14 giugno 2019"), or None.
    A date in figures whose order is not certain ("03/04/2019": March or April?) is not read."""
    text = " ".join(value.casefold().split())
    text = text[_LEAD.match(text).end():]
    for pattern, form in _patterns():
        match = pattern.match(text)
        if match:
            try:
                return parse_date(form(match))
            except ValueError:
                return None
    return None


# -- times of day as articles write them ("10:42", "around 2 a.m.", "04:42 GMT") ----------------
_TIME = re.compile(r"^(?:(?P<approx>about|around|approximately|roughly|some|circa|shortly\s+(?:before|after)|"
                   r"just\s+(?:before|after))\s+|at\s+)?(?P<hour>\d{1,2})(?:[:.h](?P<minute>\d{2}))?\s*"
                   r"(?P<half>a\.?\s?m\.?|p\.?\s?m\.?)?(?=$|[\s,;(])(?P<rest>.*)$")
_ZONES = {"gmt": "utc", "utc": "utc", "z": "utc", "zulu": "utc", "local": "", "local time": "", "": ""}
_ZONE = re.compile(r"local(?: time)?|gmt|utc|z|zulu|[^\W\d]+(?: [^\W\d]+)? time|[a-z]{2,4}t")  # "msk", "cet"
APPROXIMATE_MINUTES = 15  # "around 2 a.m.": 1:45 to 2:15


@dataclass(frozen=True)
class TimeOfDay:
    first: int  # minutes after midnight
    last: int
    zone: str  # "" (local or not said), "utc", or the words that name it ("bishkek time")


def time_of_day(value: str) -> TimeOfDay | None:
    """A time of day a value gives ("10:42", "10.40am", "around 2 a.m.", "at 2:13 a.m.",
    "04:42 GMT", "10:42 Bishkek time"), as the minutes it may be; an hour alone ("2 a.m.")
    is any minute of it. None when the value is no time: a figure alone ("14") is not."""
    text = " ".join(value.casefold().split())
    match = _TIME.match(text)
    if not match or not (match["minute"] or match["half"]):
        return None
    hour, minute = int(match["hour"]), int(match["minute"] or 0)
    if match["half"]:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if match["half"].startswith("p") else 0)
    if hour > 23 or minute > 59:
        return None
    zone = " ".join(re.sub(r"[()]", " ", match["rest"]).strip(" ,;").split())
    decimal = text[match.end("hour")] == "." and not (match["half"] or zone)  # "10.42": a figure
    if (zone and not _ZONE.fullmatch(zone)) or decimal:
        return None  # "10.50 million" and "10.42" are figures
    first = hour * 60 + minute
    if match["approx"]:
        return TimeOfDay(first - APPROXIMATE_MINUTES, first + APPROXIMATE_MINUTES, _ZONES.get(zone, zone))
    return TimeOfDay(first, first + (0 if match["minute"] else 59), _ZONES.get(zone, zone))


# -- dates stated relative to the day a text was published ------------------------------------
# names of days and months with their capital (a modal "may" is no month), and "last week"
_RELATIVE = re.compile(
    rf"\b(?P<weekday>{'|'.join(calendar.day_name)})\b"
    rf"|\b(?P<which>(?i:last|this|next|earlier this|later this))\s+(?P<unit>(?i:week|month|year))\b"
    rf"|\b(?:(?P<day_first>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?)?"
    rf"(?P<month>{'|'.join(n for n in calendar.month_name if n)})\b"
    rf"(?:\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b)?"
    rf"(?P<last_year>\s+(?:of\s+)?last\s+year)?(?!\s*,?\s*\d)")
# each place a date may start (zero-width, so that one start does not hide the next)
_ABSOLUTE_START = re.compile(r"(?=\b(?:\d{1,2}(?:st|nd|rd|th)?\s+[A-Za-z]+|[A-Za-z]+\.?\s+\d{1,2}\b|\d{4}-\d{2}"
                             r"|(?:early|mid|late)[\s-]+(?:[A-Za-z]+\s+)?\d{4}|[A-Za-z]+\s+\d{4}"
                             r"|(?:19|20)\d{2}\b))")


def dates_in_text(text: str, published: FuzzyDate | None = None) -> list[FuzzyDate]:
    """Every date a text states: as articles write them ("12 May 2019", "late 2017",
    date_in_words) and, given the day it was published, those it states relative to that
    day: a weekday (the last such day on or before it: "on Monday"), "last|this|next
    week|month|year", and a month without its year ("in August": the August nearest to
    it; "December last year"), also with its day ("on July 10", "10 July")."""
    found = []
    for m in _ABSOLUTE_START.finditer(text):
        stated = date_in_words(text[m.start():])
        if stated is not None:
            found.append(stated)
    if published is None or not published.known:
        return found
    day = published.end
    for m in _RELATIVE.finditer(text):
        try:
            if m["weekday"]:
                back = (day.weekday() - _DAY_NAMES[m["weekday"].casefold()]) % 7
                found.append(parse_date(date.fromordinal(day.toordinal() - back).isoformat()))
            elif m["unit"]:
                step = {"last": -1, "next": 1}.get(m["which"].split()[0].casefold(), 0)
                found.append(_relative_period(day, m["unit"].casefold(), step))
            else:
                month = _MONTH_NAMES[m["month"].casefold()]
                years = [day.year - 1] if m["last_year"] else [day.year - 1, day.year, day.year + 1]
                year = min(years, key=lambda y: abs(date(y, month, 15).toordinal() - day.toordinal()))
                of_month = m["day"] or m["day_first"]
                day_of = f"-{int(of_month):02d}" if of_month else ""
                found.append(parse_date(f"{year:04d}-{month:02d}{day_of}"))
        except ValueError:
            continue
    return found


def _relative_period(day: date, unit: str, step: int) -> FuzzyDate:
    if unit == "year":
        return parse_date(f"{day.year + step:04d}")
    if unit == "month":
        month = day.month - 1 + step
        return parse_date(f"{day.year + month // 12:04d}-{month % 12 + 1:02d}")
    monday = day.toordinal() - day.weekday() + 7 * step
    return parse_date(f"{date.fromordinal(monday).isoformat()} to {date.fromordinal(monday + 6).isoformat()}")
