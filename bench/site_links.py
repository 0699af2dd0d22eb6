"""Every relative link of a built site resolves: its file exists and, for an anchor, the
target page holds that id. For a site built by another renderer of build/docs (Zensical,
ProperDocs, a bare `mkdocs build`), which Dossier's own link checks do not see:

    python bench/site_links.py SITE_FOLDER [SITE_FOLDER ...]

Links in scripts are skipped, and so are addresses with a scheme and site-absolute ones
(the 404 page's). Prints, per site, the pages, the links checked and the broken ones."""

from __future__ import annotations

import html
import posixpath
import re
import sys
from pathlib import Path
from urllib.parse import unquote

_HREF = re.compile(r'\shref="([^"]*)"')
_ID = re.compile(r'\s(?:id|name)="([^"]*)"')
_SCRIPT = re.compile(r"<script.*?</script>", re.S)


def broken_links(site: Path) -> tuple[int, int, list[tuple[str, str]]]:
    ids: dict[Path, set[str]] = {}
    broken, links = [], 0
    pages = sorted(site.rglob("*.html"))
    for page in pages:
        text = _SCRIPT.sub("", page.read_text(encoding="utf-8", errors="replace"))
        for href in map(html.unescape, _HREF.findall(text)):
            if re.match(r"[a-zA-Z][a-zA-Z0-9+.-]*:", href) or href.startswith("/"):
                continue
            links += 1
            path, _, anchor = href.partition("#")
            target = page.parent / unquote(path) if path else page
            if path.endswith("/") or (path and target.is_dir()):
                target = target / "index.html"
            target = Path(posixpath.normpath(target))
            if not target.is_file():
                broken.append((page.relative_to(site).as_posix(), href))
                continue
            if anchor and target.suffix == ".html":
                if target not in ids:
                    ids[target] = set(_ID.findall(target.read_text(encoding="utf-8", errors="replace")))
                if anchor not in ids[target]:
                    broken.append((page.relative_to(site).as_posix(), href))
    return len(pages), links, broken


def main() -> None:
    failed = False
    for folder in sys.argv[1:]:
        pages, links, broken = broken_links(Path(folder))
        print(f"{folder}: {pages} pages, {links} relative links, {len(broken)} broken")
        for page, href in broken[:20]:
            print(f"  {page}: {href}")
        failed = failed or bool(broken) or not pages
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
