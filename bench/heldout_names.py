"""Recall and precision of `dossier new-source`'s candidate names on the held-out articles
(tests/fixtures/heldout/, made up and never tuned on), per article and in total.

Each article is added to a new, empty dossier (so no name is known) and `dossier
new-source` runs on it. An expected entity is found when a listed candidate's name, or one
of the shorter forms shown with it, is the entity's name or one of its other forms (case and
punctuation aside). Precision: the share of listed candidates that are one of the expected
entities. Candidates listed apart as "perhaps not names" (one word, only ever at the start
of a sentence) and adjectives ("American") are counted separately.

    python bench/heldout_names.py [--verbose]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from builder.curate.newsource import new_source  # noqa: E402
from builder.resolve.resolved import name_key  # noqa: E402

HELD_OUT = Path(__file__).resolve().parents[1] / "tests/fixtures/heldout"


def measure(folder: Path = HELD_OUT) -> dict[str, dict]:
    expected = yaml.safe_load((folder / "expected.yml").read_text(encoding="utf-8"))
    results = {}
    for article, entities in expected.items():
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp)
            (root / "content").mkdir()
            (root / "content/dossier.yml").write_text("title: T\nsummary: S\n")
            (root / "seeds").mkdir()
            (root / "seeds" / article).write_bytes((folder / article).read_bytes())
            result = new_source(root, root / "seeds" / article)
        listed = [c for c in result.candidates if c.listed]  # as the checklist lists them
        apart = [c for c in result.candidates if not c.listed]
        forms = {name_key(e["name"]): e for e in entities}
        forms.update({name_key(a): e for e in entities for a in e.get("also", [])})
        def hits(c) -> set[str]:
            return {forms[k]["name"] for k in {name_key(c.name), *map(name_key, c.variants)} if k in forms}
        found = {name for c in listed for name in hits(c)}
        right_kind = {name for c in listed for name in hits(c) if forms[name_key(name)]["kind"] == c.kind}
        results[article] = {
            "expected": len(entities), "found": len(found), "listed": len(listed),
            "real": sum(1 for c in listed if hits(c)), "apart": len(apart),
            "apart_real": sum(1 for c in apart if hits(c)), "right_kind": len(right_kind),
            "missed": [e["name"] for e in entities if e["name"] not in found],
            "noise": [c.name for c in listed if not hits(c)],
        }
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verbose", action="store_true", help="name the missed entities and the noise")
    args = parser.parse_args()
    results = measure()
    total = {k: sum(r[k] for r in results.values()) for k in ("expected", "found", "listed", "real", "apart",
                                                             "apart_real", "right_kind")}
    print(f"{'article':28} recall     precision  kind right  apart (real)")
    for article, r in {**results, "total": total}.items():
        print(f"{article:28} {r['found']:3}/{r['expected']:<3} {r['found'] / r['expected']:4.0%}  "
              f"{r['real']:3}/{r['listed']:<3} {r['real'] / max(r['listed'], 1):4.0%}  "
              f"{r['right_kind']:3}/{r['found']:<3}  {r['apart']:3} ({r['apart_real']})")
        if args.verbose and article != "total":
            print(f"    missed: {r['missed']}\n    noise:  {r['noise']}")


if __name__ == "__main__":
    main()
