"""Turning text from fact sheets and articles into safe Markdown.

Everything a user wrote is text, never markup: HTML is escaped and every character that
Markdown (or an enabled extension such as attr_list) would read as syntax is
backslash-escaped, so names, quotes and article text show exactly as written.
"""

from __future__ import annotations

import html
import json
import posixpath
import re

from markupsafe import Markup

_SPACE = re.compile(r"\s+")
_INLINE = re.compile(r"([\\`*_{}\[\]()|!#+\-.])")


def _escape(text: object, quote: bool) -> str:
    flat = _SPACE.sub(" ", str(text))  # keeps a single space at either end: pieces are joined
    return _INLINE.sub(r"\\\1", html.escape(flat, quote=quote))


def md(text: object) -> Markup:
    """Inline Markdown for a piece of text, on one line."""
    return Markup(_escape(text, quote=False))


def attr(text: object) -> Markup:
    """Text safe inside a Markdown link title ("..."): one line, quotes and brackets escaped."""
    return Markup(_escape(text.strip() if isinstance(text, str) else text, quote=True))


def html_text(text: object) -> str:
    """Text for places where the theme writes a value into HTML without escaping it (site name,
    page titles and tags from front matter, the footer): &, <, > and double quotes escaped.
    Single quotes are kept, so that a title such as "Russia's ..." reads right in tooltips."""
    return html.escape(" ".join(str(text).split()), quote=False).replace('"', "&quot;")


def front_matter(value: object) -> Markup:
    """A YAML scalar (a JSON string is one) holding html_text(value), for a page's front matter."""
    return Markup(json.dumps(html_text(value), ensure_ascii=False))


def relative(from_page: str, to_page: str, anchor: str | None = None) -> str:
    """A link from one generated page to another (paths relative to the docs folder)."""
    path = posixpath.relpath(to_page, posixpath.dirname(from_page) or ".")
    return f"{path}#{anchor}" if anchor else path
