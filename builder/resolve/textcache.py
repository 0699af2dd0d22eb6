"""What resolve finds in the article texts, kept between runs (build/cache/texts.marshal):
where each quote stands (article.find_quote) and which names each article mentions
(mentions.MentionFinder). Both depend on nothing but the article's paragraphs, and the
mentions on the set of names too, so they are looked up by a fingerprint of those; on
10,000 sources they are a third of `dossier check` when nothing changed.

An article's fingerprint covers its paragraphs' texts in order (quotes and mentions give
paragraph indices and offsets in those texts); the names' fingerprint covers every
(entity, name) pair the finder holds and the names that match only as written. The cache
is tied to the code that computes what it holds (article.py, mentions.py, this module, the
version of pyahocorasick). A run keeps only what it used. Any failure to read or write the
cache just means computing again; it is never written through a link (outputs.py).
"""

from __future__ import annotations

import hashlib
import marshal
from collections.abc import Callable
from importlib import metadata
from pathlib import Path

from . import article
from . import mentions
from .article import Paragraph, QuoteMatch
from .mentions import Mention
from ..core.outputs import link_on_the_way, replace_file


def _version() -> str:
    h = hashlib.sha256()
    for module in (article, mentions):
        h.update(Path(module.__file__).read_bytes())
    h.update(Path(__file__).read_bytes())
    try:
        h.update(metadata.version("pyahocorasick").encode())
    except metadata.PackageNotFoundError:
        pass
    return h.hexdigest()[:16]


def text_key(paragraphs: list[Paragraph]) -> bytes:
    """An article's fingerprint: its paragraphs' texts, in order (a paragraph holds no line
    break: lines are joined with spaces)."""
    h = hashlib.blake2b(digest_size=16)
    for paragraph in paragraphs:
        h.update(paragraph.text.encode("utf-8", "surrogatepass"))
        h.update(b"\n")
    return h.digest()


def names_key(names: dict[str, list[str]], exact: set[str]) -> bytes:
    """The fingerprint of what a MentionFinder is made from."""
    pairs = sorted((entity_id, name) for entity_id, entity_names in names.items() for name in entity_names)
    return hashlib.blake2b(marshal.dumps((pairs, sorted(exact))), digest_size=16).digest()


class TextCache:
    """Lookups that compute on a miss; save() keeps what this run used."""

    VERSION: str | None = None

    def __init__(self, root: Path | None):
        self.path = root / "build" / "cache" / "texts.marshal" if root else None
        self.enabled = root is not None and link_on_the_way(self.path, root) is None
        self.quotes: dict[tuple[bytes, str], tuple | None] = {}
        self.mentions: dict[tuple[bytes, bytes], tuple] = {}
        self.used_quotes: dict[tuple[bytes, str], tuple | None] = {}
        self.used_mentions: dict[tuple[bytes, bytes], tuple] = {}
        self.changed = False
        if not self.enabled:
            return
        if TextCache.VERSION is None:
            TextCache.VERSION = _version()
        try:
            version, quotes, found = marshal.loads(self.path.read_bytes())
            if version == self.VERSION and isinstance(quotes, dict) and isinstance(found, dict):
                self.quotes, self.mentions = quotes, found
        except (OSError, ValueError, EOFError, TypeError):
            pass

    def quote(self, key: bytes, quote: str, find: Callable[[], QuoteMatch | None]) -> QuoteMatch | None:
        entry = (key, quote)
        if entry in self.quotes:
            value = self.quotes[entry]
        else:
            match = find()
            value = None if match is None else (match.paragraph, match.spans)
            self.changed = True
        self.used_quotes[entry] = value
        # New tuples for each citation, as find_quote makes: a quote cited twice must not
        # share its spans (see mentions_in on sharing).
        return None if value is None else QuoteMatch(value[0], tuple((start, end) for start, end in value[1]))

    def mentions_in(self, key: bytes, names: bytes, find: Callable[[], list[Mention]],
                    same: dict[str, str]) -> list[Mention]:
        """same: each entity id and name the finder was made from, as itself. A mention read
        back holds those very strings, as a computed one does: the render cache's fingerprints
        (rendercache.digest) write a string met twice as a reference, so equal values must
        be shared alike."""
        entry = (key, names)
        value = self.mentions.get(entry)
        if value is None:
            value = tuple((m.entity_id, m.paragraph, m.start, m.end, m.name) for m in find())
            self.changed = True
        self.used_mentions[entry] = value
        return [Mention(same.get(entity_id, entity_id), paragraph, start, end, same.get(name, name))
                for entity_id, paragraph, start, end, name in value]

    def save(self) -> None:
        """After a run that looked up every article and quote (one that stopped early would
        drop what it did not reach)."""
        if not self.enabled or not self.changed and len(self.used_quotes) == len(self.quotes) and len(
                self.used_mentions) == len(self.mentions):
            return
        try:
            replace_file(self.path, marshal.dumps((self.VERSION, self.used_quotes, self.used_mentions)))
        except (OSError, ValueError):
            pass
