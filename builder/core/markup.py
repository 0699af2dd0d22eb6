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
from functools import lru_cache

from markupsafe import Markup

_SPACE = re.compile(r"\s+")
MARKDOWN_SYNTAX = r"\\`*_{}\[\]()|!#+\-."  # what md backslash-escapes (site/prerendered.py reads it back)
_INLINE = re.compile(f"([{MARKDOWN_SYNTAX}])")


@lru_cache(maxsize=1 << 16)  # names and labels recur on many pages: each is escaped once
def _escape_str(text: str) -> str:
    flat = _SPACE.sub(" ", text)  # keeps a single space at either end: pieces are joined
    return _INLINE.sub(r"\\\1", html.escape(flat, quote=False))


_OPENS = re.compile(r"(^|[\s(\[{\u2014\u2013/-])[\"']")  # a quote mark where a quotation or word starts


def curly(text: str) -> str:
    """Straight quote marks as typographic ones: opening at the start or after a space or
    bracket, closing (and the apostrophe) elsewhere. For the quote marks inside a quotation
    (nested), which the page's own double quotes enclose."""
    text = _OPENS.sub(lambda m: m[1] + ("“" if m[0][-1] == '"' else "‘"), text)
    return text.replace('"', "”").replace("'", "’")


# What a web page showed where a scraper copied a placeholder instead (Cloudflare's e-mail
# protection writes "[email protected]" into the copy): said in words where shown.
_PLACEHOLDERS = re.compile(r"\[email[\s\u00a0]protected\]")
_PLACEHOLDER_TEXT = "[an e-mail address, hidden by the site the text was copied from]"


def md(text: object) -> Markup:
    """Inline Markdown for a piece of text, on one line, shown as written (quote marks
    included: article text and contributors' words are not retouched), but for a scraper's
    placeholder, said in words (the text itself, and what quotes are checked against, keep it)."""
    if isinstance(text, str) and "protected]" in text:
        text = _PLACEHOLDERS.sub(_PLACEHOLDER_TEXT, str(text))
    return Markup(_escape_str(str(text)))


def text(value: object) -> Markup:
    """A piece of text as HTML, on one line and shown as written: what `md` renders to, with
    no Markdown in between (pages are written as HTML: site/prerendered.py). A scraper's
    placeholder is said in words, as by `md`."""
    return _html_str(value) if type(value) is str else _html_str(str(value))


@lru_cache(maxsize=1 << 16)  # names and labels recur on many pages: each is escaped once
def _html_str(value: str) -> Markup:
    if "protected]" in value:
        value = _PLACEHOLDERS.sub(_PLACEHOLDER_TEXT, value)
    return Markup(html.escape(_SPACE.sub(" ", value), quote=False))


def title(value: object) -> Markup:
    """Text for an HTML attribute (a link's title): one line, quotes escaped."""
    return Markup(html.escape(_SPACE.sub(" ", str(value).strip()), quote=True))


def quoted_text(value: object) -> Markup:
    """A quotation, in typographic double quotes, as HTML: quote marks inside it become single
    ones (“‘Landed,’ he said”), so that a quote that opens with one does not show two (“““)."""
    return Markup("“") + text(nested(str(value))) + Markup("”")


@lru_cache(maxsize=1 << 14)  # a source's title is nested in every reference to it
def nested(text: str) -> str:
    """The text of a quotation to put inside double quotes: its own quote marks single."""
    return curly(text).translate({ord("“"): "‘", ord("”"): "’"})


_COMMENT = re.compile(r"([\\`*_\[\]()|!~])")


def comment_text(text: object) -> str:
    """Text for Markdown read in a terminal as much as rendered (a pull-request comment): HTML
    escaped and what could start a link, an image, emphasis or code backslash-escaped, but
    not full stops and hyphens, which are safe inside a line."""
    return _COMMENT.sub(r"\\\1", html.escape(_SPACE.sub(" ", str(text)), quote=False))


def html_text(text: object) -> str:
    """Text for places where the theme writes a value into HTML without escaping it (site name,
    page titles and tags from front matter, the footer): &, <, > and double quotes escaped.
    Single quotes are kept, so that a title such as "Russia's ..." reads right in tooltips."""
    return html.escape(" ".join(str(text).split()), quote=False).replace('"', "&quot;")


_SCRIPT_UNSAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026",
                                "\u2028": "\\u2028", "\u2029": "\\u2029"})


def script_json(data: object, sort_keys: bool = True, compact: bool = False) -> str:
    """JSON to put inside a <script> element or a script file, the one way Dossier writes it:
    `<`, `>` and `&` as JSON escapes, so no text can close the element, open a comment or
    start another; U+2028 and U+2029 escaped too, since tools that split lines at them
    (and JavaScript before ES2019) would break the string. The JSON means the same."""
    separators = (",", ":") if compact else None
    text = json.dumps(data, ensure_ascii=False, sort_keys=sort_keys, separators=separators)
    return text.translate(_SCRIPT_UNSAFE)


def front_matter(value: object) -> Markup:
    """A YAML scalar (a JSON string is one) holding html_text(value), for a page's front matter."""
    return Markup(json.dumps(html_text(value), ensure_ascii=False))


def _relpath(base: str, target: str) -> str:
    """posixpath.relpath(target, base) without its abspath calls (a fifth of the render time
    on large dossiers): both are relative to the same root and hold no "." or ".."."""
    base_parts, target_parts = (base.split("/") if base else []), (target.split("/") if target else [])
    common = 0
    while common < min(len(base_parts), len(target_parts)) and base_parts[common] == target_parts[common]:
        common += 1
    return "/".join([".."] * (len(base_parts) - common) + target_parts[common:]) or "."


