"""`dossier suggest`: citations proposed for the key facts that cite no source, from the
dossier's own articles. For a fact that points at another entity (an event's place, a
place's `within`, a role's organization...), or an event's date:

1. a quote a claim of the same sheet already cites, when it states the fact's value (names
   the other entity by any of its names; for a date, states a date within the fact's, also
   relative to the day the article was published: "on Monday", "in August"; for a role,
   names the role's title, "President");
2. a sentence that states the value in a paragraph the sheet's claims already cite (the
   passage about it: an event is rarely named as its sheet names it);
3. a sentence that names both the entity (for an event: another of its places or
   participants) and the value.

Proposals are ranked by what else of the entity they state, since the sentence about a fact
states more than the fact: first those that do not speak of another time (for an event, a
quote that states dates none of which is the event's is about another event, often a sibling
with the same places and participants: a second flight on the same route); then those that
name more of the entity (its own name; for an event, its other places and participants, and
its date); then in the order above; then quotes from the body before captions and bylines,
shorter quotes first, and sources by date of publication. A quote is proposed only once it
is found again in its article exactly as the sheet would cite it (find_quote), so that every
proposal verifies. Coordinates are not proposed: no article states them.

`suggest` prints the proposals as a patch of the sheets to review; `--write` writes them
into the sheets, each with a comment the curator removes after checking the quote."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..model.dates import FuzzyDate, dates_in_text
from ..model.sheets import Coordinates, Event, Role
from ..resolve.article import Paragraph, find_quote, normalise_text
from ..resolve.resolved import EntityInfo, Resolved
from ..read.load import SUGGESTED as MARKER  # one text, which check looks for
from .places import PlaceSuggestion


@dataclass(frozen=True)
class Suggestion:
    entity_id: str
    path: tuple  # the key fact, as lint names it: ("within",), ("places", 1)
    source_id: str
    quote: str
    why: str


def _targets(value: object, resolved: Resolved) -> set[str]:
    """The entities a fact's value points at."""
    if isinstance(value, Role):
        return {resolved.ref(value.organization)} if value.organization else set()
    if isinstance(value, str):
        return {resolved.ref(value)}
    return set()


def _within(date: FuzzyDate, fact: FuzzyDate) -> bool:
    return fact.start <= date.start and date.end <= fact.end


def _fold(text: str) -> str:
    """The form a quote and a name are compared in: as mentions are found (curly and straight
    apostrophes, dashes and spaces alike), case folded."""
    return normalise_text(text).casefold()


def _names_any(text: str, names: list[str]) -> bool:
    lower = _fold(text)
    return any(re.search(rf"(?<!\w){re.escape(_fold(n))}(?!\w)", lower) for n in names)


def _beside(text: str, word: str, names: list[str], reach: int = 6) -> bool:
    """Whether `word` stands within `reach` words of one of `names` in `text`."""
    lower = _fold(text)
    words = [m.start() for m in re.finditer(rf"(?<!\w){re.escape(_fold(word))}(?!\w)", lower)]
    for name in names:
        for m in re.finditer(rf"(?<!\w){re.escape(_fold(name))}(?!\w)", lower):
            for at in words:
                gap = lower[min(at, m.end()):max(at, m.start())]
                if len(gap.split()) <= reach:
                    return True
    return False


def _sentences(resolved: Resolved, ids: set[str]) -> dict[tuple[str, int], set[tuple[int, int]]]:
    """(source, paragraph index) -> the spans of the sentences that mention one of `ids`."""
    found: dict[tuple[str, int], set[tuple[int, int]]] = {}
    for entity_id in ids:
        for source_id, m in resolved.entities[entity_id].mentions:
            paragraph = resolved.articles[source_id].paragraphs[m.paragraph]
            found.setdefault((source_id, m.paragraph), set()).add(paragraph.sentence_bounds(m.start, m.end))
    return found


def _quote(paragraph: Paragraph, start: int, end: int) -> str:
    return paragraph.text[start:end].strip()


