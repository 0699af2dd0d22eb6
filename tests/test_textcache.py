"""What resolve finds in the article texts (where each quote stands, which names each
article mentions) is kept between runs (builder/textcache.py); a run through the cache
finds exactly what a run without it finds, whatever was edited since."""

import pytest

from builder.resolve.dossier import check
from builder.core.errors import DossierError
from conftest import edit

CACHE = "build/cache/texts.marshal"


def found(root, use_cache=True):
    """Every citation's paragraph and spans, and every mention, of a check of root."""
    resolved = check(root, use_cache=use_cache)
    cites = sorted((e.id, kind, n, c.source_id, c.match.paragraph, c.match.spans)
                   for e in resolved.entities.values()
                   for kind, items in (("claim", [(x.number, x) for x in e.claims]),
                                       ("fact", list(e.facts.items())))
                   for n, item in items for c in item.citations)
    mentions = {source_id: [(m.entity_id, m.paragraph, m.start, m.end, m.name) for m in article.mentions]
                for source_id, article in sorted(resolved.articles.items())}
    return cites, mentions


def test_a_run_through_the_cache_finds_what_a_run_without_it_finds(lighthouse):
    expected = found(lighthouse, use_cache=False)
    assert not (lighthouse / CACHE).exists()
    assert found(lighthouse) == expected  # computed, then written
    assert (lighthouse / CACHE).is_file()
    written = (lighthouse / CACHE).read_bytes()
    assert found(lighthouse) == expected  # read back
    assert (lighthouse / CACHE).read_bytes() == written  # nothing new: not written again
    assert sum(len(v) for v in expected[1].values()) > 10 and len(expected[0]) > 10


def test_edited_texts_and_names_are_found_again(lighthouse):
    found(lighthouse)
    # Words added before a quote in its paragraph: the same paragraph, other offsets.
    before = found(lighthouse)
    edit(lighthouse / "seeds/harbour-gazette.txt", "on Friday, ending forty", "on Friday, so ending forty")
    after_text = found(lighthouse)
    assert after_text[0] != before[0]
    assert after_text == found(lighthouse, use_cache=False)
    # A new alias: an article whose text did not change mentions it now.
    edit(lighthouse / "content/places/farrowden.yml", "aliases: [FARROWDEN]", "aliases: [FARROWDEN, Villagers]")
    after_alias = found(lighthouse)
    assert after_alias == found(lighthouse, use_cache=False)
    assert any(m[4] == "Villagers" for m in after_alias[1]["coastal-review"])
    assert not any(m[4] == "Villagers" for m in after_text[1]["coastal-review"])


def test_a_quote_not_in_the_text_is_an_error_on_every_run(lighthouse):
    edit(lighthouse / "content/people/osric-penhallow.yml", "ending forty years as its keeper",
         "ending fifty years as its keeper")
    for _ in range(2):
        with pytest.raises(DossierError) as caught:
            check(lighthouse)
        assert [d.loc.line for d in caught.value.diagnostics if "quote not found" in d.message] == [16]


def test_a_damaged_cache_is_computed_again(lighthouse):
    expected = found(lighthouse, use_cache=False)
    (lighthouse / CACHE).parent.mkdir(parents=True)
    (lighthouse / CACHE).write_bytes(b"\x00not marshal")
    assert found(lighthouse) == expected


def test_the_cache_is_not_written_through_a_link(lighthouse, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (lighthouse / "build").mkdir()
    (lighthouse / "build/cache").symlink_to(elsewhere)
    expected = found(lighthouse, use_cache=False)
    assert found(lighthouse) == expected
    assert list(elsewhere.iterdir()) == []
