"""Warnings a reviewer wants on a valid dossier: things that build, but that a careful
editor would look at again. `dossier check` prints them; `--strict` makes them fail.

Each rule is one pass over the resolved model (or over the words of the texts), so the
whole is linear in the size of the dossier.
"""

from __future__ import annotations

from collections import Counter
from datetime import date

import ahocorasick

from ..core.errors import Diagnostic, SourceLoc, warning
from ..resolve.mentions import whole_word
from ..model.dates import FuzzyDate
from ..pages.derived import reporting, sources_about
from ..resolve.resolved import Resolved

EARLIEST_PUBLICATION = date(1990, 1, 1)  # before it, a publication date is more likely a typo


def _count_words(resolved: Resolved, words: set[str]) -> Counter:
    """How often each of the words occurs, as a whole word written just so, in the texts:
    one Aho-Corasick scan per text, so the cost does not grow with the number of words."""
    counts: Counter = Counter()
    if not words:
        return counts
    automaton = ahocorasick.Automaton()
    for word in words:
        automaton.add_word(word, word)
    automaton.make_automaton()
    for article in resolved.articles.values():
        text = article.raw_text
        for end, word in automaton.iter(text):
            if whole_word(text, end - len(word) + 1, end + 1):
                counts[word] += 1
    return counts


def _fact_words(path: tuple) -> str:
    return f"'{path[0]}' item {path[1] + 1}" if len(path) > 1 else f"'{path[0]}'"


OLD_FORMAT_AT = 10  # uncited key facts from which check says once what changed and what helps


def _unchecked_suggestions(resolved: Resolved) -> list[Diagnostic]:
    """A warning for each citation `dossier suggest --write` wrote that is still marked: the
    curator has not checked it yet (`--strict` fails until each mark is deleted)."""
    return [warning("unchecked-suggestion", "a citation `dossier suggest` proposed: check that the quote "
                    "says what the fact says, then delete the comment", SourceLoc(info.doc.file, n, 1))
            for info in resolved.entities.values() for n in info.doc.marked]


def old_format_note(diagnostics: list[Diagnostic]) -> str | None:
    """One line for a dossier written before key facts cited their sources: many facts
    without a citation, and the command that proposes them."""
    uncited = sum(d.code == "uncited-fact" for d in diagnostics)
    if uncited < OLD_FORMAT_AT:
        return None
    return (f"{uncited} key facts cite no source: since 0.1 a key fact (an event's date, places and "
            "participants, a place's 'within', a role...) cites the article that states it "
            "(CONTRIBUTING.md, 'Cite the key facts'); run `dossier suggest` to have citations "
            "proposed from your articles, and `dossier suggest --write` to write them in")


