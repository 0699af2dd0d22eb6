"""A synthetic dossier of a chosen size, for benchmarks: N sources of ~600 words,
2N entities (people, places, organizations, events) with ~10 claims each, every claim
quoting a sentence that really is in its source."""

from __future__ import annotations

import random
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
                sentence = " ".join(words).capitalize() + "."
                para.append(sentence)
                sentences.append(sentence)
            paragraphs.append(" ".join(para))
        sentences_of[s] = sentences
        (root / f"seeds/s{s:06d}.txt").write_text(f"Report {s}\n\n" + "\n\n".join(paragraphs) + "\n")
        (root / f"content/sources/s{s:06d}.yml").write_text(yaml.safe_dump({
            "id": f"s{s:06d}", "title": f"Report {s}", "outlet": "Synthetic Post",
            "published": f"20{10 + s % 10}-0{1 + s % 9}-1{s % 10}", "language": "en",
            "file": f"s{s:06d}.txt", "furniture": [1]}))
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
        if kind == "events":
            sheet["date"] = f"20{10 + e % 10}-0{1 + e % 9}"
        (root / f"content/{kind}/e{e:06d}.yml").write_text(yaml.safe_dump(sheet, sort_keys=False))
    (root / "content/dossier.yml").write_text(yaml.safe_dump({
        "title": "Synthetic dossier", "summary": f"{sources} generated sources."}))
    return root
