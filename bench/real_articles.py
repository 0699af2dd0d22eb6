"""`dossier new-source` on real third-party articles: ../shared/dev-articles/ (read from
there, never copied into this repository; the script says so and stops when it is absent).

For each article of a set (english by default; russian, arabic), the article is added to a
new, empty dossier and `dossier new-source` runs on it, as for bench/heldout_names.py:
- names: recall and precision of the listed candidates against the set's
  expected-names.yml (people, places and organizations; "other" is not counted);
- provenance, where bench/expected/provenance_<set>.yml exists (a table of the fields a
  careful reader sets, written from the texts before anything was measured): for each of
  via, published, truncated, paragraphs, bylines, datelines and captions, whether the
  draft sheet says the same (line lists compared as sets; a dateline as its line).

    python bench/real_articles.py [--set english] [--verbose]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from heldout_names import print_table, run_new_source, score  # noqa: E402

from builder.resolve.resolved import name_key  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
ARTICLES = ROOT.parent / "shared" / "dev-articles"
FIELDS = ("via", "published", "truncated", "paragraphs", "bylines", "datelines", "captions")
KINDS = {"people": "person", "places": "place", "organizations": "organization"}


def expected_entities(listing: dict) -> tuple[list[dict], list[str]]:
    """The people, places and organizations expected (recall counts them), and the other
    names ("other": operations, platforms; a real name, so listing one is no noise)."""
    others = [v for e in listing.get("other") or [] for v in [e["name"], *e.get("variants", [])]]
    return [{"name": e["name"], "kind": kind, "also": e.get("variants", [])}
            for group, kind in KINDS.items() for e in listing.get(group) or []], others


def _lines(items) -> set[int]:
    found = set()
    for item in items or []:
        if isinstance(item, dict):
            item = item["line"]
        first, _, last = str(item).partition("-")
        found.update(range(int(first), int(last or first) + 1))
    return found


def provenance(sheet: dict, expected: dict) -> dict[str, tuple[object, object]]:
    """Each field as (expected, drafted), both in a comparable form."""
    key = lambda v: name_key(str(v)) if v else None  # noqa: E731
    return {
        "via": (key(expected.get("via")), key(sheet.get("via"))),
        "published": (str(expected["published"]) if expected.get("published") else None,
                      str(sheet["published"]) if sheet.get("published") else None),
        "truncated": (bool(expected.get("truncated")), bool(sheet.get("truncated"))),
        "paragraphs": (expected.get("paragraphs", "blank-lines"), sheet.get("paragraphs") or "blank-lines"),
        **{field: (_lines(expected.get(field)), _lines(sheet.get(field)))
           for field in ("bylines", "datelines", "captions")},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", default="english", choices=("english", "russian", "arabic"))
    parser.add_argument("--verbose", action="store_true", help="name misses, noise and wrong fields")
    args = parser.parse_args()
    folder = ARTICLES / args.set
    if not folder.is_dir():
        sys.exit(f"{folder} is not here: the real articles are not part of this repository")
    names = yaml.safe_load((folder / "expected-names.yml").read_text(encoding="utf-8"))["files"]
    table_path = ROOT / "bench" / "expected" / f"provenance_{args.set}.yml"
    table = yaml.safe_load(table_path.read_text(encoding="utf-8")) if table_path.exists() else {}
    results, fields = {}, {}
    for article in sorted(names):
        result, sheet = run_new_source(folder / article)
        results[article[:40]] = score(result, *expected_entities(names[article]))
        if article in table:
            fields[article[:40]] = provenance(sheet or {}, table[article])
    print_table(results, args.verbose)
    if not fields:
        return
    print(f"\nprovenance fields right ({', '.join(FIELDS)})")
    right_total = 0
    for article, compared in fields.items():
        right = [f for f, (want, got) in compared.items() if want == got]
        right_total += len(right)
        wrong = [f for f in FIELDS if f not in right]
        print(f"{article:41} {len(right)}/{len(FIELDS)}  {'wrong: ' + ', '.join(wrong) if wrong else ''}")
        if args.verbose:
            for f in wrong:
                print(f"    {f}: expected {compared[f][0]!r}, drafted {compared[f][1]!r}")
    total = len(fields) * len(FIELDS)
    print(f"{'total':41} {right_total}/{total} = {right_total / total:.0%}")


if __name__ == "__main__":
    main()
