"""Search for large dossiers: an index cut in small script files, of which a query loads
only the few it needs (assets/dossier-search.js reads them). Script files, not JSON, so
that the offline copy searches from file:// too, where a page may not fetch().

Input: the theme's search entries (location, title, text, tags, boost: one per page and
per section, in the order of the site), which htmlcache.py collects while it builds.
Output, under search/ in the site:
- manifest.js: the shard keys and the sizes;
- shards/<hex of key>.js: {term: [page, score, section, page, score, section, ...]} for
  the terms whose longest prefix among the keys is that key (a shard holding more than
  SHARD_BYTES is cut by one more letter);
- pages/<n>.js: PAGES_PER_CHUNK pages each: [url, title, snippet, [[section location,
  section title, section snippet], ...]] (a snippet: the first SNIPPET characters).

Terms are words folded as dossier-search.js folds them (NFKD, marks dropped, lower case;
letters and digits). A page scores per term, as Material's search weighs its fields: a
name or alias (tags) 1000, a title 100, the text up to 10 (occurrences), times the page's
boost; the best of its sections is kept, and which one it is. Each term keeps its
POSTINGS best pages. Deterministic: the same entries give the same bytes.
"""

from __future__ import annotations

import html
import re
import unicodedata
from array import array
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

from ..core.markup import script_json

FOLDER = "search/"  # every file of the index is under it, in the site
SHARD_BYTES = 48 * 1024
MAX_KEY = 24
POSTINGS = 400
PAGES_PER_CHUNK = 50
SNIPPET = 200
TAGS, TITLE, TEXT_MAX = 1000, 100, 10
FORMAT = 1

_TAG = re.compile(r"<[^>]*>")
_WORD = re.compile(r"[^\W_]+")
_SPACE = re.compile(r"\s+")


_NON_ASCII = re.compile(r"[^\x00-\x7f]+")


def _unmarked(run: re.Match) -> str:
    return "".join(c for c in run[0] if not unicodedata.category(c).startswith("M"))


def fold(text: str) -> str:
    """Text as search compares it: compatibility forms decomposed, combining marks dropped,
    lower case. ASCII has no marks: only the runs of other characters are looked at."""
    if text.isascii():
        return text.lower()
    return _NON_ASCII.sub(_unmarked, unicodedata.normalize("NFKD", text)).lower()


def words(text: str) -> list[str]:
    return _WORD.findall(fold(text))


def plain(markup: str) -> str:
    return _SPACE.sub(" ", html.unescape(_TAG.sub(" ", markup))).strip()


def page_terms(entries: list[dict]) -> dict[str, list[int]]:
    """One page's entries (its own first, then its sections) → {term: [score, section]}."""
    best: dict[str, list[int]] = {}
    for section, entry in enumerate(entries):
        boost = entry.get("boost", 1)
        boost = boost if isinstance(boost, (int, float)) and boost > 0 else 1
        scores: dict[str, float] = defaultdict(float)
        for tag in entry.get("tags") or ():
            for word in set(words(str(tag))):
                scores[word] += TAGS
        for word in set(words(plain(entry.get("title", "")))):
            scores[word] += TITLE
        counts: dict[str, int] = defaultdict(int)
        for word in words(plain(entry.get("text", ""))):
            counts[word] += 1
        for word, count in counts.items():
            scores[word] += min(count, TEXT_MAX)
        for word, score in scores.items():
            value = max(1, round(score * boost))
            if word not in best or value > best[word][0]:
                best[word] = [value, section]
    return best


def _script(call: str, *args: object) -> bytes:
    body = ",".join(script_json(a, sort_keys=False, compact=True) for a in args)
    return f"dossierSearch.{call}({body});\n".encode("utf-8")


def _key_file(key: str) -> str:
    return key.encode("utf-8").hex()


