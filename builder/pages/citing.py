"""Citing the dossier: a "cite this" text for each entity page and each of its claims, and
the CSL-JSON file of the Data page. A citation names the dossier, the entity (and the
claim), the version of the content (the date of the last commit that changed the entity's
sheet, else of the first commit; none outside Git) and the address: `site_url` joined with
the page's path where mkdocs.yml gives one, else the reader's own address (added by
assets/dossier.js)."""

from __future__ import annotations

from ..core.markup import page_url, script_json
from ..export.cite import address, version_of
from ..model.dates import parse_date
from ..resolve.resolved import EntityInfo, ResolvedClaim
from .renderer import Renderer


def citation(rd: Renderer, info: EntityInfo, page: str, claim: ResolvedClaim | None = None,
             label: str = "", anchor: str = "") -> str:
    """The "cite this" text of a page, a claim or a key fact (label, anchor), without the
    address when there is no site_url."""
    if claim is not None:
        what, value = rd.what(claim)
        label, anchor = f"{what}" + (f", {value}" if value is not None else ""), claim.anchor
    label = info.sheet.name + (f": {label}" if label else "")
    version = version_of(rd.r, info.id)
    stop = "" if label.endswith((".", "!", "?", "…")) else "."  # “… winters.” not “… winters.”.
    text = f"“{label}{stop}” In: {rd.r.dossier.title}."
    if version:
        text += f" Version of {parse_date(version).label}."
    url = address(rd.r, page_url(page, rd.directory_urls), anchor)
    if url:
        text += f" {url}"
    return text


def citations_script(rd: Renderer, info: EntityInfo, page: str, facts: list[dict]) -> str:
    """The page's citations as JSON data ({"": the page's, anchor: each claim's and each
    key fact's}), shown by assets/dossier.js as text when a link mark is clicked."""
    data = {"": citation(rd, info, page), **{c.anchor: citation(rd, info, page, c) for c in info.claims}}
    for row in facts:  # a key fact's row: its anchor is its field's (fact-date), kept by any order
        data[row["anchor"]] = citation(rd, info, page, label=row["label"], anchor=row["anchor"])
    return f'<script type="application/json" class="dossier-cite">{script_json(data)}</script>'
