"""The draft source sheet of `dossier new-source`: the title, outlet, date, wire credit and
kinds of lines detected from the text (each marked "detected from line N: confirm"), and
commented-out draft claims whose quotes are copied exactly from the article."""

from __future__ import annotations

import datetime
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from dateutil import parser as date_parser
from slugify import slugify

from ..resolve.article import split_paragraphs
from .candidates import Candidate
from .words import FUNCTION_WORDS, NUMBER_WORDS, TITLE_WORDS, _capitalised
from ..resolve.mentions import MentionFinder
from ..resolve.resolved import name_key

_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
          r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)")
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_DATE = re.compile(
    rf"\b(?:{_DAY}\s+(?:of\s+)?{_MONTH}\.?,?\s+\d{{4}}|{_MONTH}\.?\s+{_DAY},?\s+\d{{4}}"
    r"|\d{4}-\d{2}-\d{2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{4})\b", re.I)  # "10 may 2019" too
# a date after a label at the start of a line, with text after it: " date 2019-01-10 ASTANA..."
_LABELLED_DATE = re.compile(r"^\(?\s*(?:date|published|posted|first published)\s*:?\s+", re.I)
# what else a date line may hold: "Wednesday, October 2nd, 2019", "Updated: ... 10:32 GMT"
_DATE_LINE_REST = re.compile(
    r"(?:mon|tues|wednes|thurs|fri|satur|sun)day|published|posted|updated|first|last|on|at|date|year|"
    r"\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?|[ap]\.?m\.?|gmt|utc|bst|cet|cest|msk|est|edt|pst|[a-z]{3,4}\+\d+|"
    r"[\s,.:;|()\-–—/]+", re.I)
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
        rest = _DATE_LINE_REST.sub("", rest)  # "Wednesday, October 2nd, 2019", "30-12-2018 10:32 GMT"
        if re.search(r"\d{1,2}[:.]\d{2}", text) and re.fullmatch(r"\d{1,7}", rest):
            rest = ""  # "10 January, 2019, 15:23 392": a count of views after the time
        labelled = (label := _LABELLED_DATE.match(text)) is not None and label.end() == match.start()
        if not rest or labelled or _CREDIT.match(text) or _BYLINE_LINE.match(text):
            try:
                iso_or_month_first = re.match(rf"\d{{4}}-|{_MONTH}", match.group(), re.I)
                parsed = date_parser.parse(match.group(), dayfirst=not iso_or_month_first, fuzzy=True)
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
_PICTURE = r"(?:photo(?:graph)?|picture|image)(?:\s+(?:source|credit|courtesy|by))?"  # "Photo source"
_BRACKET_CREDIT = r"^\[[^\]/]{2,60}/[^\]/]{2,60}\]$"  # "[Jane Doe/Harbour Gazette]": photographer and outlet
_DATELINE_PLACE = r"[A-Z][A-Z'.-]+(?:\s+[A-Z][A-Z'.-]+){0,3}(?:,\s*[^–—]{1,40}?)?"
_DATELINE = re.compile(rf"^{_DATELINE_PLACE}\s*[–—-]?$")
# a dateline opening a paragraph, in its usual shapes: "MOSCOW, Dec 30 (Reuters) - ",
# "NUR-SULTAN (TCA) — ", "Nur-Sultan (AsiaNews/Agencies) – ", "NUR-SULTAN, Kazakhstan: ",
# "Astana. January 10. KazTAG - ", "ASTANA. KAZINFORM " (place and agency in capitals), and
# after a collector's " date YYYY-MM-DD". A place in Title Case needs an agency or a date
# after it ("Moscow - The..." may be a sentence).
_CAPS_PLACE = r"[A-Z][A-Z'.-]+(?:\s+[A-Z][A-Z'.-]+){0,3}"
_TITLE_PLACE = r"[A-Z][a-z'.]+(?:[ -][A-Z][a-z'.]+){0,3}"
_AGENCY = r"\((?P<agency>[A-Z][^()]{1,40})\)"
_DATELINE_OPENING = re.compile(
    rf"^(?P<dateline>(?:date\s+\d{{4}}-\d{{2}}-\d{{2}}\s+)?"
    rf"(?:(?P<caps>{_CAPS_PLACE})(?:,\s*(?P<where>[^,:–—()-]{{2,40}}?))?(?:\s*{_AGENCY})?"
    rf"\s*(?:[–—-]|:(?=\s))"
    rf"|(?P<caps2>{_CAPS_PLACE})\.\s+(?P<agency2>[A-Z]{{3,}}(?:/[A-Z]+)?)(?=\s+\S)"
    rf"|(?P<title>{_TITLE_PLACE})(?:\s*{_AGENCY.replace('agency', 'agency3')}"
    rf"|\.\s+(?P<date>{_MONTH}\.?\s+\d{{1,2}})\.\s+(?P<agency4>[A-Z][\w/]+))\s*[–—-]))\s+\S")
