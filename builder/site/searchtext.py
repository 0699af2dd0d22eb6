"""A page's search sections as the theme's search computes them (Material's
`material.plugins.search.plugin.Parser`, which both indexes are made from), without
`html.parser`: at 3,011 pages that parser was four fifths of the HTML stage. The HTML is
cut into tags and text by two regular expressions and the theme's rules are applied as it
applies them, quirks included (an element excluded from search is remembered by its tag
name, as the theme's `Element` compares by tag: while a `<div data-search-exclude>` is open,
every `div` is skipped, and the first `div` that closes ends it). A page this reading cannot
be sure of (a `<` that starts no tag, a comment) is left to the theme's parser.
tests/test_search_text.py holds the two to the same entries on every page of three dossiers.
"""

from __future__ import annotations

import re
from functools import lru_cache
from html import escape, unescape

from material.plugins.search.plugin import SearchIndex, void as VOID

_ATTRIBUTES = r"""(?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*"""
# a start or end tag: its name, attributes, a closing /
_TAG = re.compile(rf"""<(/?)([a-zA-Z][^\s/>]*)({_ATTRIBUTES})\s*(/?)>""")
_ATTR = re.compile(r"""([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?""")
_HEADINGS = frozenset(f"h{n}" for n in range(1, 7))
_KEEP = frozenset({"p", "code", "pre", "li", "ol", "ul", "sub", "sup"})
_ALWAYS_SKIPPED = ("object", "script", "style")


class Section:
    """What the theme's Section holds: a heading's tag, depth, id, title and text."""

    __slots__ = ("depth", "excluded", "id", "tag", "text", "title")

    def __init__(self, tag: str, excluded: bool = False, depth: float = 0):
        self.tag, self.excluded, self.depth = tag, excluded, depth
        self.text: list[str] = []
        self.title: list[str] = []
        self.id: str | None = None

    def is_excluded(self) -> bool:
        return self.excluded


@lru_cache(maxsize=1 << 14)  # the same attributes recur on every page (classes, permalinks)
def _attributes(text: str) -> dict[str, str | None]:
    """A tag's attributes as html.parser gives them: names lower-cased, values unquoted and
    unescaped, None for a name without a value; the last of a repeated name."""
    found: dict[str, str | None] = {}
    for match in _ATTR.finditer(text):
        name, double, single, bare = match.groups()
        if match.end(1) == match.end():
            found[name.lower()] = None
        else:
            value = double if double is not None else single if single is not None else bare
            found[name.lower()] = unescape(value) if value else value
    return found


class _Reader:
    """The theme's Parser, on tags and text already cut."""

    def __init__(self) -> None:
        self.skip = set(_ALWAYS_SKIPPED)  # tag names, as the theme's Elements compare
        self.context: list[tuple[str, dict]] = []
        self.tags: list[str] = []
        self.skipped = 0  # how many open elements have a tag in skip
        self.section: Section | None = None
        self.data: list[Section] = []

    def skipping(self) -> bool:
        return self.skipped > 0

    def start(self, tag: str, attrs: dict) -> None:
        if tag in VOID:
            return
        self.context.append((tag, attrs))
        self.tags.append(tag)
        if tag in self.skip:
            self.skipped += 1
        if tag in _HEADINGS and "id" in attrs:
            depth = len(self.context)
            if tag != "h1" and not self.data:
                self.section = Section("hx", False, depth)
                self.data.append(self.section)
            self.section = Section(tag, "data-search-exclude" in attrs, depth)
            if self.data:
                self.section.id = attrs["id"]
            self.data.append(self.section)
        if self.section is None:
            self.section = Section("hx")
            self.data.append(self.section)
        for key, value in attrs.items():
            if key == "data-search-exclude" or (key == "class" and value == "linenodiv"):
                if tag not in self.skip:
                    self.skip.add(tag)
                    self.skipped += self.tags.count(tag)
                return
        if tag in _KEEP and not self.skipping():
            data = self.section.title if self.section.tag in self.tags else self.section.text
            data.append(f"<{tag}>")

    def end(self, tag: str) -> None:
        if not self.tags or self.tags[-1] != tag:
            return
        section = self.section
        assert section is not None
        if section.depth > len(self.context):
            for other in reversed(self.data):
                if other.depth <= len(self.context):
                    section.depth = float("inf")
                    self.section = section = other
                    break
        self.context.pop()
        self.tags.pop()
        if tag in self.skip:
            self.skipped -= 1
            if tag not in _ALWAYS_SKIPPED:
                self.skip.remove(tag)
                self.skipped -= self.tags.count(tag)
            return
        if tag in _KEEP and not self.skipping():
            data = section.title if section.tag in self.tags else section.text
            index = data.index(f"<{tag}>")
            for i in range(index + 1, len(data)):
                if not data[i].isspace():
                    index = len(data)
                    break
            if len(data) > index:
                del data[index:]
            else:
                data.append(f"</{tag}>")

    def text(self, data: str) -> None:
        if self.skipping():
            return
        if "pre" not in self.tags:
            data = data.replace("\n", " ") if not data.isspace() else " "
        if self.section is None:
            self.section = Section("hx")
            self.data.append(self.section)
        section = self.section
        if section.tag in self.tags:
            if not any(tag == "a" and attrs.get("class") == "headerlink" for tag, attrs in self.context):
                section.title.append(escape(data, quote=False))
        elif data.isspace():
            if not section.text or not section.text[-1].isspace() or "pre" in self.tags:
                section.text.append(data)
        else:
            section.text.append(escape(data, quote=False))


