"""The Changes page as an Atom feed (RFC 4287), `changes.xml` at the site's root, linked
from every page's head (site/theme/main.html): one entry per change to the facts, newest
first, each told as the Changes page tells it (review/history.py, from the public dossier
only). Written with ElementTree, so every text is escaped as XML; ids are URNs derived from
the commit (permanent, whatever the site's address)."""

from __future__ import annotations

import uuid
import xml.etree.ElementTree as ET

from ..model.changes import History
from ..resolve.resolved import Resolved

ATOM = "http://www.w3.org/2005/Atom"
FEED_PATH = "changes.xml"
MAX_ENTRIES = 50  # the newest; the Changes page lists them all
NO_DATE = "1970-01-01T00:00:00Z"  # a dossier outside Git has no change to date


def _urn(name: str) -> str:
    return uuid.uuid5(uuid.NAMESPACE_URL, name).urn


def _time(day: str) -> str:
    return f"{day}T00:00:00Z"


def atom_feed(r: Resolved, history: History | None) -> bytes:
    changes = [c for c in (history.changes if history else []) if not c.factless][:MAX_ENTRIES]
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")

    def add(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
        element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
        element.text = text
        return element

    base = r.site_url.rstrip("/") + "/" if r.site_url else ""
    add(feed, "id", base + FEED_PATH if base else _urn(f"dossier:{r.dossier.title}"))
    add(feed, "title", f"{r.dossier.title}: changes")
    add(feed, "subtitle", r.dossier.summary)
    add(feed, "updated", _time(changes[0].date) if changes else NO_DATE)
    author = add(feed, "author")
    add(author, "name", f"The editors of {r.dossier.title}")
    add(feed, "link", rel="alternate", type="text/html", href=base + "changes/")
    if base:
        add(feed, "link", rel="self", type="application/atom+xml", href=base + FEED_PATH)
    add(feed, "generator", "Dossier")
    for change in changes:
        entry = add(feed, "entry")
        add(entry, "id", _urn(f"commit:{change.commit}"))
        add(entry, "title", f"{change.date}: {change.summary}")
        add(entry, "updated", _time(change.date))
        add(entry, "link", rel="alternate", type="text/html", href=f"{base}changes/#commit-{change.short}")
        lines = [f"{what}: {text}" for what, _, text in change.items]
        add(entry, "content", "\n".join([change.summary[:1].upper() + change.summary[1:] + ".", *lines]),
            type="text")
    ET.indent(feed)
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True) + b"\n"
