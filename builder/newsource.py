"""`dossier new-source`: a draft source sheet and a checklist for a new article text.

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
"""

from __future__ import annotations

import re
from collections import Counter
import datetime
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from dateutil import parser as date_parser
from slugify import slugify

from .article import Paragraph, normalise, split_paragraphs
from .inputs import MAX_SEED_BYTES, InputError, read_text
from .outputs import link_on_the_way
from .errors import DossierError, SourceLoc, display_path, error
from .load import load_dossier
from .mentions import MentionFinder
from .model import ID_PATTERN
from .gazetteer import BELIEFS, gazetteer
from .variants import VariantFinder
from .resolve import name_key

# Words that may join two capitalised words inside one name.
CONNECTORS = {"of", "for", "the", "de", "del", "della", "da", "di", "van", "von", "der", "den",
              "bin", "ibn", "al", "el", "le", "la", "du", "on"}
PARTICLES = CONNECTORS - {"of", "for", "the", "on"}  # inside a personal name: "Anneke van der Berg"
DIRECTIONS = {"western", "eastern", "northern", "southern", "central"}  # "Western" powers: not a name
SAINTS = {"st", "st.", "saint", "ste", "sainte", "san", "santa", "sao"}  # "St Aldhelm's Church" is one name
# Heads of institutions that texts write in lower case: "the interior ministry", "the state
# prosecutor". With a word before them and "the" before that, they name one body.
INSTITUTIONS = {"ministry", "prosecutor", "prosecution", "authority", "police", "court", "government",
                "parliament", "army", "embassy", "judiciary", "council", "commission", "agency",
                "administration", "inspectorate", "regulator", "ombudsman"}
# Name particles written in lower case and joined to the name by a hyphen: al-Sahaf.
_PARTICLE = re.compile(r"^(?:al|el|ad|ar|as|ash|at|az|bin|ibn|abu|bint|d|l)-[A-Z]")
_WORD = re.compile(r"[^\W\d_](?:[\w'.-]*\w)?|\d+(?:[.,:/-]\d+)*")
_SENTENCE_END = re.compile(r"[.!?:;\"')\]]$")
# a word for what a person does, before the name: "historian", "spokesman", "executive", "author"
_ROLE_NOUN = re.compile(r"[a-z]{3,}(?:ist|ian|man|woman|person|ive|or)")
_AGE = re.compile(r",\s*\d{1,3}\s*,")  # a person's age after the name

FUNCTION_WORDS = set("""
a an the this that these those there here it its he she his her hers they them their we our
us you your i my me who whom whose which what when where why how while after before during
since until in on at by for from to of with without about against between into through
over under above below and or but nor so yet if then than as also not no yes all any both
each every either neither some many more most much few several such other another same
only own just very too again once further however meanwhile although though because
unless whether despite according among around amid near per via is are was were be been
being has have had do does did will would shall should can could may might must said says
mr mrs ms miss dr sir madam mister prof
""".split())
TITLE_WORDS = set("""
president prime minister deputy vice chairman chairwoman chair secretary general spokesman
spokeswoman spokesperson ambassador senator governor mayor king queen prince princess sheikh
commander colonel lieutenant captain major sergeant judge justice leader chief head
director editor ombudsman ombudswoman commissioner representative permanent envoy foreign
interior defence defense pope bishop imam cardinal
""".split())
MONTHS_AND_DAYS = set("""
january february march april may june july august september october november december
monday tuesday wednesday thursday friday saturday sunday
""".split())
ORG_WORDS = set("""
ministry ministries council office commission committee agency service services group party
army forces force court courts nations union bank company corporation organization
organisation institute university center centre foundation front brigade brigades movement
news times post press association department government parliament assembly police
network channel tv radio media program programme fund society church mosque authority
administration embassy consulate caliphate state judiciary trust gazette herald
tribune journal
""".split())
PLACE_WORDS = set("""
airport region province republic city town village river mountains mountain street square
prison camp district county valley sea island islands lake desert border coast port station
oblast governorate territory peninsula
""".split())
NUMBER_WORDS = set("""
one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen
sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety
hundred hundreds thousand thousands million millions dozen dozens first second third
""".split())
PERSON_BEFORE = TITLE_WORDS | set("""
mr mrs ms miss dr sir lawyer activist journalist reporter correspondent analyst expert official
officer mother father son daughter wife husband widow brother sister
""".split())
PERSON_AFTER = {"said", "says", "told", "added", "wrote", "stated", "explained", "noted"}
PLACE_BEFORE = {"in", "from", "to", "at", "near", "into", "outside", "across"}
_ADJECTIVE_ENDINGS = ("n", "an", "ian", "i", "ese", "ish", "ic")
_DOMAIN = re.compile(r"(?<![\w@/.-])(?:[a-z0-9-]+\.)+(?:[a-z]{2,6})(?![\w/.-])")


