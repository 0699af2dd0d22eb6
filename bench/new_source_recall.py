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

from builder.curate.newsource import new_source  # noqa: E402
from builder.commands.build import check  # noqa: E402
from builder.resolve.resolved import name_key  # noqa: E402

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
        listed = [c for c in result.candidates if c.listed]  # as the checklist shows them
        names = {name_key(c.name) for c in listed}
        names |= {name_key(v) for c in listed for v in c.variants}
        found, missed = [], []
        for entity_id in own:
            info = resolved.entities[entity_id]
            (found if {name_key(n) for n in info.names} & names else missed).append(entity_id)
        # the kind guessed for each found entity; and the listed names that are no entity of
        # the dossier (a lower bound of precision: a real name without a sheet counts as noise)
        owner = {name_key(n): e for e in resolved.entities.values() for n in e.names}
        kind_of = {"people": "person", "places": "place", "organizations": "organization", "events": "event"}
        right_kind = {owner[k].id for c in listed for k in {name_key(c.name), *map(name_key, c.variants)}
                      if k in owner and owner[k].id in own and kind_of[owner[k].kind] == c.kind}
        noise = [c.name for c in listed if not {name_key(c.name), *map(name_key, c.variants)} & set(owner)]
        results[source_id] = {"found": found, "missed": missed, "candidates": len(listed),
                              "right_kind": len(right_kind), "noise": noise}
        if verbose:
            print(source_id, [(c.name, c.kind, c.total) for c in listed])
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", default=".")
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()
    results = measure(Path(args.root).resolve(), args.verbose)
    total_found = total = listed = right = noise = 0
    for source_id, r in results.items():
        n = len(r["found"]) + len(r["missed"])
        total_found += len(r["found"])
        total += n
        listed += r["candidates"]
        right += r["right_kind"]
        noise += len(r["noise"])
        print(f"{source_id}: {len(r['found'])}/{n} found among {r['candidates']} candidates, "
              f"{r['right_kind']} of the kind right"
              + (f"; missed: {', '.join(r['missed'])}" if r["missed"] else "")
              + (f"\n    not an entity of the dossier: {r['noise']}" if args.verbose else ""))
    print(f"recall: {total_found}/{total} = {total_found / total:.1%}; "
          f"{listed} candidate names listed in all, {listed - noise} of them entities of the dossier "
          f"({(listed - noise) / listed:.0%}); kind right for {right} of {total_found} found")


if __name__ == "__main__":
    main()
