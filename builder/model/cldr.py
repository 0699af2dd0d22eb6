"""Month and currency names from the Unicode CLDR, as Babel ships them, kept in cldr.json
beside this module: loading forty of Babel's locales takes 0.2 s and 50 MB of memory on
every check, for a table of 44 KB. `python -m builder.model.cldr` writes the table again
(after Babel is upgraded, or MONTH_LANGUAGES changed); tests/test_differences.py fails when
it is not what the installed Babel gives."""

from __future__ import annotations

import functools
import json
import sys
from pathlib import Path

TABLE = Path(__file__).with_name("cldr.json")
# Languages whose full month names are read in dates ("14 июня 2019"): most of the news
MONTH_LANGUAGES = ("en fr de es it pt nl ca ro pl cs sk sl hr bs sr sr_Latn bg mk ru uk be el tr az ka "
                   "hy ar ar_IQ fa ur he sv da nb fi et lv lt hu sq id ms sw ku ckb uz kk").split()


def from_babel() -> dict:
    """{"months": {name: month}, "currencies": {name: [ISO codes]}}, names in lower case.
    Months: the full names in both grammatical forms ("июнь", "июня"), without a name that
    is one month in one language and another in the next ("listopad": October in Croatian,
    November in Polish). Currencies: every code, English symbol and name, singular and
    plural, and the last word of each ("leva", "dollars": every dollar's code)."""
    from babel import Locale
    from babel.numbers import get_currency_name, get_currency_symbol, list_currencies

    months: dict[str, set[int]] = {}
    for language in MONTH_LANGUAGES:
        names = Locale.parse(language).months
        for context in ("format", "stand-alone"):
            for n, name in names[context]["wide"].items():
                months.setdefault(name.casefold(), set()).add(n)
    currencies: dict[str, set[str]] = {}
    for code in list_currencies():
        names = {code, get_currency_symbol(code, locale="en"), get_currency_name(code, locale="en"),
                 get_currency_name(code, count=2, locale="en")}
        for name in names | {name.split()[-1] for name in names}:
            currencies.setdefault(name.lower(), set()).add(code)
    return {"months": {name: n.pop() for name, n in sorted(months.items()) if len(n) == 1},
            "currencies": {name: sorted(codes) for name, codes in sorted(currencies.items())}}


def serialised(table: dict) -> str:
    return json.dumps(table, ensure_ascii=False, indent=0, sort_keys=True) + "\n"


@functools.cache
def tables() -> dict:
    return json.loads(TABLE.read_text(encoding="utf-8"))


if __name__ == "__main__":
    TABLE.write_text(serialised(from_babel()), encoding="utf-8")
    sys.stdout.write(f"wrote {TABLE}\n")