def lint(resolved: Resolved, single_source: bool = False, today: date | None = None) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    referenced: set[str] = set()  # entities another sheet points to (roles, places, about, ...)
    for info in resolved.entities.values():
        for _, value, mark in info.refs:
            target = resolved.ref(value) if mark.kinds != ("sources",) else info.id
            if target != info.id:  # a sheet pointing at itself does not count
                referenced.add(target)

    for info in resolved.entities.values():
        if not info.claims and info.id not in referenced:
            found.append(warning("uncited-entity", f"nothing cites '{info.sheet.name}': it has no "
                                 "claim and no other sheet refers to it; add a claim with a quote, "
                                 "or remove the sheet", info.doc.loc(("name",))))

    for source_id, article in resolved.articles.items():
        if not article.highlights:
            found.append(warning("uncited-source", f"no claim cites source '{source_id}'; quote it "
                                 "in a claim, or remove it", article.doc.loc(("id",))))
        if article.source.url and not article.source.archived:
            found.append(warning("unarchived-source", f"source '{source_id}' has an address and no archived "
                                 "copy: pages change and vanish; save it in a web archive (web.archive.org/save) "
                                 "and list the copy under 'archived: [{url: ..., date: ...}]'",
                                 article.doc.loc(("url",))))

    if single_source:
        for info in resolved.entities.values():
            naming = {source_id for source_id, _ in info.mentions}
            disputed = {claim for d in info.disagreements for _, claims in d.values for claim in claims}
            for claim in info.claims:  # a side of a disagreement already has its other sources
                others = naming - set(claim.source_ids)
                if len(claim.source_ids) == 1 and others and claim not in disputed:
                    found.append(warning(
                        "single-source", f"this claim cites one source, while {len(others)} other "
                        f"source{'s' if len(others) != 1 else ''} also name{'s' if len(others) == 1 else ''} "
                        f"'{info.sheet.name}' ({', '.join(sorted(others))}); check whether they "
                        "confirm or contradict it", info.doc.loc(("claims", claim.number - 1))))

    for info in resolved.entities.values():
        for path in info.sheet.key_facts():
            if path not in info.facts:
                found.append(warning(
                    "uncited-fact", f"{_fact_words(path)} of '{info.sheet.name}' cites no source: write it "
                    "as {value: ..., cite: [{source: ..., quote: ...}]} (a role or coordinates take "
                    "'cite:' among their fields), or cite an external reference (url, wikidata or "
                    "geonames, with a note) if no article states it", info.doc.loc(path)))

    for info in resolved.entities.values():
        for d in info.disagreements:
            for i, j, kind, _ in d.pairs:
                if kind != "unclassified":
                    continue
                first = d.values[i][1][0]
                found.append(warning(
                    "unclassified-difference", f"the sources give different values for "
                    f"'{d.property}' ('{d.values[i][0]}' and '{d.values[j][0]}') and Dossier cannot tell "
                    "what kind of difference it is; add 'difference: conflict|scope|precision|wording|"
                    f"spelling' to one of its claims (for every pair of its values), or "
                    f"'difference: {{\"{d.values[j][0]}\": KIND}}' to this one",
                    info.doc.loc(("claims", first.number - 1))))

    found += _implausible_dates(resolved, today or date.today())
    found += _unchecked_suggestions(resolved)

    # Aliases that are also ordinary words: a one-word name does not link the word in lower
    # case (mentions.case_matches), but a reader's search ignores case.
    lower_words = _count_words(resolved, {alias.lower() for info in resolved.entities.values()
                                          for alias in info.sheet.aliases
                                          if " " not in alias and not alias.islower()})
    for info in resolved.entities.values():
        for i, alias in enumerate(info.sheet.aliases):
            word = alias.lower()
            if " " not in alias and not alias.islower() and lower_words[word] and alias not in info.sheet.exact_names:
                found.append(warning(
                    "common-word-alias", f"alias '{alias}' is also the common word '{word}' "
                    f"({lower_words[word]} times in the texts); searches for '{word}' will list "
                    f"'{info.sheet.name}'. Keep it only if readers know it by that name, and then list it in "
                    "'exact_names' to say so",
                    info.doc.loc(("aliases", i))))
    return found


def _implausible_dates(resolved: Resolved, today: date) -> list[Diagnostic]:
    """Dates that are possible but unlikely, each worth a second look: a source published
    after today or before EARLIEST_PUBLICATION (without a note), an event that starts after
    every source that reports it was published (unless its `date_note` says why: an event
    announced ahead), a claim's `as_of` after its sources."""
    found = []
    for source_id, article in resolved.articles.items():
        published = article.source.published
        if not published.known:
            continue
        if published.start > today:
            found.append(warning("published-after-today", f"source '{source_id}' is dated "
                                 f"{published.label}, after today ({today.isoformat()}); check the date",
                                 article.doc.loc(("published",))))
        elif published.end < EARLIEST_PUBLICATION and not article.source.published_note:
            found.append(warning("published-early", f"source '{source_id}' is dated {published.label}, "
                                 f"before {EARLIEST_PUBLICATION.year}; check the date, or say in "
                                 "'published_note' that it is right", article.doc.loc(("published",))))
    def latest(source_ids: set[str]) -> FuzzyDate | None:
        dates = [resolved.articles[s].source.published for s in source_ids]
        return max((d for d in dates if d.known), key=lambda d: d.end, default=None)

    about = sources_about(resolved)
    for info in resolved.by_kind("events"):
        when = info.sheet.date
        last = latest(reporting(info, about))
        if when.known and last is not None and when.start > last.end and not info.sheet.date_note:
            found.append(warning("event-after-sources", f"'{info.sheet.name}' is dated {when.label}, after "
                                 f"every source that reports it was published (the latest on {last.label}); "
                                 "check the date, cite a later source, or, for an event announced ahead, say "
                                 "so in 'date_note'", info.doc.loc(("date",))))
    for info in resolved.entities.values():
        for claim in info.claims:
            as_of = claim.claim.as_of
            if not as_of or not as_of.known:
                continue
            last = latest(claim.source_ids)
            if last is not None and as_of.start > last.end:
                found.append(warning("as-of-after-sources", f"this claim is 'as of' {as_of.label}, after its "
                                     f"sources were published (the latest on {last.label}); check the date",
                                     info.doc.loc(("claims", claim.number - 1, "as_of"))))
    return found
