"""The names an article mentions that the dossier does not know yet, for `dossier new-source`.

No named-entity model is used: spaCy's English models are not on PyPI (`pip download
en_core_web_sm` finds nothing), and Stanza and Flair download theirs at run time. Candidate
names come from a documented heuristic instead, measured on the bundled articles
(`bench/new_source_recall.py`, `tests/test_newsource.py`):

1. Each line is read on its own (headlines and captions often end without a full stop).
   A short line in Title Case with no full stop (a headline) is skipped: its names
   recur in the text.
2. A name is a run of capitalised words (also "al-Sahaf" and acronyms; a word in capitals
   such as "US" is an abbreviation, not the pronoun "us", unless its whole line is in
   capitals); "of", "for", "the", "&" and name particles may join two of them ("Office of
   the Prime Minister", "Harlow & Finch", "Anneke van der Berg"), and a number may end one
   ("Natura 2000"). A possessive ends a run ("Iraq's Foreign Ministry" gives "Iraq" and
   "Foreign Ministry") except after such a joining word ("Center for Children's Health") or
   a saint ("St Aldhelm's Church"); a lower-case tail after a hyphen is cut ("Islamic
   State-linked" gives "Islamic State").
3. A run joined by "of"/"for"/"the" is split when only its second part has a word for an
   organisation or place ("Zarema Mukusheva of the Grozny Children Foundation"); a body
   that ends with a place is listed with the place as well ("Ministry of Health of the
   Republic of Kavaria" also gives "Republic of Kavaria").
   Leading function words, months, weekdays, numbers in words and, at the start of a
   sentence, words the texts also write in lower case ("More") are dropped. Titles before
   a name are dropped and mark a person ("Russian President Vladimir Putin" gives
   "Vladimir Putin"); a run of titles only is no name. An adjective before an acronym is
   dropped ("Russian IS"); an acronym before a personal name is split off ("UN Gennady
   Kuzmin"), unless the run holds a word for an organisation or place ("UN Security
   Council").
4. Up to three lower-case words ending in such a word complete a name, which is then
   listed as well ("Zhukovsky airport", "Russian emergency situations ministry"). A body
   written in lower case after "the" is a candidate organisation ("the interior ministry",
   "the state prosecutor"). Web addresses outside links are names too ("deti.gov.ru").
5. Demonyms and adjectives are listed apart with what they point at, not as names: a
   country's demonym ("French", "Russians", from the `countryinfo` package: gazetteer.py),
   a belief ("Sunni"), a direction ("Western"), or a name of the text with an adjective's
   ending ("Kavarian" of "Kavaria", "Chechen" of "Chechnya"). A single word that is the
   last word of exactly one longer name is counted with it and shown as a possible alias
   ("Kuzmin" with "Gennady Kuzmin").
6. Names the dossier knows (names and aliases, found as the site finds mentions) are
   listed as known; a spelling variant of one ("Kadyroff", "Abdel Mahdi", "Kuznestova":
   variants.py, with RapidFuzz) is listed as probably that entity, to add as an alias. The
   rest are ranked by how often they occur, then by first occurrence, each with a kind and
   the reason for it: the name's own words ("Ministry"), a country or capital in the
   gazetteer, or its neighbours ("said", a title, an age, "in", "the village of", a
   dateline, its last word standing alone for it); "?" when nothing points either way.
   Single words seen only at the start of a sentence are listed apart, as perhaps not
   names, unless the gazetteer knows them ("Qatar").

Measured on the bundled articles (`bench/new_source_recall.py`) and on ten held-out
articles written for the purpose and never tuned on (`bench/heldout_names.py`).

This module cuts the runs of capitalised words into names (step 3), completes them (step 4),
tells their kind, folds adjectives and last names into them and ranks them (steps 5 and 6).
The shape of words and lines (the word lists, tokens, capitalisation, acronyms, titles,
fillers, headlines, the runs themselves: steps 1 and 2) is words.py's; what an adjective
points at, adjectives.py's.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from ..resolve.article import Paragraph
from .gazetteer import gazetteer
from .adjectives import _adjective_of, _by_prefix, _phrase_adjective_of
from .words import (_ADJECTIVE_ENDINGS, CONNECTORS, FUNCTION_WORDS, INSTITUTIONS, ORG_WORDS, PLACE_WORDS,
                    TITLE_WORDS, _PARTICLE, _acronym, _bare, _capitalised, _is_filler, _is_title, _runs,
                    _title_case, _tokens)
from ..resolve.mentions import MentionFinder
from ..resolve.resolved import name_key

PARTICLES = CONNECTORS - {"of", "for", "the", "on"}  # inside a personal name: "Anneke van der Berg"
# a word for what a person does, before the name: "historian", "spokesman", "executive", "author"
_ROLE_NOUN = re.compile(r"[a-z]{3,}(?:ist|ian|man|woman|person|ive|or)")
_AGE = re.compile(r",\s*\d{1,3}\s*,")  # a person's age after the name

PERSON_BEFORE = TITLE_WORDS | set("""
mr mrs ms miss dr sir lawyer activist journalist reporter correspondent analyst expert official
officer mother father son daughter wife husband widow brother sister
""".split())
PERSON_AFTER = {"said", "says", "told", "added", "wrote", "stated", "explained", "noted"}
PLACE_BEFORE = {"in", "from", "to", "at", "near", "into", "outside", "across"}
_DOMAIN = re.compile(r"(?<![\w@/.-])(?:[a-z0-9-]+\.)+(?:[a-z]{2,6})(?![\w/.-])")


@dataclass
class Candidate:
    name: str
    count: int = 0
    first: int = 0  # order of first occurrence
    inside: int = 0  # occurrences not at the start of a sentence
    line: int = 0  # first line in the file
    variants: Counter = field(default_factory=Counter)  # shorter forms counted with it
    hints: Counter = field(default_factory=Counter)  # person/place/organization evidence
    reasons: dict = field(default_factory=dict)  # kind -> the first evidence for it, for readers
    adjective_of: str | None = None  # "American": a demonym or adjective, of this name
    probably: tuple[str, str] | None = None  # (entity id, its name as written): a spelling variant of it

    @property
    def guess(self) -> tuple[str, str]:
        """The kind of entity the name likely is, and why: its own words first, then a
        gazetteer, then its neighbours in the text; "?" when nothing points either way."""
        words = [w.lower() for w in self.name.split()]
        if _DOMAIN.fullmatch(self.name):
            return "website", "a web address"
        if "&" in words:
            return "organization", "'&' in the name"
        # the head decides: the words before "of" ("Bank of the Republic"), else the last word
        cut = next((k for k, w in enumerate(words) if k and w in ("of", "for")), len(words))
        for word in [*reversed(words[:cut]), *reversed(words[cut:])]:
            if _bare(word) in ORG_WORDS and not (word in PLACE_WORDS and self.hints["place"]):
                return "organization", f"the word '{_bare(word)}'"
            if _bare(word) in PLACE_WORDS:
                return "place", f"the word '{_bare(word)}'"
        known = gazetteer().places.get(name_key(self.name))
        if known:
            return "place", known
        if self.hints:
            kind, n = self.hints.most_common(1)[0]
            if n * 2 >= sum(self.hints.values()):
                return kind, self.reasons[kind]
        if _acronym(self.name):
            return "organization", "an acronym"
        if any(w in PARTICLES for w in words[1:-1]) or any(_PARTICLE.match(w) for w in self.name.split()[1:]):
            return "person", "a name particle"
        return "?", "nothing points either way"

    @property
    def kind(self) -> str:
        return self.guess[0]

    def hint(self, kind: str, reason: str) -> None:
        self.hints[kind] += 1
        self.reasons.setdefault(kind, reason)

    @property
    def total(self) -> int:
        return self.count + sum(self.variants.values())

    @property
    def uncertain(self) -> bool:
        """One word, only ever at the start of a sentence: perhaps just a capitalised word."""
        return (not self.inside and " " not in self.name and not _acronym(self.name)
                and name_key(self.name) not in gazetteer().places)  # a country is a name wherever it stands

    @property
    def listed(self) -> bool:
        """Shown in the checklist as a candidate name (the others are shown apart)."""
        return not self.uncertain and self.adjective_of is None and self.probably is None


def _extend(words, j: int, text: str) -> int:
    """Up to three lower-case words that complete a name with a word for an organisation or
    place: "Zhukovsky airport", "Russian emergency situations ministry", "Baghdad's
    international airport". The new end index (j if none)."""
    end = j
    for k in range(j, min(j + 3, len(words))):
        if text[words[k - 1][2]:words[k][1]].strip() or words[k - 1][3]:
            break
        word = words[k][0]
        if not word.islower() or word in FUNCTION_WORDS:
            break
        if word in ORG_WORDS or word in PLACE_WORDS:
            end = k + 1
    return end


