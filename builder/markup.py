"""Turning text from fact sheets and articles into safe Markdown.

Everything a user wrote is text, never markup: HTML is escaped and every character that
Markdown (or an enabled extension such as attr_list) would read as syntax is
backslash-escaped, so names, quotes and article text show exactly as written.
"""

from __future__ import annotations

import html
import posixpath
import re

from markupsafe import Markup

_SPACE = re.compile(r"\s+")
_INLINE = re.compile(r"([\\`*_{}\[\]()|!#+\-.])")


def md(text: object) -> Markup:
    """Inline Markdown for a piece of text, on one line."""
    flat = _SPACE.sub(" ", str(text))  # keeps a single space at either end: pieces are joined
    return Markup(_INLINE.sub(r"\\\1", html.escape(flat, quote=False)))


def attr(text: object) -> str:
    """Text safe inside a Markdown link title: one line, no double quotes."""
    return " ".join(str(text).replace('"', "'").split())


def relative(from_page: str, to_page: str, anchor: str | None = None) -> str:
    """A link from one generated page to another (paths relative to the docs folder)."""
    path = posixpath.relpath(to_page, posixpath.dirname(from_page) or ".")
    return f"{path}#{anchor}" if anchor else path
