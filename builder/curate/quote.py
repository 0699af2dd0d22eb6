"""`dossier quote SOURCE "some words"`: the article's exact wording of a passage, its line
and paragraph anchor, ready to paste into a citation; for words the article does not have
as given, its closest passage with the words that differ.

Only the source sheets and their seeds are read (entities are not resolved), so the command
helps while other sheets still have errors, such as the very quote being fixed."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from ..resolve.article import Paragraph, closest_passage, describe_passage, find_quote
from ..read.load import load_dossier
from ..resolve.resolved import Article
from ..resolve.resolver import read_articles
from ..read.validate import validate_dossier


@dataclass
class Found:
    source_id: str
    article: Article
    paragraph: Paragraph
    text: str  # the words as the article has them
    sentence: str  # the sentence(s) that hold them
    exact: bool  # False: the closest passage to words the article does not have
    others: list[int]  # lines of other paragraphs that hold the words too
    note: str = ""  # what differs, when not exact


def _articles(root: Path) -> dict[str, Article]:
    raw, _ = load_dossier(root)  # problems elsewhere do not stop this command
    valid, _ = validate_dossier(raw)
    return read_articles(valid)


def _source(articles: dict[str, Article], name: str) -> tuple[str, Article]:
    """A source by its id or by its seed file (seeds/x.txt or x.txt)."""
    if name in articles:
        return name, articles[name]
    seed = Path(name).name
    for source_id, article in articles.items():
        if article.seed_name == seed:
            return source_id, article
    if not articles:
        raise LookupError("this dossier has no source yet (or no content/ folder here: run dossier in "
                          "the folder that holds content/ and seeds/, or pass --root); add one with "
                          "`dossier new-source seeds/<file>.txt`")
    known = ", ".join(sorted(articles))
    raise LookupError(f"'{name}' is neither a source id nor the file of one; the sources are: {known}")


def find_words(root: Path, name: str, words: str) -> Found | None:
    articles = _articles(root)
    source_id, article = _source(articles, name)
    hits = [(p, match) for p in article.paragraphs if (match := find_quote([p], words)) is not None]
    if hits:
        paragraph, match = hits[0]
        start, end = match.spans[0][0], match.spans[-1][1]
        s0, s1 = paragraph.sentence_bounds(start, end)
        return Found(source_id, article, paragraph, paragraph.text[start:end], paragraph.text[s0:s1].strip(),
                     True, [p.line for p, _ in hits[1:]])
    passage = closest_passage(article.paragraphs, words)
    if passage is None:
        return None
    s0, s1 = passage.paragraph.sentence_bounds(passage.start, passage.end)
    return Found(source_id, article, passage.paragraph, passage.text, passage.paragraph.text[s0:s1].strip(),
                 False, [], describe_passage(passage))


def to_text(found: Found) -> str:
    line = found.paragraph.line
    where = (f"seeds/{found.article.seed_name}, line {line}: paragraph anchor #{found.paragraph.anchor} "
             f"on the page sources/{found.source_id}/")
    cite = yaml.safe_dump([{"source": found.source_id, "quote": found.text}], allow_unicode=True,
                          sort_keys=False, width=10**9).rstrip()
    out = []
    if not found.exact:
        out.append(f"Not in the article as given; its closest passage: {found.note}.")
    out += [where, "", f"  {found.sentence}", ""]
    if found.others:
        out += [f"The same words are also at line{'s' if len(found.others) > 1 else ''} "
                f"{', '.join(map(str, found.others))}.", ""]
    out += ["To cite it, paste under cite: (it verifies as it is):" if found.exact
            else "To cite the article's wording, paste under cite: (check it says what you meant):",
            *("  " + line for line in cite.splitlines())]
    return "\n".join(out)