def suggest_fact(resolved: Resolved, info: EntityInfo, path: tuple, limit: int = 3) -> list[Suggestion]:
    """Up to `limit` proposed citations of one uncited key fact, best first."""
    value = info.sheet.fact(path)
    if isinstance(value, Coordinates):
        return []
    targets = _targets(value, resolved)
    is_date = isinstance(value, FuzzyDate)
    title = value.title.split()[0] if isinstance(value, Role) and not targets else ""  # "President of Russia"
    if not targets and not is_date and not title:
        return []
    target_names = [n for t in sorted(targets) for n in resolved.entities[t].names]

    def states_value(text: str, source_id: str) -> bool:
        if is_date:
            published = resolved.articles[source_id].source.published
            return any(_within(d, value) for d in dates_in_text(text, published))
        if title:  # the title beside the person's name: "President Vladimir Putin", "Ann Brod, the envoy"
            return _beside(text, title, info.names)
        return _names_any(text, target_names)

    # What else of the entity a quote states: its own name and, for an event, its other
    # places and participants and its date (a sentence about the event states several).
    sides = {info.id}
    if isinstance(info.sheet, Event):
        sides |= {resolved.ref(r) for r in [*info.sheet.places, *info.sheet.participants]} - targets
    side_names = [resolved.entities[e].names for e in sorted(sides)]
    event_date = info.sheet.date if isinstance(info.sheet, Event) and not is_date else None
    date = event_date if event_date is not None and event_date.known else None

    def support(text: str, source_id: str) -> tuple[bool, int]:
        """(whether the quote is about another time: it states dates, none of them the
        event's; how many of the entity's other facts it states)."""
        stated = dates_in_text(text, resolved.articles[source_id].source.published) if date else []
        other_time = bool(stated) and not any(d.start <= date.end and date.start <= d.end for d in stated)
        dated = any(_within(d, date) for d in stated)
        return other_time, -(sum(_names_any(text, names) for names in side_names) + dated)

    ranked: list[tuple[tuple, Suggestion]] = []
    seen: set[tuple[str, str]] = set()

    def propose(rank: int, source_id: str, quote: str, why: str) -> None:
        """A proposal, once its quote is found again in its article as the sheet would cite it."""
        article = resolved.articles[source_id]
        match = find_quote(article.index, quote) if quote and (source_id, quote) not in seen else None
        if match is None:
            return
        seen.add((source_id, quote))
        published = article.source.published.publication_order
        aside = article.paragraphs[match.paragraph].role != "body"  # a caption, a byline
        ranked.append(((*support(quote, source_id), rank, aside, len(quote), published, source_id, quote),
                       Suggestion(info.id, path, source_id, quote, why)))

    cited = set()  # the paragraphs the sheet's claims and facts quote
    for claim in info.claims:  # 1. a quote of the same sheet that states the value
        for cite in claim.citations:
            cited.add((cite.source_id, cite.match.paragraph))
            if states_value(cite.quote, cite.source_id):
                propose(0, cite.source_id, cite.quote, f"claim {claim.number} quotes it")
    for fact in info.facts.values():
        cited |= {(c.source_id, c.match.paragraph) for c in fact.citations}
    for source_id, index in sorted(cited):  # 2. a sentence of a passage the sheet quotes
        paragraph = resolved.articles[source_id].paragraphs[index]
        starts = paragraph._sentence_starts
        for start, end in zip(starts, starts[1:]):
            quote = _quote(paragraph, start, end)
            if states_value(quote, source_id):
                propose(1, source_id, quote, "a passage the sheet quotes states it")
    # 3. a sentence naming the entity (for an event: its other places and participants too)
    # and stating the value
    for (source_id, index), spans in sorted(_sentences(resolved, sides).items()):
        paragraph = resolved.articles[source_id].paragraphs[index]
        for start, end in sorted(spans):
            quote = _quote(paragraph, start, end)
            if states_value(quote, source_id):
                propose(2, source_id, quote, "a sentence names it and states this")
    return [s for _, s in sorted(ranked, key=lambda r: r[0])[:limit]]


def suggestions(resolved: Resolved, limit: int = 3) -> list[list[Suggestion]]:
    """For each uncited key fact that can be proposed, its proposals, in the sheets' order."""
    found = []
    for info in resolved.entities.values():
        for path in info.sheet.key_facts():
            if path not in info.facts:
                proposals = suggest_fact(resolved, info, path, limit)
                if proposals:
                    found.append(proposals)
    return found


def _flow(cite: dict) -> str:
    """A citation in flow style: {source: id, quote: "..."}, {geonames: 98182, note: "..."}."""
    return "{" + ", ".join(f"{k}: {json.dumps(v, ensure_ascii=False)}" if isinstance(v, str) and k != "source"
                           else f"{k}: {v}" for k, v in cite.items()) + "}"


