"""The shape of words and lines, for finding names (candidates.py): which words may be part
of a name and where a name's run of words begins and ends.

It owns the word lists that tell a name's words from the rest (function words, titles,
months and weekdays, numbers in words, the words that join a name's parts, saints), the
tests on one word (capitalised, an acronym, a possessive, a title, a filler), the
tokenising of a line, the test for a headline in Title Case, and the runs of capitalised
words that candidate names are cut from. It knows nothing of the dossier, the gazetteer or
the kind of entity a name is: candidates.py cuts the runs into names, tells their kind,
merges and ranks them.
"""

from __future__ import annotations

import re

# Words that may join two capitalised words inside one name.
# Also the particles of Romance and Germanic place and personal names ("Ariano nel Polesine",
# "Castel San Pietro dei Monti", "Terra e Acqua", "Ortega y Gasset", "Vila Nova de Gaia").
CONNECTORS = {"of", "for", "the", "de", "del", "della", "da", "di", "van", "von", "der", "den",
              "bin", "ibn", "al", "el", "le", "la", "du", "on",
              "dei", "delle", "degli", "dello", "dal", "dalla", "nel", "nella", "sul", "sulla",
              "des", "do", "dos", "das", "e", "y"}
# bodies named for their purpose, with "to" inside the name: "Coalition to Defeat ...",
# "Committee to Protect Journalists", "Campaign to Stop ..."
PURPOSE_BODIES = {"coalition", "committee", "campaign", "alliance", "initiative", "mission", "movement",
                  "council", "league", "fund", "foundation", "centre", "center", "partnership"}
SAINTS = {"st", "st.", "saint", "ste", "sainte", "san", "santa", "sao"}  # "St Aldhelm's Church" is one name
# Name particles written in lower case and joined to the name by a hyphen: al-Sahaf.
_PARTICLE = re.compile(r"^(?:al|el|ad|ar|as|ash|at|az|bin|ibn|abu|bint|d|l)-[A-Z]")
# a word; acronyms joined by a slash are one ("RFE/RL"); a number with its separators
_WORD = re.compile(r"[A-Z]{2,}(?:/[A-Z]{2,})+\b|[^\W\d_](?:[\w'.-]*\w)?|\d+(?:[.,:/-]\d+)*")
_SENTENCE_END = re.compile(r"[.!?:;\"')\]]$")

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
earlier later previously recently currently initially finally subsequently moreover furthermore
additionally nevertheless nonetheless therefore thus hence instead otherwise indeed overall
i'd i'm i've i'll copyright
""".split())  # the last lines: words that open a sentence ("Earlier Kazinform reported"), and "I'd"
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
NUMBER_WORDS = set("""
one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen
sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety
hundred hundreds thousand thousands million millions dozen dozens first second third
""".split())


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


_GLUED = re.compile(r"[a-z]{2}\.(?=[A-Z][a-z])")


def _tokens(text: str) -> list[tuple[str, int, int, bool]]:
    """Words of a line: (word, start, end, ends a name). A lower-case tail after a hyphen is
    cut off and ends the name: "Islamic State-linked" gives "Islamic State"."""
    tokens = []
    for m in _WORD.finditer(text):
        word, start, end = m.group(), m.start(), m.end()
        glued = _GLUED.search(word)  # "from Ruritania.Justice Minister": a full stop with no space after
        if glued:
            tokens.append((word[:glued.start() + 2], start, start + glued.start() + 2, True))
            word, start = word[glued.end() - 2:], start + glued.end() - 2
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

    def joined(k: int) -> bool:
        """Nothing but a space between word k-1 and word k, or "&" ("Harlow & Finch"), or the
        apostrophe of a short elided word ("Ca' Tiepolo", "Sant’Angelo", "D'Annunzio")."""
        gap = text[words[k - 1][2]:words[k][1]]
        return gap.strip() in ("", "&") or (gap.rstrip() in ("'", "’") and len(words[k - 1][0]) <= 4
                                            and words[k - 1][0][:1].isupper())

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
            while k < len(words) - 1 and (words[k][0] in CONNECTORS or (
                    words[k][0] == "to" and _bare(prev).lower() in PURPOSE_BODIES)) and joined(k + 1):
                k += 1  # "Coalition to Defeat ...", "Committee to Protect Journalists"
            if k > j and _capitalised(words[k][0]):
                has_connector = True
                j = k
                continue
            break
        yield i, j, sentence_start
        i = j


_DATE_WORD = re.compile(r"(?i)jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec|\d+(?:st|nd|rd|th)")


# -- words for bodies, places and adjectives ------------------------------------------------
DIRECTIONS = {"western", "eastern", "northern", "southern", "central"}  # "Western" powers: not a name
# Heads of institutions that texts write in lower case: "the interior ministry", "the state
# prosecutor". With a word before them and "the" before that, they name one body.
INSTITUTIONS = {"ministry", "prosecutor", "prosecution", "authority", "police", "court", "government",
                "committee", "military", "navy",
                "parliament", "army", "embassy", "judiciary", "council", "commission", "agency",
                "administration", "inspectorate", "regulator", "ombudsman"}
ORG_WORDS = set("""
ministry ministries council office commission committee agency service services group party affairs
army forces force court courts nations union bank company corporation organization
organisation institute university center centre foundation front brigade brigades movement
news times post press association department government parliament assembly police military
coalition alliance campaign initiative league federation partnership board
network channel tv radio media program programme fund society church mosque authority
administration embassy consulate caliphate state judiciary trust gazette herald
tribune journal
""".split())
PLACE_WORDS = set("""
airport region province republic city town village river mountains mountain street square
prison camp district county valley sea island islands lake desert border coast port station
oblast governorate territory peninsula
""".split())
_ADJECTIVE_ENDINGS = ("n", "an", "ian", "i", "ese", "ish", "ic")
