"""Pages as the builder writes them (pages/renderer.py): after the front matter, lines of
finished HTML, and Markdown heading lines (`## Claims {#claims}`, their text escaped by
`markup.md`) so that every MkDocs-compatible renderer makes the table of contents from them.

Python-Markdown passes HTML blocks through as they are and turns each heading line into an
`<h2>` with its permalink, so the page it renders is known without parsing it: `convert`
writes it directly, with the table of contents, the anchors and the title that MkDocs would
take from it. htmlcache.py uses it instead of Python-Markdown where the configuration is
Dossier's own (`applies`); a bare `mkdocs build` of build/docs gives the same bytes
(tests/test_prerendered.py), and a file that is not in this form returns None and is
converted by MkDocs as before.
"""

from __future__ import annotations

import html
import logging
import posixpath
import re
from dataclasses import dataclass
from functools import lru_cache

from markdown.extensions.toc import nest_toc_tokens, slugify, unique
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from ..core.markup import MARKDOWN_SYNTAX

log = logging.getLogger("mkdocs.commands.build")

# The Markdown Dossier's configuration renders (builder/site/mkdocs.yml, with MkDocs' own
# toc, tables and fenced_code): the extensions and the table of contents' settings that
# the headings below are written for.
EXTENSIONS = {"toc", "tables", "fenced_code", "attr_list", "md_in_html", "admonition"}
TOC_SETTINGS = {"permalink": True}

_HEADING = re.compile(r"(#{1,6}) (.*?)(?: \{#([A-Za-z0-9_.:-]+)( data-search-exclude)?\})?")
_UNESCAPE = re.compile(rf"\\([{MARKDOWN_SYNTAX}])")  # what markup.md escapes, as Markdown reads it back


@dataclass
class Converted:
    """A page's HTML as Python-Markdown would write it, and what MkDocs takes from that."""

    html: str
    toc: list  # Python-Markdown's toc tokens (nested)
    anchors: set[str]
    title: str | None  # the first element's text when it is an h1 (MkDocs' _title_from_render)


def applies(config: MkDocsConfig) -> bool:
    """Whether pages can be written by `convert`: the Markdown settings are Dossier's own."""
    names = {e if isinstance(e, str) else None for e in config.markdown_extensions}
    settings = dict(config.mdx_configs or {})
    return names == EXTENSIONS and settings.get("toc") == TOC_SETTINGS and all(
        not settings.get(name) for name in EXTENSIONS if name != "toc")


_ID = re.compile(r'<[a-zA-Z][^>]*?\sid="([^"]*)"')
_NAME = re.compile(r'<a\s[^>]*?\bname="([^"]*)"')


def convert(markdown: str) -> Converted | None:
    """The HTML of a page body in the builder's form, or None when it is in another form."""
    out: list[str] = []
    headings: list[tuple[int, int, str, str | None, bool]] = []  # (line in out, level, text, id, excluded)
    after_heading = True  # blank lines after a heading (and at the start) are dropped
    blank = False
    for line in markdown.split("\n"):
        if not line.strip():
            blank = not after_heading and bool(out)
            continue
        if blank:
            out.append("")
            blank = False
        if line.startswith("#"):
            found = _HEADING.fullmatch(line)
            if found is None:
                return None
            marks, text, anchor, excluded = found.groups()
            shown = _UNESCAPE.sub(r"\1", text).strip()
            headings.append((len(out), len(marks), shown, anchor, bool(excluded)))
            out.append("")
            after_heading = True
            continue
        if not line.startswith("<"):
            return None  # text outside HTML: Markdown to convert
        out.append(line)
        after_heading = False
    used = {anchor for _, _, _, anchor, _ in headings if anchor}
    counters: dict[str, int] = {}
    tokens = []
    for index, level, text, anchor, excluded in headings:
        if anchor is None:
            anchor = unique(slugify(html.unescape(text), "-"), used, counters)
        attributes = f' data-search-exclude id="{anchor}"' if excluded else f' id="{anchor}"'
        out[index] = (f'<h{level}{attributes}>{text}<a class="headerlink" href="#{anchor}" '
                      f'title="Permanent link">&para;</a></h{level}>')
        tokens.append({"level": level, "id": anchor, "name": text, "html": text, "data-toc-label": ""})
    body = "\n".join(out)
    anchors = set(_ID.findall(body))
    if 'name="' in body:  # rare: the scan costs a third of this function where it finds none
        anchors |= set(_NAME.findall(body))
    first = headings[0] if headings else None
    title = " ".join(first[2].split()) if first and first[0] == 0 and first[1] == 1 else None
    return Converted(body, nest_toc_tokens(tokens), anchors, title)


_HREF = re.compile(r'<a\s[^>]*?\bhref="([^"]*)"')


def site_targets(files: Files) -> dict[str, File]:
    """Every file of the site by its URL (no trailing slash; the homepage as '.')."""
    return {(file.url.rstrip("/") or "."): file for file in files}


def populate(page: Page, config: MkDocsConfig, files: Files, targets: dict[str, File]) -> bool:
    """_populate_page for a page the builder wrote as HTML: False (nothing done but reading
    it) when it is in another form. Its links are what the lookups record, so that a page
    is converted again when a target it links to appears or goes."""
    config._current_page = page
    try:
        page = config.plugins.on_pre_page(page, config=config, files=files)
        page.read_source(config)
        page.markdown = config.plugins.on_page_markdown(page.markdown, page=page, config=config, files=files)
        done = convert(page.markdown)
        if done is None:
            page.markdown = None
            return False
        page.content, page.toc = done.html, get_toc(done.toc)
        page._title_from_render, page.present_anchor_ids = done.title, done.anchors
        page.links_to_anchors, lookups = {}, {}
        base = page.url if config.use_directory_urls else posixpath.dirname(page.url)
        for url in _HREF.findall(done.html):
            _link(page, url, base, targets, lookups)
        page._dossier_lookups = lookups
        page.content = config.plugins.on_page_content(page.content, page=page, config=config, files=files)
        return True
    finally:
        config._current_page = None


@lru_cache(maxsize=1 << 16)  # every page of a folder links to the same targets
def _resolved(base: str, address: str) -> str | None:
    """A relative link's target as a path from the site's root, from a page at base; None
    for a link to another site (http:, https:) or one that is not relative."""
    if ":" in address.split("/", 1)[0] or address.startswith(("/", "\\")):
        return None
    return posixpath.normpath(posixpath.join(base, address))


def _link(page: Page, url: str, base: str, targets: dict[str, File], lookups: dict) -> None:
    """Check one link of a page as MkDocs checks Markdown links: its target must be a file
    of the site; an anchor is noted for validate_anchor_links."""
    address, _, anchor = url.partition("#")
    if not address:
        if anchor:
            page.links_to_anchors.setdefault(page.file, {}).setdefault(anchor, url)
        return
    path = _resolved(base, address)
    if path is None:
        return  # another site (http:, https:), or not relative: not Dossier's to check
    target = targets.get(path)
    lookups["url:" + path] = target.src_uri if target else None
    if target is None:
        log.warning(f"Doc file '{page.file.src_uri}' contains a link '{url}', but the target is not found "
                    "among documentation files.")
    elif anchor:
        page.links_to_anchors.setdefault(target, {}).setdefault(anchor, url)