def _capitalised(word: str) -> bool:
    return (word[:1].isupper() or bool(_PARTICLE.match(word))) and not word[:1].isdigit()


def _acronym(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _bare(word: str) -> str:
    """A word without a possessive ending."""
    if word.endswith("'s") and len(word) > 2:
        return word[:-2]
    if word.endswith("s'") and len(word) > 2:
        return word[:-1]
    return word


def _is_title(word: str) -> bool:
    return any(part in TITLE_WORDS for part in _bare(word).lower().split("-"))


def _is_filler(word: str, shouting: bool = False) -> bool:
    """Not a name on its own: function words, months, weekdays, numbers in words. A word in
    capitals is an abbreviation ("US", "UN"), not a pronoun, unless the line is in capitals."""
    if _acronym(word) and not shouting:
        return False
    lower = _bare(word).lower()
    return (lower in FUNCTION_WORDS or lower in CONNECTORS or lower in MONTHS_AND_DAYS
            or all(part in NUMBER_WORDS for part in lower.split("-")))


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


@dataclass
class Known:
    entity_id: str
    kind: str
    name: str
    count: int
    forms: Counter


def _tokens(text: str) -> list[tuple[str, int, int, bool]]:
    """Words of a line: (word, start, end, ends a name). A lower-case tail after a hyphen is
    cut off and ends the name: "Islamic State-linked" gives "Islamic State"."""
    tokens = []
    for m in _WORD.finditer(text):
        word, start, end = m.group(), m.start(), m.end()
        head, _, tail = word.rpartition("-")
        if head and _capitalised(head) and tail.isalpha() and tail.islower():
            tokens.append((head, start, start + len(head), True))
        else:
            tokens.append((word, start, end, False))
    return tokens


def _title_case(words, text: str) -> bool:
    """A headline in Title Case: a short line, not ending as a sentence does, whose words are
    nearly all capitalised (a sentence dense with names is not one)."""
    content = [w[0] for w in words if w[0][0].isalpha() and w[0].lower() not in FUNCTION_WORDS]
    return (4 <= len(content) and len(words) <= 20 and not text.endswith((".", "!", "?", '"'))
            and sum(_capitalised(w) for w in content) >= 0.8 * len(content))


def _runs(words: list[tuple[str, int, int, bool]], text: str):
    """Runs of capitalised words: (first index, end index, at a sentence start)."""

    def joined(k: int) -> bool:  # nothing but a space (or "&": "Harlow & Finch") between word k-1 and word k
        return text[words[k - 1][2]:words[k][1]].strip() in ("", "&")

    i = 0
    while i < len(words):
        if not _capitalised(words[i][0]):
            i += 1
            continue
        sentence_start = i == 0 or bool(_SENTENCE_END.search(text[:words[i][1]].rstrip()))
        j = i + 1
        has_connector = False
        saint = words[i][0].lower() in SAINTS
        while j < len(words) and not words[j - 1][3] and joined(j):
            prev = words[j - 1][0]
            if _bare(prev) != prev and not has_connector and not saint:
                break  # a possessive ends a name, except inside one: "Center for Children's Health"
            if _capitalised(words[j][0]):
                j += 1
                continue
            if words[j][0].isdigit() and len(words[j][0]) <= 4 and not _is_filler(prev) \
                    and not _DATE_WORD.fullmatch(prev):
                j += 1  # a number ends a name: "Natura 2000", "Apollo 11"
                break
            k = j  # connectors count only between two capitalised words
            while k < len(words) - 1 and words[k][0] in CONNECTORS and joined(k + 1):
                k += 1
            if k > j and _capitalised(words[k][0]):
                has_connector = True
                j = k
                continue
            break
        yield i, j, sentence_start
        i = j


_DATE_WORD = re.compile(r"(?i)jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec|\d+(?:st|nd|rd|th)")


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
    if (len(names) > 2 and _acronym(names[0]) and not lowered & (ORG_WORDS | PLACE_WORDS)
            and all(not _acronym(n) for n in names[1:])):
        yield i, i + 1, ""  # "UN Gennady Kuzmin"
        yield i + 1, j, "an organisation's acronym before it"
        return
    yield i, j, ""


def find_candidates(paragraphs: list[Paragraph], known: MentionFinder, common: set[str],
                    known_keys: dict[str, str] | set[str]) -> tuple[list[Candidate], list]:
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
        if _title_case(words, text):
            continue  # a headline in Title Case: its names recur in the text
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
        # bodies written in lower case after "the": "the interior ministry", "the state prosecutor"
        for k, word in enumerate(words):
            if word[0].lower() != "the" or k + 2 >= len(words):
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
        for m in _DOMAIN.finditer(text):
            add(m.group(), index, *paragraph.span(m.start(), m.end()), "", "", "")
    return _merge(found, known_keys if isinstance(known_keys, dict) else dict.fromkeys(known_keys, "")), mentions


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
    for key, cand in found.items():
        if " " not in cand.name and not _acronym(cand.name):
            of = _adjective_of(key, keys, places, names)
            if of is not None:
                cand.adjective_of = of  # "Russian" of "Russia", "French" of France: listed apart
                result.append(cand)
                continue
            longer = by_last.get(key, [])
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


def _adjective_of(key: str, keys: set[str], places: dict[str, str], names: dict[str, str]) -> str | None:
    """What a one-word candidate is an adjective of, if it is one: a country's demonym
    ("French"), a belief ("Sunni"), or a name in the text or the gazetteer with an
    adjective's ending added ("Kavarian" of "Kavaria", "Chechen" of "Chechnya")."""
    demonym = gazetteer().demonyms.get(key) or gazetteer().demonyms.get(key[:-1] if key.endswith("s") else "")
    if demonym:
        return demonym  # "French", "Russians"
    if key in BELIEFS:
        return "a belief"
    if key in DIRECTIONS:
        return "a direction"
    for ending in _ADJECTIVE_ENDINGS + ("en",):
        if key.endswith(ending) and len(key) - len(ending) >= 3:
            stem = key[:-len(ending)]
            if stem in keys or stem in places:
                return names.get(stem) or stem.title()
    if key.endswith(_ADJECTIVE_ENDINGS + ("en",)) and len(key) >= 6:
        # the same first five letters: "Chechen" and "Chechnya", "Kurdish" and "Kurdistan Region";
        # the shortest such name, which is the place rather than a longer name that starts with it
        near = sorted((len(other), other) for other in keys | set(places)
                      if other != key and other.split(" ")[0][:5] == key[:5] and len(other.split(" ")[0]) >= 5
                      and not other.split(" ")[0].endswith(_ADJECTIVE_ENDINGS + ("en",)))
        if near:
            return names.get(near[0][1]) or near[0][1].title()
    return None


def _rank(c: Candidate) -> tuple:
    return (c.uncertain, -c.total, c.first)


# --- the draft sheet ---------------------------------------------------------------

_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
          r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)")
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_DATE = re.compile(
    rf"\b(?:{_DAY}\s+(?:of\s+)?{_MONTH}\.?,?\s+\d{{4}}|{_MONTH}\.?\s+{_DAY},?\s+\d{{4}}"
    r"|\d{4}-\d{2}-\d{2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{4})\b")