_HEADING_START = re.compile(r"<[hH][1-6][\s/>]")
# _TAG with only the end mark, the name and the closing / kept: a tag as "div", "/div" or "circle/"
_TOKEN = re.compile(rf"""<(/?)([a-zA-Z][^\s/>]*){_ATTRIBUTES}\s*(/?)>""")
# what leaves the reader's open elements as they are: a void element's tags, an element
# opened and closed at once ("circle/"), and an element's start and end tags side by side
_NO_CHANGE = re.compile(r"(?<= )(?:/?(?:%s)/?|[^ /]+/)(?= )" % "|".join(sorted(VOID)))
_PAIR = re.compile(r" ([^ /]+) /\1(?= )")
MAX_DEPTH = 64  # elements nested deeper than this are read tag by tag


def _excluded_run(content: str, position: int) -> int | None:
    """Where the part of an excluded section that starts at position can be passed over: the
    next heading's start tag (or the end), when every element opened up to there closes
    there, in order, and every `<` starts a tag. Read in full, such a part adds only to its
    section, which the index leaves out, and leaves the reader as it found it (its open
    elements, and what data-search-exclude made it skip: each element that set a skip has
    closed). Most of a Dossier page is such parts (ties, mentions and references, with their
    pictures); they are checked with regular expressions instead of read tag by tag. A part
    that does not pass is read as before."""
    heading = _HEADING_START.search(content, position)
    stop = heading.start() if heading else len(content)
    found = _TOKEN.findall(content, position, stop)
    if content.count("<", position, stop) != len(found):
        return None  # a `<` in text or in an attribute's value: read tag by tag
    tokens = _NO_CHANGE.sub("", " " + " ".join(map("".join, found)).lower() + " ")
    tokens = " ".join(tokens.split())
    for _ in range(MAX_DEPTH):
        if not tokens:
            return stop
        shorter = _PAIR.sub("", f" {tokens} ").strip()
        if shorter == tokens:
            return None
        tokens = shorter
    return None


def sections(content: str) -> list[Section] | None:
    """The theme's sections of a page's HTML, or None where this reading cannot be sure."""
    reader = _Reader()
    position = 0
    cdata = None  # inside <script> or <style>: text up to its end tag, as html.parser reads it
    cursor = 0  # where the next tag is looked for (position: where the text before it starts)
    tried = None  # the excluded section last tried to pass over: once each, so the work stays linear
    while True:
        section = reader.section
        if (section is not None and section is not tried and section.excluded and section.depth <= 1
                and cdata is None and not reader.context and reader.skipped == 0
                and len(reader.skip) == len(_ALWAYS_SKIPPED)):
            tried = section
            passed = _excluded_run(content, position)
            if passed is not None:
                position = cursor = passed
        found = _TAG.search(content, cursor)
        if found is None:
            break
        cursor = found.end()
        closing, name, attributes, self_closing = found.groups()
        tag = name.lower()
        if cdata is not None and not (closing and tag == cdata):
            continue
        text = content[position:found.start()]
        if text:
            if cdata is None and "<" in text:
                return None
            reader.text(text if cdata is not None or "&" not in text else unescape(text))
        position = found.end()
        if closing:
            cdata = None
            reader.end(tag)
            continue
        reader.start(tag, _attributes(attributes))
        if self_closing:
            reader.end(tag)
        elif tag in ("script", "style"):
            cdata = tag
    rest = content[position:]
    if cdata is not None or "<" in rest:
        return None
    if rest:
        reader.text(unescape(rest))
    return reader.data


def add_entries(index: SearchIndex, page) -> None:
    """SearchIndex.add_entry_from_context, with the sections read by `sections`."""
    search = page.meta.get("search") or {}
    if search.get("exclude"):
        return
    found = sections(page.content)
    if found is None:
        SearchIndex.add_entry_from_context(index, page)
        return
    for section in found:
        if not section.is_excluded():
            index.create_entry_for_section(section, page.toc, page.url, page)