def _pieces(words, i: int, j: int, sentence_start: bool, common: set[str], shouting: bool = False):
    """The names in a run: (first index, end index, why it is a person or "")."""
    start = i
    while i < j and (_is_filler(words[i][0], shouting) or (i == start and sentence_start and not _acronym(words[i][0])
                                                             and _bare(words[i][0]).lower() in common)):
        i += 1
    while j > i and _is_filler(words[j - 1][0], shouting):
        j -= 1
    if i >= j:
        return
    titles = [k for k in range(i, j) if _is_title(words[k][0])]
    names = [w[0] for w in words[i:j]]
    lowered = {_bare(n).lower() for n in names}
    of = next((k for k in titles if k + 1 < j and words[k + 1][0] in CONNECTORS), None)
    if of is not None:  # "President of the Republic of Kavaria Karel Novak": the body, then the person
        yield from _title_of(words, of, j)
        return
    if titles and titles[-1] < j - 1 and not lowered & ORG_WORDS:
        yield titles[-1] + 1, j, "a title before it"  # "Russian President Vladimir Putin": the person
        return
    if len(titles) == j - i:
        return  # only titles: "Deputy Permanent Representative"
    if len(names) >= 2 and _acronym(names[-1]) and names[0].endswith(_ADJECTIVE_ENDINGS) \
            and not _acronym(names[0]):
        yield j - 1, j, ""  # "Russian IS": the acronym
        return
    joins = [k for k in range(i + 1, j - 1) if words[k][0] in CONNECTORS]
    purpose = any(words[k][0] == "to" for k in range(i + 1, j - 1))  # "Coalition to Defeat ..."
    if joins:  # "Zarema Mukusheva of the Grozny Children Foundation": a person, then a body
        before = {_bare(w[0]).lower() for w in words[i:joins[0]]}
        after = {_bare(w[0]).lower() for w in words[joins[-1] + 1:j]}
        if not before & (ORG_WORDS | PLACE_WORDS) and after & (ORG_WORDS | PLACE_WORDS):
            yield i, joins[0], f"'{words[joins[0]][0]}' and a body after it"
            yield joins[-1] + 1, j, ""
            return
        # "Ministry of Health of the Republic of Kavaria": the body, and the place it ends with
        # (the shortest tail after a joining word that names a place)
        for k in range(j - 1, i + 1, -1):
            if words[k - 1][0] in CONNECTORS and words[k][0] not in CONNECTORS and _capitalised(words[k][0]):
                tail = [w[0] for w in words[k:j]]
                place = ({_bare(w).lower() for w in tail} & PLACE_WORDS and len(tail) > 1) \
                    or name_key(" ".join(tail)) in gazetteer().places
                if place and k > i + 1:
                    yield i, j, ""
                    yield k, j, ""
                    return
    bodies = [k for k in range(i, j) if _bare(words[k][0]).lower() in ORG_WORDS | PLACE_WORDS]
    if bodies and j - bodies[-1] > 2 and not joins and not purpose and \
            not any(_acronym(w[0]) or _bare(w[0]).lower() in ORG_WORDS | PLACE_WORDS
                    for w in words[bodies[-1] + 1:j]):
        person = bodies[-1] + 1  # "NSC Department Ilya Brod": the body, then the person
        while person < j - 1 and _is_title(words[person][0]):
            person += 1  # "Foreign Ministry Spokesman Maria Zakharova"
        yield i, bodies[-1] + 1, ""
        yield person, j, "a body before it"
        return
    if (len(names) > 2 and _acronym(names[0]) and not lowered & (ORG_WORDS | PLACE_WORDS)
            and all(not _acronym(n) for n in names[1:])):
        yield i, i + 1, ""  # "UN Gennady Kuzmin"
        yield i + 1, j, "an organisation's acronym before it"
        return
    yield i, j, ""


