"""Draft entity sheets for the candidate names a curator accepts (`dossier new-source
--entities`): the name, cited by the sentence of the article that first names it (copied
exactly, so it verifies), its other forms as aliases, and the fields its kind takes, the
required ones left empty (so `dossier check` names the line to fill) and the others as
comments showing their form."""

from __future__ import annotations

import json
from dataclasses import dataclass

from ..resolve.article import Paragraph
from ..resolve.resolved import name_key
from .candidates import Candidate
from .sourcedraft import scalar, short_id, unique_id

FOLDERS = {"person": "people", "place": "places", "organization": "organizations"}
# the optional fields of each kind, as comments a curator uncomments
_OPTIONAL = {
    "people": ["# roles:  # what the person is or was, each cited",
               "#   - {title: spokeswoman, organization: ORGANIZATION-ID, cite: [{source: SOURCE-ID, quote: ...}]}"],
    "places": ["# kind: city  # or village, region, country, camp, airport...",
               "# within: {value: PLACE-ID, cite: [{source: SOURCE-ID, quote: ...}]}",
               "# coordinates: {lat: 0.0, lon: 0.0, cite: [{geonames: ID, note: ...}]}"],
    "organizations": ["# kind: ministry  # or agency, court, company, armed group...",
                      "# based_in: {value: PLACE-ID, cite: [{source: SOURCE-ID, quote: ...}]}",
                      "# parent: {value: ORGANIZATION-ID, cite: [{source: SOURCE-ID, quote: ...}]}"],
}


@dataclass
class EntityDraft:
    folder: str  # people, places, organizations
    entity_id: str
    text: str


def _first_sentence(name: str, line: int, paragraphs: list[Paragraph]) -> str | None:
    """The sentence that first names `name`, from the paragraph holding line `line` on (as
    the source sheet splits the article, so the quote verifies)."""
    ordered = sorted(paragraphs, key=lambda p: p.line)
    start = max((k for k, p in enumerate(ordered) if p.line <= line), default=0)
    for paragraph in ordered[start:]:
        at = paragraph.text.find(name)
        if at >= 0:
            begin, end = paragraph.sentence_bounds(at, at + len(name))
            return paragraph.text[begin:end].strip()
    return None


def entity_draft(cand: Candidate, kind: str, source_id: str, seed_name: str, paragraphs: list[Paragraph],
                 taken: set[str]) -> EntityDraft:
    """The draft sheet of one accepted candidate, of `kind` (person, place, organization),
    with an id not in `taken`."""
    folder = FOLDERS[kind]
    entity_id = unique_id(short_id(cand.name), taken)
    sentence = _first_sentence(cand.name, cand.line, paragraphs)
    aliases = [v for v in cand.variants if name_key(v) != name_key(cand.name)]
    lines = [f"# Draft written by `dossier new-source` for a name in seeds/{seed_name} (line {cand.line}),",
             f"# guessed to be a {kind} ({cand.guess[1]}). Check it, fill in what is empty, then run `dossier check`.",
             f"id: {entity_id}"]
    if sentence:
        lines += ["name:", f"  value: {scalar(cand.name)}", "  cite:", f"    - source: {source_id}",
                  f"      quote: {scalar(sentence)}"]
    else:
        lines.append(f"name: {scalar(cand.name)}")
    lines += [f"aliases: [{', '.join(json.dumps(a, ensure_ascii=False) for a in aliases)}]"  # flow: quoted
              + ("  # forms the article also uses: keep those that name only this one" if aliases else ""),
              "description:  # one or two sentences in your own words: who or what this is"]
    lines += _OPTIONAL[folder]
    lines.append("claims: []  # facts about it, each quoting a source")
    return EntityDraft(folder, entity_id, "\n".join(lines) + "\n")


def accepted(spec: str, candidates: list[Candidate]) -> tuple[list[tuple[Candidate, str]], list[str]]:
    """The candidates a curator accepts, with their kinds: `spec` is "all" (every listed
    name of a guessed kind) or "NAME[=KIND],..." (a kind given overrides the guess); and
    what was left out, and why."""
    by_key = {name_key(c.name): c for c in candidates}
    items = []
    for name, _, kind in (part.partition("=") for part in spec.split(",")):
        if name.strip().lower() == "all":
            items += [(c.name, "") for c in candidates if c.listed]
        elif name.strip():
            items.append((name.strip(), kind.strip().lower()))
    given = {name_key(name): kind for name, kind in items if kind}  # "all,Kelso Trust=organization"
    items = [(name, given.get(name_key(name), kind)) for name, kind in items]
    chosen, skipped = [], []
    for name, kind in items:
        cand = by_key.get(name_key(name))
        if cand is None:
            skipped.append(f"{name}: not a name new-source found in this article; check its spelling")
            continue
        kind = kind or cand.kind
        if kind not in FOLDERS:
            skipped.append(f"{name}: its kind is not clear; pass '{name}=person', '=place' or '=organization'")
            continue
        if all(c is not cand for c, _ in chosen):
            chosen.append((cand, kind))
    return chosen, skipped