def _shards(postings: dict[str, list[int]]) -> dict[str, dict[str, list[int]]]:
    """Terms grouped by prefix: two letters, then longer where a group is too big."""
    shards: dict[str, dict[str, list[int]]] = {}

    def place(terms: list[str], length: int) -> None:
        groups: dict[str, list[str]] = defaultdict(list)
        for term in terms:
            groups[term[:length]].append(term)
        for key, members in sorted(groups.items()):
            size = sum(len(t) + 8 * len(postings[t]) for t in members)
            longer = [t for t in members if len(t) > length]
            if size > SHARD_BYTES and length < MAX_KEY and longer:
                shards[key] = {t: postings[t] for t in members if len(t) <= length}
                place(longer, length + 1)
            else:
                shards[key] = {t: postings[t] for t in members}

    place(sorted(postings), 2)
    return {key: terms for key, terms in shards.items() if terms}


def snippet(text: str) -> str:
    text = plain(text)
    if len(text) <= SNIPPET:
        return text
    cut = text.rfind(" ", 0, SNIPPET)
    return text[:cut if cut > SNIPPET // 2 else SNIPPET].rstrip() + " …"


def listing(entries: list[dict]) -> list:
    """How a page shows among the results: [url, title, snippet, [[section location, title,
    snippet], ...]]."""
    first = entries[0]
    sections = [[e["location"], plain(e.get("title", "")), snippet(e.get("text", ""))] for e in entries[1:]]
    return [first["location"], plain(first.get("title", "")), snippet(first.get("text", "")), sections]


def page_index(entries: list[dict]) -> tuple[tuple[str, bytes, bytes], list] | None:
    """What the index holds of one page (its terms, listing), computed once per page and
    cached by htmlcache.py; None for a page without entries. The terms are kept compact, as
    (the terms joined by line breaks, their scores, their sections as arrays): as a dict of
    lists, the terms of the 9,011 pages of a 3,000-source dossier took 103 MB of memory once
    read back from the cache, and 1.4 s to read; so, 14 MB and 0.08 s."""
    if not entries:
        return None
    terms = page_terms(entries)
    return ("\n".join(terms), array("q", [v[0] for v in terms.values()]).tobytes(),
            array("I", [v[1] for v in terms.values()]).tobytes()), listing(entries)


def _terms(compact: tuple[str, bytes, bytes]) -> Iterator[tuple[str, int, int]]:
    """(term, score, section) of a page's compact terms (page_index)."""
    names, scores, sections = compact
    if not names:
        return iter(())
    return zip(names.split("\n"), array("q", scores), array("I", sections))


def build(pages: list[tuple[list[dict], tuple | None]]) -> dict[str, bytes]:
    """{path under the site: bytes} of the index for these pages: each page's entries (its
    own first, then its sections), with its page_index if already computed (cached)."""
    postings: dict[str, list[tuple[int, int, int]]] = defaultdict(list)
    chunks: list[list] = []
    number = 0
    for entries, index in pages:
        if not entries:
            continue
        terms, shown = index if index is not None else page_index(entries)
        for term, score, section in _terms(terms):
            postings[term].append((-score, number, section))  # sorted as they are: best first
        if number % PAGES_PER_CHUNK == 0:
            chunks.append([])
        chunks[-1].append(shown)
        number += 1
    flat: dict[str, list[int]] = {}
    for term, found in postings.items():
        found.sort()  # a page is in a term's postings once: (score, page) decides
        flat[term] = [v for score, page, section in found[:POSTINGS] for v in (page, -score, section)]
    shards = _shards(flat)
    files = {f"{FOLDER}shards/{_key_file(key)}.js": _script("shard", key, terms)
             for key, terms in shards.items()}
    files.update({f"{FOLDER}pages/{n}.js": _script("pages", n, chunk) for n, chunk in enumerate(chunks)})
    files[f"{FOLDER}manifest.js"] = _script("manifest", {
        "format": FORMAT, "keys": sorted(shards), "pages": number, "chunk": PAGES_PER_CHUNK,
        "maxKey": MAX_KEY})
    return files


def write(site: Path, pages: list[tuple[list[dict], tuple | None]]) -> list[str]:
    """Write the index into a site folder; returns the paths written (under the site)."""
    return write_files(site, build(pages))


def write_files(site: Path, files: dict[str, bytes]) -> list[str]:
    """Write what build() made into a site folder; returns the paths written."""
    for path, data in files.items():
        target = site / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    return list(files)