# what else a date line may hold: "Wednesday, October 2nd, 2019", "Updated: ... 10:32 GMT"
_DATE_LINE_REST = re.compile(
    r"(?:mon|tues|wednes|thurs|fri|satur|sun)day|published|posted|updated|first|last|on|at|"
    r"\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?|[ap]\.?m\.?|gmt|utc|bst|cet|cest|msk|est|edt|pst|[a-z]{3,4}\+\d+|"
    r"[\s,.:;|()\-–—/]+", re.I)
_BYLINE = re.compile(r"By\s+[A-Z]")  # a byline with its date: "By Jane Doe | 5th of June 2018"
# a dated web address: https://example.org/news/2019/04/20/some-title
_URL_DATE = re.compile(r"https?://\S*?/((?:19|20)\d{2})/(\d{1,2})/(\d{1,2})/")
_CREDIT = re.compile(r"^\(?\s*(?:Source|Published|Posted|Updated|First published)\s*:?\s*", re.I)


@dataclass
class Detected:
    value: str | None
    line: int = 0
    text: str = ""

    def note(self, what: str) -> str:
        if self.value is None:
            return f"{what} not found in the text: write it, or 'unknown' with a note saying why"
        shown = "" if self.text == self.value else f' ("{self.text}")'
        return f"detected from line {self.line}{shown}: confirm"


