"""How often the kind-of-difference detector (builder/resolve/differences.py) agrees with
hand-labelled value pairs (tests/fixtures/differences/pairs.yml by default, written before
the detector was changed; heldout2.yml and heldout3.yml beside it were each written by
someone who saw neither the detector nor the other sets). Prints the agreement, each
kind's recall (of the pairs labelled so, how many the detector agrees on) and precision (of
the pairs the detector says are so, how many are), what it said instead, and with --verbose
every disagreement:

    python bench/difference_kinds.py [--verbose] [PAIRS.yml ...]

tests/test_differences.py runs the same measure and fails below 90%."""

from __future__ import annotations

import sys
from collections import Counter, defaultdict
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from builder.model.dates import date_in_words, parse_date  # noqa: E402
from builder.model.names import VariantFinder  # noqa: E402
from builder.resolve.differences import Known, Value, pair_kind  # noqa: E402
from builder.resolve.resolved import name_key  # noqa: E402

PAIRS = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "differences" / "pairs.yml"


def known_from(context: dict) -> Known:
    """The detector's knowledge of the labelled set's small dossier: its places (with what
    each lies within) and its people and organizations, by every name."""
    lookup, kind, within, names = {}, {}, {}, {}
    for place_id, place in context.get("places", {}).items():
        kind[place_id], names[place_id] = "places", place["names"]
        if place.get("within"):
            within[place_id] = place["within"]
    for entity_id, entity_names in context.get("entities", {}).items():
        kind[entity_id], names[entity_id] = "others", entity_names
    for entity_id, entity_names in names.items():
        for name in [entity_id, *entity_names]:
            lookup.setdefault(name_key(name), entity_id)
    finder = VariantFinder(names)
    return Known(lambda text: lookup.get(name_key(text)), kind.__getitem__, within,
                 lambda text: (finder.find(text) or (None,))[0])


def value(side: dict) -> Value:
    as_of = side.get("as_of")
    date = None
    if as_of:
        date = date_in_words(str(as_of))
        if date is None:
            date = parse_date(str(as_of))
    return Value(str(side["value"]), side.get("scope") or "", date)


def cases(data: dict) -> list[tuple[str, Value, Value, str]]:
    found = [(p["property"], value(p["a"]), value(p["b"]), p["expected"]) for p in data["pairs"]]
    for point in data.get("points", []):
        values = [Value(str(v)) for v in point["values"]]
        found += [(point["property"], values[i], values[j], kind) for i, j, kind in point["pairs"]]
    return found


def measure(path: Path = PAIRS) -> tuple[float, dict[str, Counter], list[tuple]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    known = known_from(data["context"])
    table: dict[str, Counter] = defaultdict(Counter)
    wrong = []
    for prop, a, b, expected in cases(data):
        got = pair_kind(a, b, known)
        table[expected][got] += 1
        if got != expected:
            wrong.append((prop, a.text, b.text, expected, got))
    total = sum(sum(c.values()) for c in table.values())
    return (total - len(wrong)) / total, table, wrong


def main() -> None:
    paths = [Path(arg) for arg in sys.argv[1:] if not arg.startswith("--")] or [PAIRS]
    for path in paths:
        agreement, table, wrong = measure(path)
        total = sum(sum(c.values()) for c in table.values())
        said = Counter()
        for counts in table.values():
            said.update(counts)
        print(f"{path.name}: agreement {total - len(wrong)}/{total} = {agreement:.1%}")
        print(f"  {'kind':13} {'recall':>13} {'precision':>13}  detector said instead")
        for kind in sorted(set(table) | set(said)):
            c = table[kind]
            recall = f"{c[kind]}/{sum(c.values())}" if c else "-"
            precision = f"{table[kind][kind]}/{said[kind]}" if said[kind] else "-"
            others = ", ".join(f"{k} {n}" for k, n in c.most_common() if k != kind)
            print(f"  {kind:13} {recall:>13} {precision:>13}  {others}")
        if "--verbose" in sys.argv:
            for prop, a, b, expected, got in wrong:
                print(f"  {prop}: {a!r} / {b!r}: expected {expected}, got {got}")


if __name__ == "__main__":
    main()
