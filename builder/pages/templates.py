"""The Jinja environment of the page templates (templates/): one per process, so that a
template is compiled once, not on every build of `dossier serve` (Jinja reloads one whose
file changed)."""

from __future__ import annotations

import functools
from pathlib import Path

import jinja2
from urllib.parse import urlsplit

from ..core.markup import front_matter, md, quoted_text, text, web_href

TEMPLATES = Path(__file__).parent / "templates"


@functools.cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        extensions=["jinja2.ext.do"],
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        # Markdown heading ids are written {#id}: keep Jinja's comments out of their way.
        comment_start_string="{##",
        comment_end_string="##}",
    )
    # md: a heading's text, in Markdown (html.py); everything else is HTML: t (text), qt (a
    # quotation), web (a checked address as an href).
    env.filters.update(md=md, t=text, qt=quoted_text, web=web_href, front_matter=front_matter, host=host,
                       capfirst=lambda t: t[:1].upper() + t[1:])
    return env


def host(url: str) -> str:
    """The host of an address, to name a link by (web.archive.org)."""
    return urlsplit(url).hostname or url


def compile_templates(env: jinja2.Environment) -> None:
    """Before forking workers, so that they do not each compile them."""
    for name in env.list_templates():
        env.get_template(name)