def detect_title(lines: list[str]) -> Detected:
    """The first short line that is not a sentence, else the first line."""
    texts = [(n, line.strip()) for n, line in enumerate(lines, start=1) if line.strip()]
    for n, text in texts[:10]:
        if len(text.split()) <= 20 and not text.endswith(".") and not _DATE.fullmatch(text):
            return Detected(text, n, text)
    return Detected(texts[0][1], texts[0][0], texts[0][1]) if texts else Detected(None)


def detect_date(lines: list[str]) -> Detected:
    """A date on a line of its own (a date line, perhaps with its weekday and time) or in a
    credit line ("Source: ...; date"); else a date in a web address (/2019/04/20/)."""
    in_address = None
    for n, line in enumerate(lines, start=1):
        text = line.strip()
        match = _DATE.search(text)
        if not match:
            found = _URL_DATE.search(text)
            if found and in_address is None:
                try:
                    in_address = Detected(datetime.date(*map(int, found.groups())).isoformat(), n, text)
                except ValueError:
                    pass
            continue
        rest = text[:match.start()] + " " + text[match.end():]
        alone = not _DATE_LINE_REST.sub("", rest)  # "Wednesday, October 2nd, 2019", "30-12-2018 10:32 GMT"
        if alone or _CREDIT.match(text) or _BYLINE.match(text):
            try:
                parsed = date_parser.parse(match.group(), dayfirst=not re.match(_MONTH, match.group()), fuzzy=True)
            except (ValueError, OverflowError):
                continue
            return Detected(parsed.date().isoformat(), n, text)
    return in_address or Detected(None)


def detect_outlet(lines: list[str], known_outlets: set[str], title: Detected) -> Detected:
    """A credit line naming the source; a known outlet alone on a line near the top; or a
    short line of capitalised words between the headline and the text ("Harbour Gazette")."""
    for n, line in enumerate(lines, start=1):
        text = line.strip()
        if _CREDIT.match(text) and text.lstrip("(").lower().startswith("source"):
            outlet = _CREDIT.sub("", text).split(";")[0].strip(" )")
            if outlet:
                return Detected(outlet, n, text)
    # a photo or copyright credit names who took the picture or sells the copy, never the outlet
    head = [(n, line.strip()) for n, line in enumerate(lines[:10], start=1)
            if line.strip() and n != title.line and line.strip() != title.value
            and not _PHOTO_CREDIT.search(line) and not _COPYRIGHT.match(line.strip())]
    for n, text in head:
        if name_key(text) in known_outlets:
            return Detected(text, n, text)
        byline = _BY_OUTLET.match(text)  # "By Euronews with Reuters": an outlet the dossier knows
        if byline and name_key(byline.group(1)) in known_outlets:
            return Detected(byline.group(1), n, text)
    for n, text in head:
        words = text.split()
        if len(words) <= 4 and all(_capitalised(w) for w in words) and not _DATE.search(text) \
                and not re.search(r"[:.,;!?]", text):
            return Detected(text, n, text)
    return Detected(None)


