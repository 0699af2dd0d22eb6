"""Month, currency and country names from the Unicode CLDR, as Babel ships them, kept in
cldr.json beside this module: loading forty of Babel's locales takes 0.2 s and 50 MB of
memory on every check, for a table of 220 KB. `python -m builder.model.cldr` writes the
table again (after Babel is upgraded, MONTH_LANGUAGES changed or `country_key` changed);
tests/test_differences.py fails when it is not what the installed Babel gives."""

from __future__ import annotations

import functools
import json
import re
import sys
import unicodedata
from pathlib import Path

TABLE = Path(__file__).with_name("cldr.json")
# Languages whose full month names are read in dates ("14 июня 2019"): most of the news
MONTH_LANGUAGES = ("en fr de es it pt nl ca ro pl cs sk sl hr bs sr sr_Latn bg mk ru uk be el tr az ka "
                   "hy ar ar_IQ fa ur he sv da nb fi et lv lt hu sq id ms sw ku ckb uz kk").split()
# Country names are read in the same languages. CLDR territories that are no country, and
# the codes CLDR has beyond ISO 3166-1 alpha-2 (exceptionally reserved: Ascension Island,
# Ceuta and Melilla...), are left out: a place with such a name is not a country.
NOT_COUNTRIES = frozenset("EU EZ UN QO XA XB ZZ AC CP DG EA IC TA".split())


def country_key(name: str) -> str:
    """A name as the country table is keyed: case, accents and other combining marks,
    apostrophes and punctuation left out ("Côte d’Ivoire", "cote d'ivoire" -> "cote divoire"),
    "&" read as "and", a leading "the" dropped ("the Gambia" -> "gambia")."""
    text = unicodedata.normalize("NFKD", name.replace("&", " and ")).casefold()
    text = "".join(c for c in text if unicodedata.category(c) != "Mn" and c not in "'’ʼ")
    words = re.findall(r"\w+", text)
    return " ".join(words[1:] if words[:1] == ["the"] else words)


def from_babel() -> dict:
    """{"months": {name: month}, "currencies": {name: [ISO codes]}, "countries": {name: code}},
    names in lower case.
    Months: the full names in both grammatical forms ("июнь", "июня"), without a name that
    is one month in one language and another in the next ("listopad": October in Croatian,
    November in Polish). Currencies: every code, English symbol and name, singular and
    plural, and the last word of each ("leva", "dollars": every dollar's code). Countries:
    each country's name in every MONTH_LANGUAGES locale (country_key), and the name without
    its words in brackets ("Myanmar (Burma)": "myanmar"), to its ISO 3166-1 alpha-2 code in
    lower case, as FollowTheMoney writes it ("russia", "россия", "روسيا" -> "ru"); the words in
    brackets ("burma") only where no country is named so, as they may qualify the name
    ("Outlying Islands (US)"); a name of two countries, in two languages, is left out."""
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
            "currencies": {name: sorted(codes) for name, codes in sorted(currencies.items())},
            "countries": _countries()}


def _countries() -> dict[str, str]:
    from babel import Locale

    names: dict[str, set[str]] = {}
    bracketed: dict[str, set[str]] = {}
    for language in MONTH_LANGUAGES:
        for code, name in Locale.parse(language).territories.items():
            if len(code) != 2 or not code.isalpha() or code in NOT_COUNTRIES:
                continue
            for found, table in ((name, names), (re.sub(r"\s*\(.*?\)", "", name), names),
                                 *((inner, bracketed) for inner in re.findall(r"\((.*?)\)", name))):
                if country_key(found):
                    table.setdefault(country_key(found), set()).add(code.lower())
    for key, codes in bracketed.items():
        names.setdefault(key, codes)
    return {key: codes.pop() for key, codes in sorted(names.items()) if len(codes) == 1}


def serialised(table: dict) -> str:
    return json.dumps(table, ensure_ascii=False, indent=0, sort_keys=True) + "\n"


@functools.cache
def tables() -> dict:
    return json.loads(TABLE.read_text(encoding="utf-8"))


if __name__ == "__main__":
    TABLE.write_text(serialised(from_babel()), encoding="utf-8")
    sys.stdout.write(f"wrote {TABLE}\n")
