"""Every byte a dossier publishes, read back: the site folder, the offline copy's zip, the
exports. For tests that prove something never reaches an output (test_private.py,
test_excerpts.py)."""

from __future__ import annotations

import gzip
import html
import json
import re
import unicodedata
import zipfile
from pathlib import Path

_STRING = re.compile(r'"((?:[^"\\\n]|\\.)*)"')
_TAG = re.compile(r"<[^>]*>")
_SAME = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "«": '"', "»": '"', "–": "-", "—": "-",
                       "\u00a0": " "})


def files(*places: Path) -> dict[str, bytes]:
    """{name: bytes} of every file under the folders and in the zips given; gzip files (the
    sitemap) decompressed."""
    found: dict[str, bytes] = {}
    for place in places:
        if place.suffix == ".zip":
            with zipfile.ZipFile(place) as archive:
                items = [(f"{place.name}!{i.filename}", archive.read(i)) for i in archive.infolist() if not i.is_dir()]
        else:
            items = [(str(p), p.read_bytes()) for p in sorted(place.rglob("*")) if p.is_file()]
        for name, data in items:
            found[name] = gzip.decompress(data) if name.endswith(".gz") else data
    return found


def readable(name: str, data: bytes) -> str:
    """The text a file holds as a reader or a program would read it: HTML without its tags
    and entities, the strings of JSON and scripts decoded, whitespace and quote marks made
    alike."""
    text = data.decode("utf-8", "replace")
    parts = [text]
    if name.endswith((".json", ".js", ".geojson")):
        for found in _STRING.finditer(text):
            try:
                parts.append(json.loads(f'"{found.group(1)}"'))
            except ValueError:
                continue
    return "\n".join(same(html.unescape(_TAG.sub(" ", p))) for p in parts)


def same(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).translate(_SAME).split())


def corpus(*places: Path) -> str:
    return "\n".join(readable(name, data) for name, data in files(*places).items()
                     if not name.endswith((".png", ".woff", ".woff2", ".ico")))