# a dateline: a place in capitals, perhaps a date or an agency, then a dash
_DATELINE_PLACE = r"[A-Z][A-Z'.-]+(?:\s+[A-Z][A-Z'.-]+){0,3}(?:,\s*[^–—]{1,40}?)?"
_DATELINE = re.compile(rf"^{_DATELINE_PLACE}\s*[–—-]?$")
_DATELINE_OPENING = re.compile(rf"^({_DATELINE_PLACE})\s+[–—-]\s+\S")
_COPYRIGHT = re.compile(r"(?:©|\(c\)|copyright\b)", re.I)
_BY_OUTLET = re.compile(r"^By\s+(.+?)\s+with\s+\S")
_BYLINE_LINE = re.compile(r"^(?:By|Written by|Words by)\s+[A-Z][\w'.-]*(?:\s+[A-Z][\w'.-]*){0,3}\b")
_WIRE = re.compile(r"\bwith\s+([A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*){0,2})\s*$")  # "By Euronews with Reuters"
_CREDIT_ALONE = re.compile(r"^\(\s*([A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*){0,2})\s*\)$")  # "(AFP)" on its own line
_SOURCE_LINE = re.compile(r"^\(?\s*Source\s*:\s*([^;,()]+?)\s*(?:[;,].*)?\)?$", re.I)  # "Source: rt.com; ..."
_CAPTION_LINE = re.compile(r"^(?:Photo(?:graph)?|Caption|Image|Picture|Video|Pictured)\b\s*[:|–—-]", re.I)
# a photo credit at the start or the end of a line makes it a caption: "© deti.gov.ru",
# "Photo: PM office", "[file photo-Getty]", "(Photo by Lars Eide)"
_PHOTO_CREDIT = re.compile(r"©|\b(?:photo(?:graph)?|picture|image)s?\s*(?::|by\b)|\[[^\]]*\bphoto\b[^\]]*\]"
                           r"|\(\s*(?:file\s+)?photo\b[^)]*\)|\bgetty images\b", re.I)
_SENTENCE_CLOSE = re.compile(r"[.!?…\"'”’)\]]$")


@dataclass
class Lines:
    """What lines of the text are, beyond the article's paragraphs, each with the line that
    shows it (for "detected from line N: confirm")."""

    captions: list[int] = field(default_factory=list)
    bylines: list[int] = field(default_factory=list)
    via: Detected = field(default_factory=lambda: Detected(None))
    datelines: list[int] = field(default_factory=list)  # lines that are only a dateline
    opening: Detected = field(default_factory=lambda: Detected(None))  # a dateline opening a paragraph
    each_line: int = 0  # > 0: no blank lines between paragraphs (the first such line)
    truncated: int = 0  # > 0: the text ends mid-sentence (its last line)


def detect_lines(lines: list[str], furniture: set[int]) -> Lines:
    found = Lines()
    body = []
    for n, line in enumerate(lines, start=1):
        text = line.strip()
        if not text or n in furniture:
            continue
        credit = _PHOTO_CREDIT.search(text)
        if _CAPTION_LINE.match(text) or (credit and (credit.start() == 0 or credit.start() >= len(text) - 60)):
            found.captions.append(n)
            continue
        if _BYLINE_LINE.match(text) and len(text.split()) <= 12:
            found.bylines.append(n)
            wire = _WIRE.search(text)
            if wire and found.via.value is None:
                found.via = Detected(wire.group(1), n, text)
            continue
        if _DATELINE.match(text) and len(text.split()) <= 8:
            found.datelines.append(n)  # "MOSCOW, Dec 30 (Reuters) -" on its own line
            continue
        opening = _DATELINE_OPENING.match(text)
        if opening and found.opening.value is None:
            found.opening = Detected(opening.group(1), n, text)
        credit = _CREDIT_ALONE.match(text) or (_SOURCE_LINE.match(text) if len(text.split()) <= 12 else None)
        if credit:
            if found.via.value is None:
                found.via = Detected(credit.group(1).strip(), n, text)
            continue
        body.append(n)
    # paragraphs one per line: lines followed by another line with no blank line between,
    # nearly all of them whole sentences (a hard-wrapped paragraph breaks mid-sentence)
    text_lines = {n for n, line in enumerate(lines, start=1) if line.strip() and n not in furniture}
    pairs = [n for n in sorted(text_lines) if n + 1 in text_lines]
    whole = [n for n in pairs if _SENTENCE_CLOSE.search(lines[n - 1].strip()) and len(lines[n - 1].split()) >= 6]
    if len(whole) >= 2 and len(whole) >= 0.8 * len(pairs):  # hard-wrapped text breaks mid-sentence
        found.each_line = whole[0]
    if body:
        last = lines[body[-1] - 1].strip()
        if last[-1:].isalpha() and len(last.split()) >= 6:
            found.truncated = body[-1]  # a long last line that stops on a letter: cut off
    return found