def _body_word(words, k: int) -> bool:
    word = _bare(words[k][0])
    return _acronym(word) or word.lower() in ORG_WORDS | PLACE_WORDS or name_key(word) in gazetteer().places


def _title_of(words, t: int, j: int):
    """A title followed by what it is the title of, then perhaps a person: "Head of State
    Karel Novak", "President of the Republic of Kavaria Karel Novak", "Deputy Head of the NSC
    Department Ilya Brod", "Minister of Foreign Affairs Ivan Petrov". The body is the words
    after the title's last joining word that are words for a body or a place, acronyms or
    places of the gazetteer, and the word that follows "Republic of" or "Ministry of"; else
    its first word when three or more follow (a personal name is the rest), else all of
    them. The body is listed unless it is one word for a body ("of State"); the rest is the
    person, with the title as the reason."""
    k = t + 1
    while k < j and words[k][0] in CONNECTORS:
        k += 1
    joins = [m for m in range(k, j) if words[m][0] in CONNECTORS]
    tail = joins[-1] + 1 if joins else k
    chain = tail - 1
    while chain > k and words[chain - 1][0] in CONNECTORS:
        chain -= 1
    end = tail
    if joins and _bare(words[chain - 1][0]).lower() in ORG_WORDS | PLACE_WORDS:
        end = tail + 1  # "Republic of Kavaria": one word after it
    while end < j and (_body_word(words, end) or (end + 1 < j and _body_word(words, end + 1)
                                                  and not _body_word(words, end - 1))):
        end += 1  # "NSC Department", "Foreign Affairs"
    for size in (3, 2):  # a place of the gazetteer in more than one word: "United States"
        if end == tail and tail + size <= j and \
                name_key(" ".join(w[0] for w in words[tail:tail + size])) in gazetteer().places:
            end = tail + size
    if end == tail:
        end = tail + 1 if j - tail >= 3 else j
    end = min(end, j)
    single_word = end - k == 1 and _bare(words[k][0]).lower() in ORG_WORDS | PLACE_WORDS  # "of State"
    if not single_word and (end - k > 1 or end == j or name_key(words[k][0]) in gazetteer().places
                            or _acronym(words[k][0])):
        yield k, end, ""
    if end < j:
        yield end, j, "a title before it"


