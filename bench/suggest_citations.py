"""How many of a dossier's key-fact citations `dossier suggest` finds again: the dossier (the
bundled one by default) is copied, every key fact's citations are removed from the copy, and
the proposals for each fact are compared with the citations it had. A proposal is right when
it quotes the same passage (its quote and one of the fact's quotes overlap in the same
paragraph of the same source). That is strict: a fact is often stated in several places. So,
for the bundled dossier, a proposal also counts as right when a blind judge said its quote
states the fact (`bench/expected/suggest_judged_bundled.yml`: every candidate, up to eight
per fact, judged by helpers who saw neither the code nor the sheets); proposals not judged
yet are counted and, with --unjudged FILE, written out for judging. Every proposal verifies
by construction; the script checks that too. Coordinates that cited a GeoNames entry count
as found again when the gazetteer proposes the same entry.

    python bench/suggest_citations.py [--root DOSSIER] [--verbose] [--unjudged FILE]
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from builder.curate.places import place_suggestions  # noqa: E402
from builder.curate.suggest import suggestions  # noqa: E402
from builder.model.sheets import MODELS, cited_fields  # noqa: E402
from builder.resolve.article import find_quote  # noqa: E402
from builder.resolve.dossier import check  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
EXPECTED = ROOT / "bench" / "expected"


def verdicts(root: Path) -> dict[tuple[str, str, str, str], str]:
    """(entity, fact path, source, quote) -> yes, partly or no: the blind verdicts on this
    dossier's proposals (bench/expected/suggest_judged_<name>.yml: `bundled` for this
    repository's dossier, else the dossier's folder name), when there are any."""
    name = "bundled" if root.resolve() == ROOT else root.resolve().name
    judged = EXPECTED / f"suggest_judged_{name}.yml"
    if not judged.is_file():
        return {}
    entries = yaml.safe_load(judged.read_text(encoding="utf-8"))
    return {(e["entity"], e["fact"], e["source"], e["quote"]): e["verdict"] for e in entries}


def strip_citations(sheet: Path, kind: str) -> None:
    """The sheet without its key facts' citations (article quotes and external references)."""
    data = yaml.safe_load(sheet.read_text(encoding="utf-8"))
    for name, is_list, mapping in cited_fields(MODELS[kind]):
        if name == "name" or name not in data:
            continue
        items = data[name] if is_list and isinstance(data[name], list) else [data[name]]
        stripped = []
        for item in items:
            if isinstance(item, dict) and "cite" in item:
                item = {k: v for k, v in item.items() if k != "cite"} if mapping else item.get("value")
            stripped.append(item)
        data[name] = stripped if is_list and isinstance(data[name], list) else stripped[0]
    sheet.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def overlap(resolved, a: tuple[str, str], b: tuple[str, str]) -> bool:
    if a[0] != b[0]:
        return False
    paragraphs = resolved.articles[a[0]].paragraphs
    ma, mb = find_quote(paragraphs, a[1]), find_quote(paragraphs, b[1])
    if not ma or not mb or ma.paragraph != mb.paragraph:
        return False
    return ma.spans[0][0] < mb.spans[-1][1] and mb.spans[0][0] < ma.spans[-1][1]


def measure(root: Path, verbose: bool = False, unjudged: Path | None = None) -> dict[str, int]:
    judged = verdicts(root)
    original = check(root, use_cache=False)
    cited = {}  # (entity, path) -> [(source, quote)] of the facts citing an article
    geonames = {}  # place -> the GeoNames ids its coordinates cite
    for info in original.entities.values():
        for path, fact in info.facts.items():
            if fact.citations:
                cited[(info.id, path)] = [(c.source_id, c.quote) for c in fact.citations]
            if path == ("coordinates",) and any(e.geonames for e in fact.external):
                geonames[info.id] = {e.geonames for e in fact.external if e.geonames}
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "dossier"
        shutil.copytree(root / "content", copy / "content")
        shutil.copytree(root / "seeds", copy / "seeds")
        for kind in ("people", "places", "organizations", "events"):
            for sheet in sorted((copy / "content" / kind).glob("*.yml")):
                strip_citations(sheet, kind)
        resolved = check(copy, use_cache=False)
        proposed = {(s[0].entity_id, s[0].path): s for s in suggestions(resolved)}
        facts = {key: resolved.entities[key[0]].sheet.name for key in proposed}
        places = {p.entity_id: p.geonames for p in place_suggestions(resolved) if p.field == "coordinates"}
    same = sum(str(places.get(p)) in set(map(str, ids)) for p, ids in geonames.items())
    counts = {"facts": len(cited), "proposed": 0, "top1": 0, "top3": 0, "unverified": 0,
              "judged1": 0, "judged3": 0, "unjudged": 0,
              "coordinates": len(geonames), "coordinates_same": same}
    waiting = []
    for key, quotes in sorted(cited.items()):
        found = proposed.get(key, [])
        counts["proposed"] += bool(found)
        right = [any(overlap(original, (s.source_id, s.quote), q) for q in quotes) for s in found]
        counts["top1"] += bool(right[:1] and right[0])
        counts["top3"] += any(right)
        said = [judged.get((s.entity_id, ".".join(map(str, s.path)), s.source_id, s.quote)) for s in found]
        fine = [r or v == "yes" for r, v in zip(right, said)]
        counts["judged1"] += bool(fine[:1] and fine[0])
        counts["judged3"] += any(fine)
        new = [s for r, v, s in zip(right, said, found) if v is None and not r]
        counts["unjudged"] += len(new)
        waiting += [(facts[key], s) for s in new]
        counts["unverified"] += sum(find_quote(original.articles[s.source_id].paragraphs, s.quote) is None
                                    for s in found)
        if verbose and not (right[:1] and right[0]):
            print(f"  {key[0]} {'.'.join(map(str, key[1]))}: "
                  f"{'no proposal' if not found else repr(found[0].quote[:90])}; cited {quotes[0][1][:90]!r}")
    if unjudged is not None:
        unjudged.write_text("".join(
            f"{n}. FACT: {name} ({s.entity_id}) {'.'.join(map(str, s.path))}\n"
            f"   QUOTE ({s.source_id}): “{s.quote}”\n\n"
            for n, (name, s) in enumerate(waiting, 1)), encoding="utf-8")
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=ROOT)
    parser.add_argument("--verbose", action="store_true", help="show each fact not found again")
    parser.add_argument("--unjudged", type=Path, help="write the proposals no judge has seen to this file")
    args = parser.parse_args()
    c = measure(args.root, args.verbose, args.unjudged)
    print(f"{c['facts']} key facts citing an article; proposals for {c['proposed']}; "
          f"right first {c['top1']} ({c['top1'] / max(c['facts'], 1):.0%}), right among three {c['top3']} "
          f"({c['top3'] / max(c['facts'], 1):.0%}); proposals that do not verify: {c['unverified']}; "
          f"coordinates citing GeoNames: {c['coordinates']}, "
          f"the same entry proposed again for {c['coordinates_same']}")
    if verdicts(args.root):
        print(f"right by the curator's passage or a blind judge: first {c['judged1']} "
              f"({c['judged1'] / max(c['facts'], 1):.0%}), among three {c['judged3']} "
              f"({c['judged3'] / max(c['facts'], 1):.0%}); proposals not judged yet: {c['unjudged']}")


if __name__ == "__main__":
    main()
