"""The files the builder ships beside its code, found from one place: vendor/ (third-party
data kept as published: the world's country outlines for the map, the worker shim of the
offline copy), and a digest of the whole builder for the caches that must not outlive the
code that filled them."""

from __future__ import annotations

from pathlib import Path

BUILDER = Path(__file__).resolve().parent.parent  # the builder package
VENDOR = BUILDER / "vendor"


def builder_files() -> list[Path]:
    """Every file of the builder (code, templates, assets, vendored data), in a fixed order."""
    return sorted((p for p in BUILDER.rglob("*") if p.is_file() and "__pycache__" not in p.parts),
                  key=lambda p: p.relative_to(BUILDER).as_posix())
