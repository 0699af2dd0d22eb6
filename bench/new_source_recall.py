"""Recall of `dossier new-source`'s candidate names on the bundled articles.

For each article: the people, places and organizations the site shows as mentioned in it
are taken out of a copy of the dossier, with the article's own source sheet; then
`dossier new-source` runs on the article. An entity counts as found when one of the
candidate names as the checklist lists them (or the shorter forms shown with them) is its name or one of its aliases.

    python bench/new_source_recall.py [--root .] [--verbose]
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from builder.newsource import new_source  # noqa: E402
from builder.pipeline import check  # noqa: E402
from builder.resolve import name_key  # noqa: E402

KINDS = ("people", "places", "organizations")


def measure(root: Path, verbose: bool = False) -> dict[str, dict[str, list]]:
    """source id -> {"found": [entity ids], "missed": [entity ids], "candidates": n}."""
    resolved = check(root)
    results = {}
    for source_id, article in sorted(resolved.articles.items()):
        own = sorted({m.entity_id for m in article.mentions
                      if resolved.entities[m.entity_id].kind in KINDS})
        with tempfile.TemporaryDirectory() as tmp:
            copy = Path(tmp) / "dossier"
            shutil.copytree(root / "content", copy / "content")
            shutil.copytree(root / "seeds", copy / "seeds")
            (copy / article.doc.file).unlink()
            for entity_id in own:
                (copy / resolved.entities[entity_id].doc.file).unlink()
            result = new_source(copy, copy / "seeds" / article.seed_name)
        listed = [c for c in result.candidates if not c.uncertain]  # as the checklist shows them
        names = {name_key(c.name) for c in listed}
        names |= {name_key(v) for c in listed for v in c.variants}
        found, missed = [], []
        for entity_id in own:
            info = resolved.entities[entity_id]
            (found if {name_key(n) for n in info.names} & names else missed).append(entity_id)
        results[source_id] = {"found": found, "missed": missed, "candidates": len(listed)}
        if verbose:
            print(source_id, [(c.name, c.kind, c.total) for c in listed])
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", default=".")
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()
    results = measure(Path(args.root).resolve(), args.verbose)
    total_found = total = listed = 0
    for source_id, r in results.items():
        n = len(r["found"]) + len(r["missed"])
        total_found += len(r["found"])
        total += n
        listed += r["candidates"]
        print(f"{source_id}: {len(r['found'])}/{n} found among {r['candidates']} candidates"
              + (f"; missed: {', '.join(r['missed'])}" if r["missed"] else ""))
    print(f"recall: {total_found}/{total} = {total_found / total:.1%}; "
          f"{listed} candidate names listed in all")


if __name__ == "__main__":
    main()
