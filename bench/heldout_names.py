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


def run_new_source(article: Path) -> tuple[object, dict]:
    """`dossier new-source` on one article added to a new, empty dossier (so no name is
    known): its result and the draft sheet it wrote, as YAML reads it."""
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "content").mkdir()
        (root / "content/dossier.yml").write_text("title: T\nsummary: S\n")
        (root / "seeds").mkdir()
        (root / "seeds" / article.name).write_bytes(article.read_bytes())
        result = new_source(root, root / "seeds" / article.name)
        return result, yaml.safe_load(result.sheet.read_text(encoding="utf-8"))


def _key(name: str) -> str:
    """A name as compared: name_key, without a leading "the" ("The Daily Mail")."""
    key = name_key(name)
    return key[4:] if key.startswith("the ") else key


def score(result, entities: list[dict], others: list[str] = ()) -> dict:
    """Recall, precision and right kinds of a new-source result's candidates against the
    entities expected ({name, kind, also: [other forms]}). `others`: names that are real
    but not counted in recall (an operation, a platform): listing them is no noise."""
    listed = [c for c in result.candidates if c.listed]  # as the checklist lists them
    apart = [c for c in result.candidates if not c.listed]
    forms = {_key(e["name"]): e for e in entities}
    forms.update({_key(a): e for e in entities for a in e.get("also", [])})
    other_keys = {_key(n) for n in others}

    def hits(c) -> set[str]:
        return {forms[k]["name"] for k in {_key(c.name), *map(_key, c.variants)} if k in forms}

    found = {name for c in listed for name in hits(c)}
    right_kind = {name for c in listed for name in hits(c) if forms[_key(name)]["kind"] == c.kind}
    real = [c for c in listed if hits(c) or _key(c.name) in other_keys]
    return {
        "expected": len(entities), "found": len(found), "listed": len(listed),
        "real": len(real), "apart": len(apart),
        "apart_real": sum(1 for c in apart if hits(c)), "right_kind": len(right_kind),
        "missed": [e["name"] for e in entities if e["name"] not in found],
        "noise": [c.name for c in listed if c not in real],
    }


def measure(folder: Path = HELD_OUT) -> dict[str, dict]:
    expected = yaml.safe_load((folder / "expected.yml").read_text(encoding="utf-8"))
    return {article: score(run_new_source(folder / article)[0], entities)
            for article, entities in expected.items()}


def print_table(results: dict[str, dict], verbose: bool) -> None:
    total = {k: sum(r[k] for r in results.values()) for k in ("expected", "found", "listed", "real", "apart",
                                                             "apart_real", "right_kind")}
    width = max(len(a) for a in results) + 1
    print(f"{'article':{width}} recall     precision  kind right  apart (real)")
    for article, r in {**results, "total": total}.items():
        recall = r["found"] / max(r["expected"], 1)
        print(f"{article:{width}} {r['found']:3}/{r['expected']:<3} {recall:4.0%}  "
              f"{r['real']:3}/{r['listed']:<3} {r['real'] / max(r['listed'], 1):4.0%}  "
              f"{r['right_kind']:3}/{r['found']:<3}  {r['apart']:3} ({r['apart_real']})")
        if verbose and article != "total":
            print(f"    missed: {r['missed']}\n    noise:  {r['noise']}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verbose", action="store_true", help="name the missed entities and the noise")
    print_table(measure(), parser.parse_args().verbose)


if __name__ == "__main__":
    main()
