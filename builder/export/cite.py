"""The dossier's citations as CSL-JSON (`data/cite.json`), for reference managers (Zotero,
citeproc): one item for the dossier, one for each entity page, one for each claim. Each
names the dossier (container-title), the version of the content (issued: the date of the
last commit that changed the entity's sheet, else of the first commit; absent outside Git)
and the address (site_url joined with the page's path, with the claim's anchor; absent
without a site_url). pages/citing.py writes the same citations as text."""

from __future__ import annotations

import json

from ..core.markup import page_url
from ..resolve.resolved import Resolved

def version_of(r: Resolved, entity_id: str | None) -> str:
    """The version date (YYYY-MM-DD) of an entity's page (None: the dossier's), or ""."""
    if entity_id is None:
        return max(r.changed.values(), default=r.first_version)
    return r.changed.get(entity_id) or r.first_version


def address(r: Resolved, path: str, anchor: str = "") -> str:
    """A page's address under site_url (path: "people/x/"); "" without a site_url."""
    if not r.site_url:
        return ""
    return r.site_url.rstrip("/") + "/" + path + (f"#{anchor}" if anchor else "")


def _issued(iso: str) -> dict:
    return {"issued": {"date-parts": [[int(part) for part in iso.split("-")]]}} if iso else {}


def _url(url: str) -> dict:
    return {"URL": url} if url else {}


def csl_items(r: Resolved) -> list[dict]:
    title = r.dossier.title
    items = [{"id": "dossier", "type": "dataset", "title": title, "abstract": r.dossier.summary,
              "medium": "website", **_issued(version_of(r, None)), **_url(address(r, ""))}]
    for info in sorted(r.entities.values(), key=lambda e: (e.kind, e.id)):
        path = page_url(f"{info.kind}/{info.id}/index.md", True)  # pages/paths.py: entity_page
        version = version_of(r, info.id)
        items.append({"id": f"dossier-{info.id}", "type": "entry-encyclopedia", "title": info.sheet.name,
                      "container-title": title, "abstract": info.sheet.description,
                      **_issued(version), **_url(address(r, path))})
        for claim in info.claims:
            said = claim.claim.statement or f"{claim.claim.property}: {claim.claim.value}"
            items.append({"id": f"dossier-{info.id}-{claim.anchor}", "type": "entry-encyclopedia",
                          "title": f"{info.sheet.name}: {said}", "container-title": title,
                          **_issued(version), **_url(address(r, path, claim.anchor))})
    return items


def csl_json(r: Resolved) -> bytes:
    return (json.dumps(csl_items(r), ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode("utf-8")