def _edits(text: str, cites: list[tuple[tuple, dict]], added: list[str] = ()) -> str:
    """The sheet's text with each fact of `cites` written long, citing it, and a comment to
    check it: `key: value` becomes `key: {value, cite}` in block style, a list item in either
    style likewise, a mapping (a role, coordinates) gains `cite`; and the lines `added` (new
    fields) at its end. Facts written otherwise are left alone."""
    root = yaml.compose(text)
    if not isinstance(root, yaml.MappingNode):
        return text
    values = {key.value: node for key, node in root.value if isinstance(key, yaml.ScalarNode)}
    edits: list[tuple[int, int, str]] = []  # (start, end, replacement) in the original text
    comment = f"  # {MARKER}"
    commented: set[int] = set()  # the lines given the comment at their end

    def end_comment(index: int) -> None:
        at = text.find("\n", index)
        at = len(text) if at < 0 else at
        if at not in commented and "#" not in text[text.rfind("\n", 0, at) + 1:at]:
            commented.add(at)
            edits.append((at, at, comment))

    for path, cite in cites:
        node = values.get(path[0])
        if node is None:
            continue
        parent = None
        if len(path) > 1:
            if not isinstance(node, yaml.SequenceNode) or path[1] >= len(node.value):
                continue
            parent, node = node, node.value[path[1]]
        if isinstance(node, yaml.ScalarNode):
            written = text[node.start_mark.index:node.end_mark.index]
            if parent is not None and parent.flow_style:
                edits.append((node.start_mark.index, node.end_mark.index,
                              f"{{value: {written}, cite: [{_flow(cite)}]}}"))
                end_comment(node.end_mark.index)
                continue
            pad = " " * (node.start_mark.column if parent is not None else root.start_mark.column + 2)
            start = node.start_mark.index
            while parent is None and start > 0 and text[start - 1] == " ":
                start -= 1  # "date: 2021" becomes "date:" and the block below it
            head = "" if parent is not None else "\n" + pad
            edits.append((start, node.end_mark.index,
                          f"{head}value: {written}\n{pad}cite: [{_flow(cite)}]{comment}"))
        elif isinstance(node, yaml.MappingNode) and "cite" not in {k.value for k, _ in node.value}:
            if node.flow_style:
                end = text.rindex("}", node.start_mark.index, node.end_mark.index)
                edits.append((end, end, f", cite: [{_flow(cite)}]"))
                end_comment(node.end_mark.index)
            else:
                last = node.value[-1][1]
                at = text.find("\n", last.end_mark.index)
                at = len(text) if at < 0 else at
                edits.append((at, at, f"\n{' ' * node.start_mark.column}cite: [{_flow(cite)}]{comment}"))
    for start, end, new in sorted(edits, key=lambda e: (e[0], e[1]), reverse=True):
        text = text[:start] + new + text[end:]
    if added:
        text = text.rstrip("\n") + "\n" + "".join(f"{line}{comment}\n" for line in added)
    return text


def write_suggestions(root: Path, resolved: Resolved, proposals: list[list[Suggestion]],
                      places: list[PlaceSuggestion] = ()) -> dict[Path, tuple[str, str]]:
    """{sheet: (its text, its text with the first proposal of each fact and the gazetteer's
    written in)}, for the sheets whose new text still reads as YAML."""
    cites: dict[Path, list[tuple[tuple, dict]]] = {}
    added: dict[Path, list[str]] = {}
    for found in proposals:
        first = found[0]
        path = root / resolved.entities[first.entity_id].doc.file
        cites.setdefault(path, []).append((first.path, {"source": first.source_id, "quote": first.quote}))
    for p in places:
        path = root / resolved.entities[p.entity_id].doc.file
        reference = {"geonames": p.geonames, "note": p.note}
        if p.value is None:  # coordinates the sheet has: their citation
            cites.setdefault(path, []).append(((p.field,), reference))
        elif p.field == "coordinates":
            added.setdefault(path, []).append(
                f"coordinates: {{lat: {p.value[0]}, lon: {p.value[1]}, cite: [{_flow(reference)}]}}")
        else:
            added.setdefault(path, []).append(f"{p.field}: {{value: {p.value}, cite: [{_flow(reference)}]}}")
    changed = {}
    for path in sorted(set(cites) | set(added)):
        text = path.read_text(encoding="utf-8")
        new = _edits(text, cites.get(path, []), added.get(path, []))
        try:
            yaml.safe_load(new)
        except yaml.YAMLError:
            continue
        if new != text:
            changed[path] = (text, new)
    return changed