_COPYRIGHT = re.compile(r"(?:©|\(c\)|copyright\b)", re.I)
# The world's main news agencies, whose credit in a dateline marks wire copy (as "via")
WIRE_AGENCIES = frozenset(name_key(n) for n in """AP|Associated Press|AFP|Agence France-Presse|Reuters|
TASS|RIA Novosti|Interfax|Xinhua|ANSA|EFE|dpa|Anadolu|PTI|Kyodo|Yonhap|Bernama|Antara|MENA|WAM|SPA|
IRNA|KUNA|QNA|APA|Trend|UNI|IANS|Sputnik|Ukrinform|BTA|PAP|CTK|MTI|HINA|Tanjug|Belga|ANP|NTB|TT|
Ritzau|STT|Lusa|Notimex|Telam|Prensa Latina|AAP|CNA|Kazinform|KazTAG|AKIpress|24.kg|UzA|Asia-Plus""".replace(
    "\n", "").split("|"))
# a picture's credit alone, not a caption: "Photo: Kavaria Press Agency", "© Jane Doe", "[Jane Doe/Outlet]"
_CREDIT_ONLY = re.compile(rf"^(?i:{_PICTURE}\s*[:|–—-]|©|by\b)\s*(?:[A-Z][\w&./-]*\s*){{1,5}}$"
                          rf"|{_BRACKET_CREDIT}")
_COPYRIGHT_LINE = re.compile(r"^(?:Copyright|©|\(c\))\s*(?:©\s*)?(?:\d{4}\s+)?"
                             r"(?P<holder>[A-Z][\w&. -]{1,40}?)\.?$")
_LEAD_CREDIT = re.compile(r"[,;]\s+(?P<credit>[A-Z][\w/&.-]*(?:\s+[A-Z][\w/&.-]*){0,2})"
                          r"\s+(?:reported|reports)\.?$")
_BY_OUTLET = re.compile(r"^By\s+(.+?)\s+with\s+\S")
# "By Ann Brod", "Written by Ann Brod", and a byline whose name the page left out: "Written by | Tuesday, ..."
_BYLINE_LINE = re.compile(r"^(?:By|Written by|Words by)"
                          r"(?:\s+[A-Z][\w'.-]*(?:\s+[A-Z][\w'.-]*){0,3}\b|\s*[|:–—-])")
