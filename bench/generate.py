"""A synthetic dossier of a chosen size, for benchmarks: N sources of ~600 words,
2N entities (people, places, organizations, events) with ~10 claims each, every claim
quoting a sentence that really is in its source. Its entities are tied as a real dossier's
are, so that the views cost what they would: each event has places and participants, each
person a role in an organization, each place coordinates and most a place it lies within,
some organizations a parent and a seat. Names keep their capitals in the text."""

from __future__ import annotations

import random
from bisect import bisect_left
from pathlib import Path

import yaml

WORDS = ("harbour council report vessel cargo inquiry witness village minister court river "
         "statement budget museum archive station bridge market festival election license").split()
KINDS = ("people", "places", "organizations", "events")


def name(i: int) -> str:
    return f"Aldmere{i:06d}"


def generate(root: Path, sources: int, seed: int = 1) -> Path:
    rng = random.Random(seed)
    entities = 2 * sources
    for folder in ("seeds", *(f"content/{k}" for k in (*KINDS, "sources"))):
        (root / folder).mkdir(parents=True, exist_ok=True)
    sentences_of: dict[int, list[str]] = {}
    for s in range(sources):
        paragraphs, sentences = [], []
        for _ in range(8):  # 8 paragraphs of 5 sentences of ~15 words: ~600 words
            para = []
            for _ in range(5):
                words = rng.choices(WORDS, k=13)
                words.insert(rng.randrange(13), name(rng.randrange(entities)))
                sentence = " ".join(words)
                sentence = sentence[0].upper() + sentence[1:] + "."  # not str.capitalize: names keep their capitals
                para.append(sentence)
                sentences.append(sentence)
            paragraphs.append(" ".join(para))
        sentences_of[s] = sentences
        (root / f"seeds/s{s:06d}.txt").write_text(f"Report {s}\n\n" + "\n\n".join(paragraphs) + "\n")
        (root / f"content/sources/s{s:06d}.yml").write_text(yaml.safe_dump({
            "id": f"s{s:06d}", "title": f"Report {s}", "outlet": "Synthetic Post",
            "published": f"20{10 + s % 10}-0{1 + s % 9}-1{s % 10}", "language": "en",
            "file": f"s{s:06d}.txt", "furniture": [1]}))
    of_kind = {k: [e for e in range(entities) if KINDS[e % 4] == k] for k in KINDS}
    ref = lambda e: f"e{e:06d}"  # noqa: E731
    for e in range(entities):
        kind = KINDS[e % 4]
        claims = []
        for c in range(10):
            s = rng.randrange(sources)
            claims.append({"property" if c % 2 else "statement": f"fact {c}" if c % 2 else f"Statement {c}.",
                           **({"value": str(rng.randrange(100))} if c % 2 else {}),
                           "cite": [{"source": f"s{s:06d}", "quote": rng.choice(sentences_of[s])}]})
        sheet = {"id": f"e{e:06d}", "name": name(e), "aliases": [f"{name(e)}x"],
                 "description": f"Synthetic entity {e}.", "claims": claims}
        def cite() -> list[dict]:  # key facts cite a quote too, as a curated dossier's do
            s = rng.randrange(sources)
            return [{"source": f"s{s:06d}", "quote": rng.choice(sentences_of[s])}]

        cited = lambda value: {"value": value, "cite": cite()}  # noqa: E731
        if kind == "events":
            sheet["date"] = cited(f"20{10 + e % 10}-0{1 + e % 9}")
            sheet["places"] = [cited(p) for p in sorted({ref(rng.choice(of_kind["places"]))
                                                         for _ in range(rng.randint(1, 2))})]
            sheet["participants"] = [cited(p) for p in sorted({ref(rng.choice(of_kind["people"] + of_kind["organizations"]))
                                                               for _ in range(rng.randint(1, 3))})]
        elif kind == "people":
            sheet["roles"] = [{"title": "member", "organization": ref(rng.choice(of_kind["organizations"])),
                               "cite": cite()}]
        elif kind == "places":
            sheet["coordinates"] = {"lat": round(rng.uniform(-60, 70), 3), "lon": round(rng.uniform(-170, 170), 3),
                                    "cite": cite()}
            earlier = bisect_left(of_kind["places"], e)
            if earlier and rng.random() < 0.8:  # a tree of places: each within one made before it
                sheet["within"] = cited(ref(of_kind["places"][rng.randrange(earlier)]))
        elif kind == "organizations" and rng.random() < 0.5:
            sheet["based_in"] = cited(ref(rng.choice(of_kind["places"])))
            earlier = bisect_left(of_kind["organizations"], e)
            if earlier:
                sheet["parent"] = cited(ref(of_kind["organizations"][rng.randrange(earlier)]))
        (root / f"content/{kind}/e{e:06d}.yml").write_text(yaml.safe_dump(sheet, sort_keys=False))
    (root / "content/dossier.yml").write_text(yaml.safe_dump({
        "title": "Synthetic dossier", "summary": f"{sources} generated sources."}))
    return root
