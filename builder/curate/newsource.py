"""`dossier new-source`: a draft source sheet and a checklist for a new article text.

The names are found by candidates.py (its docstring describes the heuristic and how it is
measured), the draft sheet and draft claims are written by sourcedraft.py; this module
reads the dossier and the article, puts them together and prints the checklist."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ..resolve.article import Paragraph, normalise, split_paragraphs
from .candidates import Candidate, _rank, find_candidates
from .entitydraft import accepted, entity_draft
from .words import _WORD
from ..core.errors import DossierError, SourceLoc, display_path, error
from ..read.inputs import MAX_SEED_BYTES, InputError, read_text
from ..read.load import load_dossier
from ..resolve.mentions import MentionFinder
from ..model.sheets import ID_PATTERN
from ..core.outputs import link_on_the_way
from ..resolve.resolved import name_key
from .sourcedraft import Detected, draft_claims, draft_sheet
from ..model.names import VariantFinder


@dataclass
class Known:
    entity_id: str
    kind: str
    name: str
    count: int
    forms: Counter


@dataclass
class NewSource:
    sheet: Path
    source_id: str
    detected: dict[str, Detected]
    known: list[Known]
    candidates: list[Candidate]
    seed_name: str = ""  # the article's file in seeds/
    paragraphs: list = field(default_factory=list)  # the article as the sheet splits it
    taken: set[str] = field(default_factory=set)  # the dossier's ids
    entity_sheets: list[Path] = field(default_factory=list)  # drafts written for accepted names
    skipped: list[str] = field(default_factory=list)  # accepted names not drafted, and why


def write_entity_drafts(root: Path, result: NewSource, spec: str) -> None:
    """Draft sheets for the candidate names the curator accepts (`spec`: "all" or
    "NAME[=KIND],...", see entitydraft.accepted), each in content/<kind>/<id>.yml, never over
    a file or through a symbolic link."""
    chosen, result.skipped = accepted(spec, result.candidates)
    for cand, kind in chosen:
        draft = entity_draft(cand, kind, result.source_id, result.seed_name, result.paragraphs, result.taken)
        path = root / "content" / draft.folder / f"{draft.entity_id}.yml"
        link = link_on_the_way(path, root)
        if link is not None or path.exists():
            result.skipped.append(f"{cand.name}: {display_path(link or path, root)} is in the way")
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(draft.text, encoding="utf-8")
        result.taken.add(draft.entity_id)
        result.entity_sheets.append(path)


def _fail(message: str, loc: SourceLoc) -> DossierError:
    return DossierError([error("new-source", message, loc)])


def new_source(root: Path, file: Path, force: bool = False, source_id: str | None = None,
               entities: str | None = None) -> NewSource:
    root = root.resolve()
    seed_dir = root / "seeds"
    path = file if file.is_absolute() else (Path.cwd() / file)
    if not path.exists() and (seed_dir / file.name).exists():
        path = seed_dir / file.name
    path = path.resolve()
    shown = display_path(path, root)
    if not path.is_file():
        raise _fail("no such file; put the article text under seeds/ and pass its path",
                    SourceLoc(shown))
    if path.parent != seed_dir.resolve():
        raise _fail(f"the article must be in {display_path(seed_dir, root)}/ (the site shows the "
                    f"file from there); copy it there unchanged, then run dossier new-source "
                    f"seeds/{path.name}", SourceLoc(shown))
    raw, _ = load_dossier(root)  # a dossier in the middle of an edit still gives its names
    names: dict[str, list[str]] = {}
    kinds: dict[str, str] = {}
    outlets: set[str] = set()
    taken: set[str] = set()
    language = "en"
    for doc in raw.docs:
        data = doc.data if isinstance(doc.data, dict) else {}
        if doc.kind == "dossier":
            language = str(data.get("language") or language)
            continue
        entity_id = str(data.get("id") or doc.stem)
        taken.add(entity_id)
        if doc.kind == "sources":
            if data.get("file") == path.name and not force:
                raise _fail(f"this sheet already describes seeds/{path.name}; edit it, or pass "
                            "--force to write a second draft", doc.loc(("file",)))
            if data.get("outlet"):
                outlets.add(name_key(str(data["outlet"])))
            continue
        entity_names = [str(n) for n in [data.get("name"), *(data.get("aliases") or [])] if n]
        names[entity_id] = entity_names
        kinds[entity_id] = doc.kind
        if doc.kind == "organizations":
            outlets.update(name_key(n) for n in entity_names)
    try:
        text = read_text(path, seed_dir, MAX_SEED_BYTES, shown)
    except InputError as exc:
        raise _fail(f"seeds/{path.name} {exc}", SourceLoc(shown, 0, 0)) from None
    lines = text.splitlines()
    if source_id is not None and (not re.fullmatch(ID_PATTERN, source_id) or source_id in taken):
        problem = "is taken" if source_id in taken else "is not a valid id (lower-case letters, digits, hyphens)"
        raise _fail(f"--id '{source_id}' {problem}; choose another", SourceLoc(shown))
    draft = draft_sheet(path.name, lines, outlets, language, taken, source_id)
    detected = draft.detected
    # Each line is read on its own: headlines and captions often end without a full stop.
    paragraphs = [Paragraph(n, line, normalise(line)) for n, line in enumerate(lines, start=1)
                  if line.strip()]
    common = {w for s in raw.seeds.values() for w in _WORD.findall(s.text) if w.islower()}
    known_keys = {name_key(n): n for ns in names.values() for n in ns}  # key -> the name as the sheet writes it
    candidates, mentions = find_candidates(paragraphs, MentionFinder(names), common, known_keys)
    known: dict[str, Known] = {}
    for m in mentions:
        entry = known.setdefault(m.entity_id, Known(m.entity_id, kinds[m.entity_id],
                                                    names[m.entity_id][0], 0, Counter()))
        entry.count += 1
        entry.forms[m.name] += 1
    variants = VariantFinder(names)
    # "US Embassy in Varda" by what comes before " in ", for "the US embassy"
    before_in: dict[str, set[tuple[str, str]]] = {}
    for entity_id, entity_names in names.items():
        for n in entity_names:
            if " in " in name_key(n):
                before_in.setdefault(name_key(n).partition(" in ")[0], set()).add((entity_id, n))
    for cand in candidates:  # "Kadyroff" where the dossier has "Kadyrov": an alias, not a new name
        if cand.adjective_of is None:
            cand.probably = variants.find(cand.name)
        if cand.probably is None and " " in cand.name:  # "the US embassy" for "US Embassy in Varda"
            longer = before_in.get(name_key(cand.name), set())
            if len({entity_id for entity_id, _ in longer}) == 1:
                cand.probably = min(longer)
    for name, kind in draft.opening_names:  # a dateline's place and agency are names, even alone
        for part in name.split("/"):
            if part.lower() in ("agencies", "agency", "wires", "wire") or len(part) < 2:
                continue  # "AsiaNews/Agencies"
            cand = next((c for c in candidates if name_key(c.name) == name_key(part)), None)
            if cand is None and name_key(part) not in known_keys:
                cand = Candidate(part, count=1, first=len(candidates), line=min(draft.openings, default=0))
                candidates.append(cand)
            if cand is not None:
                cand.inside = max(cand.inside, 1)
                cand.hint(kind, "a dateline")
    outlet, via = detected["outlet"].value, detected["via"].value
    for cand in candidates:  # the outlet is a name, even alone on its line
        if outlet and name_key(cand.name) == name_key(outlet):
            cand.inside += 1
            cand.hint("organization", "the article's outlet")
        elif via and name_key(cand.name) == name_key(via):
            cand.hint("organization", "the article's wire credit")
        elif draft.roles.get(cand.line) == "byline":
            cand.hint("person", "a byline")
    candidates.sort(key=_rank)
    sheet = root / "content" / "sources" / f"{draft.source_id}.yml"
    link = link_on_the_way(sheet, root)
    if link is not None:
        raise _fail(f"{display_path(link, root)} is a symbolic link; Dossier writes only into real "
                    "folders of the project", SourceLoc(display_path(link, root), 0, 0))
    if sheet.exists() and not force:
        raise _fail(f"{display_path(sheet, root)} exists already; pass --id with another id",
                    SourceLoc(display_path(sheet, root), 0, 0))
    sheet.parent.mkdir(parents=True, exist_ok=True)
    sheet.write_text(draft.text + draft_claims(text, draft, names, candidates), encoding="utf-8")
    ranked_known = sorted(known.values(), key=lambda k: (k.kind, -k.count, k.name))
    result = NewSource(sheet, draft.source_id, detected, ranked_known, candidates, path.name,
                       split_paragraphs(text, draft.furniture, each_line=draft.each_line, roles=draft.roles,
                                        openings=draft.openings), taken | {draft.source_id})
    if entities:
        write_entity_drafts(root, result, entities)
    return result


def entity_lines(result: NewSource, root: Path) -> list[str]:
    """What --entities (or the prompt) wrote and left out."""
    out = []
    if result.entity_sheets:
        out += ["", f"Draft sheets written ({len(result.entity_sheets)}): write each description, check the kind"]
        out += [f"  {display_path(p, root.resolve())}" for p in result.entity_sheets]
    if result.skipped:
        out += ["", "Not drafted:"] + [f"  {reason}" for reason in result.skipped]
    return out


def to_text(result: NewSource, root: Path) -> str:
    out = [f"wrote {display_path(result.sheet, root.resolve())} (a draft: confirm it before you commit)"]
    for field_name, found in result.detected.items():
        if field_name == "via" and not found.value:
            continue  # only wire copy has one
        state = f"{found.value} (line {found.line})" if found.value else "NOT FOUND - fill it in"
        out.append(f"  {field_name}: {state}")
    out += ["", f"Already in the dossier ({len(result.known)}): cite the article in their claims"]
    for k in result.known:
        forms = ", ".join(f'"{f}"' for f, _ in k.forms.most_common())
        out.append(f"  [ ] {k.name} ({k.kind}/{k.entity_id}) x{k.count}: {forms}")
    names = [c for c in result.candidates if c.listed]
    out += ["", f"Not yet in the dossier ({len(names)} candidate names, most frequent "
            "first; kind is a guess): add sheets for those that matter"]
    for c in names:
        total = c.total
        also = f"; also as {', '.join(repr(v) for v in c.variants)}" if c.variants else ""
        kind, reason = c.guess
        out.append(f"  [ ] {c.name} ({kind}: {reason}) x{total}, first at line {c.line}{also}")
    probable = [c for c in result.candidates if c.probably is not None]
    if probable:
        out += ["", f"Probably in the dossier under another spelling ({len(probable)}): add the spelling as an alias?"]
        for c in probable:
            entity_id, spelled = c.probably
            out.append(f"  [ ] {c.name}: probably {entity_id} (spelled '{spelled}' there) x{c.total}, "
                       f"first at line {c.line}")
    adjectives = [c for c in result.candidates if c.adjective_of is not None]
    if adjectives:
        out += ["", "Adjectives, not names (what they point at): "
                + ", ".join(f"{c.name} ({c.adjective_of})" for c in adjectives)]
    perhaps = [c.name for c in result.candidates if c.uncertain and c.adjective_of is None]
    if perhaps:
        out += ["", "Perhaps not names (capitalised only at the start of a sentence): "
                + ", ".join(perhaps)]
    out += entity_lines(result, root)
    out += ["", "Next: fill in the draft, add claims that quote the article, then run dossier check."]
    return "\n".join(out)