_WIRE = re.compile(r"\bwith\s+([A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*){0,2})\s*$")  # "By Euronews with Reuters"
_CREDIT_ALONE = re.compile(r"^\(\s*([A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*){0,2})\s*\)$")  # "(AFP)" on its own line
_SOURCE_LINE = re.compile(r"^\(?\s*Source\s*:\s*([^;,()]+?)\s*(?:[;,].*)?\)?$", re.I)  # "Source: rt.com; ..."
_CAPTION_LINE = re.compile(rf"^(?:{_PICTURE}|Caption|Video|Pictured)\b\s*[:|–—-]", re.I)
# a photo credit at the start or the end of a line makes it a caption: "© deti.gov.ru",
# "Photo: PM office", "[file photo-Getty]", "(Photo by Lars Eide)"
_PHOTO_CREDIT = re.compile(r"©|\b(?:photo(?:graph)?|picture|image)s?\s*(?::|by\b)|\[[^\]]*\bphoto\b[^\]]*\]"
                           rf"|{_BRACKET_CREDIT}"
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
    opening_names: list[tuple[str, str]] = field(default_factory=list)  # its place and agency, with kinds
    each_line: int = 0  # > 0: no blank lines between paragraphs (the first such line)
    truncated: int = 0  # > 0: the text ends mid-sentence (its last line)


_NAME_LINE = re.compile(r"[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){1,2}")  # "Sergey Kwan" alone on a line


def _closing_lines(lines: list[str], furniture: set[int]) -> tuple[set[int], set[int]]:
    """Bylines at the end of a text, and captions printed twice. An author block: a line
    that is a person's name alone, within the last eight lines, and a later line that begins
    with that name (the author's biography), with the short lines between them (the outlet's
    initials). A sign-off: the text's last line, short, with a title and no full stop ("The
    President of the Republic of Kavaria"). A caption printed twice: a short line repeated
    on the next line (scraped pages print a picture's caption as its text and its title)."""
    texts = [(n, line.strip()) for n, line in enumerate(lines, start=1)
             if line.strip() and n not in furniture]
    bylines: set[int] = set()
    tail = texts[-8:]
    for k, (n, text) in enumerate(tail):
        if _NAME_LINE.fullmatch(text) and not _DATE.search(text):
            bio = next((m for m, (_, later) in enumerate(tail[k + 1:], start=k + 1)
                        if later.startswith(text + " ") and len(later.split()) >= 6), None)
            if bio is not None:
                bylines |= {tail[m][0] for m in range(k, bio + 1)
                            if m in (k, bio) or len(tail[m][1].split()) <= 3}
                break
    if texts and not bylines:
        n, last = texts[-1]
        if len(last.split()) <= 10 and not _SENTENCE_CLOSE.search(last) and last[:1].isupper() \
                and {w.lower() for w in last.split()} & TITLE_WORDS:
            bylines.add(n)
    twice = {n for (n, a), (m, b) in zip(texts, texts[1:]) if m == n + 1 and a == b and len(a.split()) <= 25}
    return bylines, twice | {n + 1 for n in twice}


def detect_lines(lines: list[str], furniture: set[int]) -> Lines:
    found = Lines()
    body = []
    closing_bylines, repeated = _closing_lines(lines, furniture)
    for n, line in enumerate(lines, start=1):
        text = line.strip()
        if not text or n in furniture:
            continue
        if n in closing_bylines:
            found.bylines.append(n)
            continue
        if n in repeated:
            found.captions.append(n)
            continue
        credit = _PHOTO_CREDIT.search(text)
        if _CAPTION_LINE.match(text) or (credit and (credit.start() == 0 or credit.start() >= len(text) - 60)):
            if body and body[-1] == n - 1 and len(lines[n - 2].split()) <= 30 and _CREDIT_ONLY.match(text):
                found.captions.append(body.pop())  # the line just above a credit is the picture's caption
            found.captions.append(n)
            continue
        if _BYLINE_LINE.match(text) and len(text.split()) <= 12:
            found.bylines.append(n)
            wire = _WIRE.search(text)
            if wire and found.via.value is None:
                found.via = Detected(wire.group(1), n, text)
            continue
        if _DATELINE.match(text) and len(text.split()) <= 8 and not _DATELINE_OPENING.match(text):
            found.datelines.append(n)  # "MOSCOW, Dec 30 (Reuters) -" on its own line
            continue
        opening = _DATELINE_OPENING.match(text)
        if opening and found.opening.value is None and len(opening["dateline"]) <= 80:
            found.opening = Detected(opening["dateline"], n, text)
            agency = opening["agency"] or opening["agency3"]
            if agency and found.via.value is None and (name_key(agency) in WIRE_AGENCIES or "/" in agency):
                found.via = Detected(agency, n, opening["dateline"])  # "(Reuters)", "(AsiaNews/Agencies)"
            found.opening_names = [(opening[g], kind) for g, kind in (
                ("caps", "place"), ("caps2", "place"), ("title", "place"), ("agency", "organization"),
                ("agency2", "organization"), ("agency3", "organization"), ("agency4", "organization"))
                if opening[g]]
        holder = _COPYRIGHT_LINE.match(text)  # "Copyright Reuters", "© 2021 AFP": a wire's copy
        if holder and name_key(holder["holder"]) in WIRE_AGENCIES:
            if found.via.value is None:
                found.via = Detected(holder["holder"], n, text)
            continue
        credit = _CREDIT_ALONE.match(text) or (_SOURCE_LINE.match(text) if len(text.split()) <= 12 else None)
        if credit:
            if found.via.value is None:
                found.via = Detected(credit.group(1).strip(), n, text)
            continue
        if not body and found.via.value is None and len(text.split()) >= 8:
            credit = _LEAD_CREDIT.search(text)  # "..., RFE/RL reported.": the copy this story rewrites
            if credit:
                found.via = Detected(credit["credit"], n, credit.group().strip(" ,"))
        body.append(n)
    # paragraphs one per line: lines followed by another line with no blank line between,
    # nearly all of them whole sentences (a hard-wrapped paragraph breaks mid-sentence)
    text_lines = {n for n, line in enumerate(lines, start=1) if line.strip() and n not in furniture}
    pairs = [n for n in sorted(text_lines) if n + 1 in text_lines]
    whole = [n for n in pairs if _SENTENCE_CLOSE.search(lines[n - 1].strip()) and len(lines[n - 1].split()) >= 6]
    if len(whole) >= 2 and len(whole) >= 0.8 * len(pairs):  # hard-wrapped text breaks mid-sentence
        found.each_line = whole[0]
    bios = [n for n in found.bylines if len(lines[n - 1].split()) >= 12]  # an author's biography
    body = sorted(set(body) | set(bios))
    if body:
        last = lines[body[-1] - 1].strip()
        if last[-1:].isalpha() and len(last.split()) >= 6:
            found.truncated = body[-1]  # a long last line that stops on a letter: cut off
        elif last.count("“") > last.count("”") or (last.count('"') % 2 and "“" not in last):
            found.truncated = body[-1]  # it stops inside a quotation it opened
    return found


@dataclass
class Draft:
    """The draft sheet's text and what it says of the article, to split it as `dossier
    check` will (for the draft claims)."""

    text: str
    source_id: str
    detected: dict[str, Detected]  # title, outlet, published, via
    furniture: set[int]
    roles: dict[int, str]  # line -> caption, byline or dateline
    each_line: bool  # paragraphs: lines
    openings: dict[int, str] = field(default_factory=dict)  # line -> the dateline it opens with
    opening_names: list[tuple[str, str]] = field(default_factory=list)  # the dateline's place and agency


ID_LENGTH = 30  # a default id short enough to type in every citation


def scalar(value: str | None) -> str:
    """A value as a sheet writes it after a key, in block style: plain where YAML allows."""
    if value is None:
        return ""
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return value  # a date, as the other sheets write it
    return yaml.safe_dump(value, width=10**6, allow_unicode=True).removesuffix("\n...\n").strip()


def unique_id(base: str, taken: set[str], trim: bool = True) -> str:
    """`base`, or `base-2`, `base-3`... the first not taken; with `trim`, shortened to stay
    within ID_LENGTH."""
    found, n = base, 2
    while found in taken:
        head = base[:ID_LENGTH - len(str(n)) - 1].rstrip("-") if trim else base
        found, n = f"{head}-{n}", n + 1
    return found


def short_id(title: str) -> str:
    """The title's first words as an id, whole words within ID_LENGTH characters, without a
    word like "of" at the end: "Seven citizens of Kavaria evacuated from..." ->
    "seven-citizens-of-kavaria"."""
    words = slugify(title).split("-")
    kept: list[str] = []
    for word in words:
        if len("-".join([*kept, word])) > ID_LENGTH:
            break
        kept.append(word)
    while len(kept) > 1 and kept[-1] in FUNCTION_WORDS:
        kept.pop()
    return "-".join(kept or words[:1])[:ID_LENGTH].strip("-") or "source"


def draft_sheet(seed_name: str, lines: list[str], known_outlets: set[str], language: str,
                taken_ids: set[str], source_id: str | None = None) -> Draft:
    given_id = source_id is not None
    title = detect_title(lines)
    date = detect_date(lines)
    outlet = detect_outlet(lines, known_outlets, title)
    source_id = unique_id(source_id or short_id(title.value or Path(seed_name).stem), taken_ids, not given_id)
    # The headline (and its repeats), the outlet and date lines are not part of the article.
    furniture = sorted({n for n, line in enumerate(lines, start=1)
                        if title.value and line.strip() == title.value}
                       | {d.line for d in (outlet, date) if d.value and len(lines[d.line - 1].strip())
                          - len(d.value) < 40})

    found = detect_lines(lines, set(furniture))
    if found.via.value and outlet.value and name_key(found.via.value) == name_key(outlet.value):
        found.via = Detected(None)  # "Source: rt.com" named the outlet itself, not a wire
    confirm = lambda numbers: f"  # detected from line{'s' if len(numbers) > 1 else ''} {', '.join(map(str, numbers))}: confirm"  # noqa: E731
    extra = []
    if found.via.value:
        extra.append(f"via: {scalar(found.via.value)}  # {found.via.note('via')}")
    openings = {found.opening.line: found.opening.value} if found.opening.value else {}
    for field_name, numbers in (("captions", found.captions), ("bylines", found.bylines),
                                ("datelines", found.datelines)):
        items = [str(n) for n in numbers]
        if field_name == "datelines":  # a dateline that opens a paragraph: the words it begins with
            items += [f"{{line: {n}, text: {json.dumps(words, ensure_ascii=False)}}}"  # flow style: quoted
                      for n, words in openings.items()]
            numbers = sorted([*numbers, *openings])
        if items:
            extra.append(f"{field_name}: [{', '.join(items)}]{confirm(numbers)}")
    if found.each_line:
        extra.append(f"paragraphs: lines  # no blank lines between paragraphs (from line {found.each_line}): "
                     "one anchor per line; confirm")
    if found.truncated:
        extra.append(f"truncated: true  # the text stops mid-sentence at line {found.truncated}: confirm, "
                     "and say why in truncated_note")

    text = "\n".join([
        f"# Draft written by `dossier new-source` from seeds/{seed_name}.",
        "# Confirm every detected value, fill in the empty ones, then run `dossier check`.",
        f"id: {source_id}" + ("" if given_id else "  # from the title; choose another now (new-source --id), "
                              "before claims cite it"),
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
    return Draft(text, source_id, {"title": title, "outlet": outlet, "published": date, "via": found.via},
                 set(furniture), roles, bool(found.each_line), openings, found.opening_names)


# --- draft claims --------------------------------------------------------------------

_FIGURE = re.compile(r"\d|\b(?:" + "|".join(sorted(NUMBER_WORDS - {"first", "second", "third"})) + r")\b", re.I)
_WHEN = re.compile(rf"\b(?:{_MONTH}|(?:mon|tues|wednes|thurs|fri|satur|sun)day|yesterday|today)\b", re.I)
_SAID = re.compile(r"\b(?:said|says|told|added|stated|announced|confirmed|denied|warned|claimed|"
                   r"according to|quoted)\b|[\"“”«»]", re.I)


def draft_claims(text: str, draft: Draft, names: dict[str, list[str]], candidates: list[Candidate]) -> str:
    """Commented-out draft claims for the sentences that state a figure, a date or what
    someone said: the quote copied exactly from the article as the sheet will split it
    (so it verifies once uncommented), the entities the sentence names, and a statement or
    a property and a value left for the curator."""
    paragraphs = split_paragraphs(text, draft.furniture, each_line=draft.each_line, roles=draft.roles,
                                  openings=draft.openings)
    mentions: dict[int, list] = {}
    for m in MentionFinder(names).find(paragraphs):
        mentions.setdefault(m.paragraph, []).append(m)
    # the new names each sentence holds, found in one pass (Aho-Corasick, as mentions are),
    # not by a search per name and sentence, which is quadratic on a long article
    new: dict[int, list] = {}
    for m in MentionFinder({c.name: [c.name] for c in candidates if c.listed}).find(paragraphs):
        new.setdefault(m.paragraph, []).append(m)
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
            named = list(dict.fromkeys(m.entity_id for m in sorted(new.get(index, []), key=lambda m: m.start)
                                       if a <= m.start and m.end <= b))
            claim: dict = {"statement": ""}
            if about:
                claim["about"] = about
            claim["cite"] = [{"source": draft.source_id, "quote": sentence}]
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