def page_url(page: str, directory_urls: bool) -> str:
    """The address MkDocs gives a docs page (events/x.md -> events/x/ or events/x.html)."""
    stem = page[:-3]
    if not directory_urls:
        return stem + ".html"
    if stem == "index":
        return ""
    return (stem[:-len("index")] if stem.endswith("/index") else stem + "/")


def html_href(from_page: str, to_page: str, directory_urls: bool, anchor: str | None = None) -> str:
    """A link written into the generated HTML (pages are HTML: pages/html.py): the final
    relative address for the site's URL style, as MkDocs would write a Markdown link to
    to_page (a docs path: a page, `x.md`, or any other file)."""
    here = page_url(from_page, directory_urls)
    base = here.rstrip("/") if directory_urls else posixpath.dirname(here)
    path = _href_from(base, to_page, directory_urls)
    return f"{path}#{anchor}" if anchor else path  # ids and page names: safe characters


@lru_cache(maxsize=1 << 18)
def _href_from(base: str, to_page: str, directory_urls: bool) -> str:
    """html_href's path: from every page of a folder to the same target, made once."""
    is_page = to_page.endswith(".md")
    there = page_url(to_page, directory_urls).rstrip("/") if is_page else to_page
    path = _relpath(base, there)
    if directory_urls and is_page:
        path = "./" if path == "." else path + "/"
    return path


# -- the one URL policy: what a contributor may link to, and how it is written --------
_URL_SAFE = "/:?#&=%@.,~+-_;$"  # kept as written; everything else is percent-encoded
MAX_URL_LENGTH = 2000
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.\-]*):")
_TAB_OR_NEWLINE = re.compile(r"[\t\n\r]")
WEB_SCHEMES = ("http", "https")


def as_browsers_read(url: str) -> str:
    """An address as a browser reads it where a theme writes it into an attribute as it is:
    character references decoded, ASCII tabs and newlines dropped, leading and trailing
    controls and spaces trimmed (the WHATWG URL parser), so that 'java&#x73;cript:' or
    'java<TAB>script:' is seen for what it is."""
    return _TAB_OR_NEWLINE.sub("", html.unescape(url)).strip("".join(map(chr, range(33))))


def url_scheme(url: str) -> str | None:
    """The scheme a browser would follow for this address, lower-cased; None for a relative one."""
    found = _SCHEME.match(as_browsers_read(url))
    return found.group(1).lower() if found else None


def url_problem(url: str, relative: bool = False) -> str | None:
    """Why an address may not be published as a link, or None: the one policy for every
    address that reaches a page (sheets' url fields, mkdocs.yml's repo_url, edit_uri, links).
    Only http and https with a host, read as browsers read it; with `relative`, also a path
    that stays on this site (no '//' or '\\' that would lead to another host). No spaces,
    quotes, angle brackets or control characters anywhere."""
    from urllib.parse import urlsplit

    if len(url) > MAX_URL_LENGTH:
        return f"the address is over {MAX_URL_LENGTH} characters long"
    seen = as_browsers_read(url)
    found = _SCHEME.match(seen)
    scheme = found.group(1).lower() if found else None
    if scheme is not None and scheme not in WEB_SCHEMES:
        return (f"the address is a '{scheme}:' address (as a browser reads it); only http:// and https:// "
                f"addresses{' or paths on this site' if relative else ''} are allowed")
    if any(c.isspace() or c in '<>"`\\^{}|' or ord(c) < 32 or 0x7F <= ord(c) <= 0x9F for c in url):
        return ("the address holds a space, a quote, an angle bracket or another character an address "
                "cannot have; copy the address from the browser's address bar (spaces as %20)")
    if scheme is None:
        if not relative:
            return "the address must start with http:// or https://"
        if seen.startswith(("//", "/\\", "\\")) or not seen:
            return "a relative address must be a path on this site (not starting with //)"
        return None
    try:
        parts = urlsplit(seen)
        parts.port  # noqa: B018 - a port that is not a number raises
    except ValueError as exc:
        return f"the address cannot be read ({exc})"
    if not seen[len(scheme) + 1:].startswith("//") or not parts.hostname:
        return "the address has no host name after http(s)://"
    if "@" in parts.netloc or "%" in parts.netloc:
        return ("the address's host is written with a user name ('@') or percent-encoding, which "
                "hides the host a browser goes to; write the plain address")
    return None


def as_browser_href(url: str) -> str:
    """A checked http(s) address (url_problem) with a plain ASCII host, as a browser's link
    gives it back (`a.href`) to a page's script: character references decoded, scheme and host
    lower-cased, the default port dropped. (A host in other characters is folded by browsers
    in ways Python's IDNA codec does not follow: callers refuse it first.)"""
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(as_browsers_read(url))
    host = parts.hostname or ""
    scheme = parts.scheme.lower()
    port = parts.port if parts.port not in (None, {"http": 80, "https": 443}.get(scheme)) else None
    netloc = host + (f":{port}" if port else "")
    return urlunsplit((scheme, netloc, parts.path or "/", parts.query, parts.fragment))


def web_href(url: str) -> Markup:
    """A checked address as the value of an href attribute in HTML (`href`, & escaped)."""
    return Markup(href(url).replace("&", "&amp;"))


def href(url: str) -> str:
    """A checked address (see url_problem) as the target of a Markdown link: every character
    that Markdown or attr_list could read as syntax, such as ( ) [ ] { } ! *, percent-encoded."""
    from urllib.parse import quote

    assert url_problem(url) is None, url
    return quote(url, safe=_URL_SAFE)