def find_candidates(paragraphs: list[Paragraph], known: MentionFinder, common: set[str],
                    known_keys: dict[str, str]) -> tuple[list[Candidate], list]:
    """Ranked candidate names not in the dossier, and the known mentions."""
    mentions = known.find(paragraphs)
    covered: dict[int, list[tuple[int, int]]] = {}
    for m in mentions:
        covered.setdefault(m.paragraph, []).append((m.start, m.end))
    found: dict[str, Candidate] = {}

    def add(name: str, index: int, start: int, end: int, before: str, after: str, titled: str,
            initial: bool = False, dateline: bool = False, institution: bool = False,
            place_of: str = "") -> None:
        if len(name) < 2 or any(s <= start and end <= e for s, e in covered.get(index, [])):
            return  # a name the dossier knows
        key = name_key(name)
        if key in known_keys:
            return
        cand = found.get(key)
        if cand is None:
            cand = found[key] = Candidate(name, first=len(found), line=paragraphs[index].line)
        elif cand.name.isupper() and not name.isupper():
            cand.name = name  # "VARDA" in a dateline, "Varda" in the text: shown as the text writes it
        cand.count += 1
        cand.inside += not initial
        if titled:
            cand.hint("person", titled)
        elif after in PERSON_AFTER:
            cand.hint("person", f"'{after}' after it")
        elif before in PERSON_BEFORE:
            cand.hint("person", f"'{before}' before it")
        elif _ROLE_NOUN.fullmatch(before) and before not in FUNCTION_WORDS:
            cand.hint("person", f"'{before}' before it")  # "historian Desmond McAllister"
        elif after == "age":
            cand.hint("person", "an age after it")
        elif before in PLACE_BEFORE:
            cand.hint("place", f"'{before}' before it")
        elif dateline:
            cand.hint("place", "a dateline")
        elif place_of:
            cand.hint("place", f"'{place_of}' before it")
        elif institution:
            cand.hint("organization", "a body written in lower case")

    for index, paragraph in enumerate(paragraphs):
        text = paragraph.norm.text
        words = _tokens(text)
        if _title_case(words, text) and not re.fullmatch(r"\[[^\]]+\]", text.strip()):
            continue  # a headline in Title Case: its names recur in the text (a credit in brackets is none)
        letters = [w[0] for w in words if w[0][0].isalpha()]
        shouting = sum(w.isupper() for w in letters) > 0.6 * len(letters)  # a line in capitals
        for run_start, run_end, sentence_start in _runs(words, text):
            for i, j, titled in _pieces(words, run_start, run_end, sentence_start, common, shouting):
                end = _extend(words, j, text) if j == run_end else j
                if end > j:  # with the lower-case words that complete it
                    name = text[words[i][1]:words[end - 1][2]]
                    add(name, index, *paragraph.span(words[i][1], words[end - 1][2]),
                        words[i - 1][0].lower() if i else "", "", titled, sentence_start and i == run_start)
                name = text[words[i][1]:words[j - 1][1]] + _bare(words[j - 1][0])
                # "ERBIL, Kurdistan Region - ...": a place in capitals opening a report
                dateline = i == 0 and _acronym(name) and text[words[j - 1][2]:].startswith((",", " -"))
                after = words[j][0].lower() if j < len(words) else ""
                if _AGE.match(text[words[j - 1][2]:]):
                    after = "age"  # "Tomasz Wielgosz, 58, had ..."
                # "the village of Marrow Bridge", "in the capital, Varda": a word for a place before it
                gap = text[words[i - 2][2]:words[i][1]] if i >= 2 else ""
                place_of = (f"{words[i - 2][0]} {words[i - 1][0]}" if i >= 2 and words[i - 1][0] == "of"
                            and words[i - 2][0].lower() in PLACE_WORDS else
                            words[i - 1][0] if i >= 1 and words[i - 1][0].lower() in PLACE_WORDS
                            and text[words[i - 1][2]:words[i][1]].strip() == "," else "")
                add(name, index, *paragraph.span(words[i][1], words[j - 1][2]),
                    words[i - 1][0].lower() if i else "", after, titled,
                    sentence_start and i == run_start, dateline, place_of=place_of if "." not in gap else "")
        # bodies written in lower case after "the" or "of": "the interior ministry", "the state
        # prosecutor", "head of national security committee"
        for k, word in enumerate(words):
            if word[0].lower() not in ("the", "of") or k + 2 >= len(words):
                continue
            end = k + 1
            while end < min(k + 4, len(words)) and words[end][0].islower() \
                    and words[end][0] not in FUNCTION_WORDS and words[end][0] not in INSTITUTIONS \
                    and not text[words[end - 1][2]:words[end][1]].strip():
                end += 1
            if end > k + 1 and end < len(words) and words[end][0] in INSTITUTIONS \
                    and not text[words[end - 1][2]:words[end][1]].strip():
                add(text[words[k + 1][1]:words[end][2]], index, *paragraph.span(words[k + 1][1], words[end][2]),
                    "the", "", "", institution=True)
            # "the government of Kavaria": an institution of a place, named by it
            elif word[0].lower() == "the" and words[k + 1][0] in INSTITUTIONS and k + 3 < len(words) \
                    and words[k + 2][0] == "of" and _capitalised(words[k + 3][0]) \
                    and not any(text[words[m][2]:words[m + 1][1]].strip() for m in range(k, k + 3)):
                last = k + 3
                while last + 1 < len(words) and _capitalised(words[last + 1][0]) \
                        and not text[words[last][2]:words[last + 1][1]].strip():
                    last += 1
                add(text[words[k + 1][1]:words[last][2]], index,
                    *paragraph.span(words[k + 1][1], words[last][2]), "the", "", "", institution=True)
        for m in _DOMAIN.finditer(text):
            add(m.group(), index, *paragraph.span(m.start(), m.end()), "", "", "")
    return _merge(found, known_keys), mentions