def draft_sheet(seed_name: str, lines: list[str], known_outlets: set[str], language: str,
                taken_ids: set[str], source_id: str | None = None) -> tuple[str, str, dict[str, Detected]]:
    """The draft YAML text, its id and what was detected."""
    title = detect_title(lines)
    date = detect_date(lines)
    outlet = detect_outlet(lines, known_outlets, title)
    base = source_id or slugify(title.value or Path(seed_name).stem, max_length=60,
                                word_boundary=True) or "source"
    source_id, n = base, 2
    while source_id in taken_ids:
        source_id, n = f"{base}-{n}", n + 1
    # The headline (and its repeats), the outlet and date lines are not part of the article.
    furniture = sorted({n for n, line in enumerate(lines, start=1)
                        if title.value and line.strip() == title.value}
                       | {d.line for d in (outlet, date) if d.value and len(lines[d.line - 1].strip())
                          - len(d.value) < 40})

    def scalar(value: str | None) -> str:
        if value is None:
            return ""
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            return value  # a date, as the other sheets write it
        return yaml.safe_dump(value, width=10**6, allow_unicode=True).removesuffix("\n...\n").strip()

    found = detect_lines(lines, set(furniture))
    if found.via.value and outlet.value and name_key(found.via.value) == name_key(outlet.value):
        found.via = Detected(None)  # "Source: rt.com" named the outlet itself, not a wire
    confirm = lambda numbers: f"  # detected from line{'s' if len(numbers) > 1 else ''} {', '.join(map(str, numbers))}: confirm"  # noqa: E731
    extra = []
    if found.via.value:
        extra.append(f"via: {scalar(found.via.value)}  # {found.via.note('via')}")
    for field_name, numbers in (("captions", found.captions), ("bylines", found.bylines),
                                ("datelines", found.datelines)):
        if numbers:
            extra.append(f"{field_name}: [{', '.join(map(str, numbers))}]{confirm(numbers)}")
    if found.opening.value:
        extra.append(f"# line {found.opening.line} opens with a dateline, '{found.opening.value}': it stays "
                     "part of its paragraph")
    if found.each_line:
        extra.append(f"paragraphs: lines  # no blank lines between paragraphs (from line {found.each_line}): "
                     "one anchor per line; confirm")
    if found.truncated:
        extra.append(f"truncated: true  # the text stops mid-sentence at line {found.truncated}: confirm, "
                     "and say why in truncated_note")

    text = "\n".join([
        f"# Draft written by `dossier new-source` from seeds/{seed_name}.",
        "# Confirm every detected value, fill in the empty ones, then run `dossier check`.",
        f"id: {source_id}",
        f"title: {scalar(title.value)}  # {title.note('title')}",
        f"outlet: {scalar(outlet.value)}  # {outlet.note('outlet')}",
        f"published: {scalar(date.value)}  # {date.note('publication date')}",
        f"language: {language}",
        f"file: {scalar(seed_name)}",
        f"furniture: [{', '.join(map(str, furniture))}]  # lines that are not the article: add "
        "share buttons, credits",
        *extra,
        "# description: one or two sentences in your own words on what the article reports",
        "",
    ])
    roles = ({n: "caption" for n in found.captions} | {n: "byline" for n in found.bylines}
             | {n: "dateline" for n in found.datelines})
    return text, source_id, {"title": title, "outlet": outlet, "published": date, "via": found.via}, \
        (set(furniture), roles, bool(found.each_line))


# --- draft claims --------------------------------------------------------------------

_FIGURE = re.compile(r"\d|\b(?:" + "|".join(sorted(NUMBER_WORDS - {"first", "second", "third"})) + r")\b", re.I)
_WHEN = re.compile(rf"\b(?:{_MONTH}|(?:mon|tues|wednes|thurs|fri|satur|sun)day|yesterday|today)\b", re.I)
_SAID = re.compile(r"\b(?:said|says|told|added|stated|announced|confirmed|denied|warned|claimed|"
                   r"according to|quoted)\b|[\"“”«»]", re.I)