def _merge(found: dict[str, Candidate], known_names: dict[str, str]) -> list[Candidate]:
    """Fold adjectives and last names into the names they belong to; rank."""
    keys = set(found) | set(known_names)
    names = {**known_names, **{k: c.name for k, c in found.items()}}  # key -> the name as written
    by_last: dict[str, list[Candidate]] = {}
    for cand in found.values():
        parts = cand.name.split()
        if len(parts) > 1:
            by_last.setdefault(name_key(parts[-1]), []).append(cand)
    result = []
    places = gazetteer().places
    prefixes = _by_prefix(keys | set(places))  # built once: a look-up per candidate, not a scan
    for key, cand in found.items():
        short = found.get(name_key(cand.name[:-len(" group")])) if cand.name.endswith(" group") else None
        if short is None and "-" in cand.name:  # "Islamic-State" where the text also has "Islamic State"
            spaced = found.get(name_key(cand.name.replace("-", " ")))
            short = spaced if spaced is not cand else None
        if short is not None:  # "Islamic State group" is how wires write "Islamic State"
            short.variants[cand.name] += cand.count
            short.inside += cand.inside
            continue
        if " " in cand.name:
            of = _phrase_adjective_of(cand.name, keys, places, names, prefixes)
            if of is not None:  # "Central Asian", "Middle Eastern", "Syrian city": not names
                cand.adjective_of = of
                result.append(cand)
                continue
        if " " not in cand.name and not _acronym(cand.name):
            of = _adjective_of(key, keys, places, names, prefixes)
            if of is not None:
                cand.adjective_of = of  # "Russian" of "Russia", "French" of France: listed apart
                result.append(cand)
                continue
            longer = [c for c in by_last.get(key, [])
                      if c.name.split()[-2:-1] != ["of"]]  # a place is no last name of "government of X"
            if len(longer) == 1:
                if not {_bare(w).lower() for w in longer[0].name.split()} & (ORG_WORDS | PLACE_WORDS):
                    longer[0].hint("person", "its last word alone stands for it")  # "Olsen said"
                longer[0].variants[cand.name] += cand.count
                longer[0].inside += cand.inside
                longer[0].hints.update(cand.hints)
                for kind, reason in cand.reasons.items():
                    longer[0].reasons.setdefault(kind, reason)
                continue
        result.append(cand)
    return sorted(result, key=_rank)


def _rank(c: Candidate) -> tuple:
    return (c.uncertain, -c.total, c.first)