def draft_claims(text: str, source_id: str, furniture: set[int], roles: dict[int, str], each_line: bool,
                 names: dict[str, list[str]], candidates: list[Candidate]) -> str:
    """Commented-out draft claims for the sentences that state a figure, a date or what
    someone said: the quote copied exactly from the article as the sheet will split it
    (so it verifies once uncommented), the entities the sentence names, and a statement or
    a property and a value left for the curator."""
    paragraphs = split_paragraphs(text, furniture, each_line=each_line, roles=roles)
    mentions: dict[int, list] = {}
    for m in MentionFinder(names).find(paragraphs):
        mentions.setdefault(m.paragraph, []).append(m)
    new_names = [c.name for c in candidates if c.listed]
    out = []
    for index, paragraph in enumerate(paragraphs):
        starts = paragraph._sentence_starts
        for a, b in zip(starts, starts[1:]):
            sentence = paragraph.text[a:b].strip()
            if len(sentence.split()) < 4:
                continue
            what = [label for label, pattern in (("a figure", _FIGURE), ("a date", _WHEN), ("what someone said", _SAID))
                    if pattern.search(sentence)]
            if not what:
                continue
            about = sorted({m.entity_id for m in mentions.get(index, []) if a <= m.start and m.end <= b})
            named = [n for n in new_names if re.search(rf"(?<!\w){re.escape(n)}(?!\w)", sentence)]
            claim: dict = {"statement": ""}
            if about:
                claim["about"] = about
            claim["cite"] = [{"source": source_id, "quote": sentence}]
            block = yaml.safe_dump([claim], sort_keys=False, allow_unicode=True, width=10**6).rstrip()
            header = f"# line {paragraph.line} ({', '.join(what)})"
            if named:
                header += f"; names not yet in the dossier: {', '.join(named)}"
            out += ["#", header, *("# " + line for line in block.splitlines()),
                    "#   # or, instead of statement:  property: ...  value: ..."]
    if not out:
        return ""
    return "\n".join([
        "",
        "# --- Draft claims ------------------------------------------------------------------",
        "# Each sentence below states a figure, a date or what someone said. To use one, move it",
        "# under claims: in the sheet of the entity it is about, uncomment it, and write the",
        "# statement in your own words (or a property and a value); delete the others. The quotes",
        "# are copied exactly as the sheet above splits the article, so they verify as they are.",
        *out, ""])


# --- the command ---------------------------------------------------------------------

@dataclass
class NewSource:
    sheet: Path
    source_id: str
    detected: dict[str, Detected]
    known: list[Known]
    candidates: list[Candidate]


def _fail(message: str, loc: SourceLoc) -> DossierError:
    return DossierError([error("new-source", message, loc)])


def new_source(root: Path, file: Path, force: bool = False, source_id: str | None = None) -> NewSource:
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
    sheet_text, source_id, detected, (furniture, roles, each_line) = draft_sheet(
        path.name, lines, outlets, language, taken, source_id)
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
    for cand in candidates:  # "Kadyroff" where the dossier has "Kadyrov": an alias, not a new name
        if cand.adjective_of is None:
            cand.probably = variants.find(cand.name)
    outlet, via = detected["outlet"].value, detected["via"].value
    for cand in candidates:  # the outlet is a name, even alone on its line
        if outlet and name_key(cand.name) == name_key(outlet):
            cand.inside += 1
            cand.hint("organization", "the article's outlet")
        elif via and name_key(cand.name) == name_key(via):
            cand.hint("organization", "the article's wire credit")
        elif roles.get(cand.line) == "byline":
            cand.hint("person", "a byline")
    candidates.sort(key=_rank)
    sheet = root / "content" / "sources" / f"{source_id}.yml"
    link = link_on_the_way(sheet, root)
    if link is not None:
        raise _fail(f"{display_path(link, root)} is a symbolic link; Dossier writes only into real "
                    "folders of the project", SourceLoc(display_path(link, root), 0, 0))
    if sheet.exists() and not force:
        raise _fail(f"{display_path(sheet, root)} exists already; pass --id with another id",
                    SourceLoc(display_path(sheet, root), 0, 0))
    sheet.parent.mkdir(parents=True, exist_ok=True)
    sheet_text += draft_claims(text, source_id, furniture, roles, each_line, names, candidates)
    sheet.write_text(sheet_text, encoding="utf-8")
    ranked_known = sorted(known.values(), key=lambda k: (k.kind, -k.count, k.name))
    return NewSource(sheet, source_id, detected, ranked_known, candidates)


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
    out += ["", "Next: fill in the draft, add claims that quote the article, then run dossier check."]
    return "\n".join(out)
