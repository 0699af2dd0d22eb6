"""The sharded search index (builder/searchshards.py): what a reader finds first, that a
query needs few small files, that the same input gives the same bytes, and when a dossier
gets it (extra.dossier_search)."""

import json
import re

import pytest

from builder.site import searchshards
from builder.core.errors import DossierError
from builder.commands.build import Project, build
from builder.site.build import SHARDS_FROM_PAGES, search_mode
from conftest import append, edit
from test_incremental import files_of


def page(location, title, text, tags=None, boost=None, sections=()):
    first = {"location": location, "title": title, "text": text}
    if tags:
        first["tags"] = tags
    if boost:
        first["boost"] = boost
    return [first] + [dict(s, location=location + "#" + s["id"]) for s in sections]


def load(files: dict[str, bytes]) -> dict:
    """The index files as the browser would see them: {call: [arguments, ...]}."""
    seen: dict[str, list] = {}
    for path, data in files.items():
        call, args = re.fullmatch(r"dossierSearch\.(\w+)\((.*)\);\n", data.decode("utf-8"), re.S).groups()
        seen.setdefault(call, []).append(json.loads(f"[{args}]"))
    return seen


def ranked(files: dict[str, bytes], term: str) -> list[str]:
    """Pages holding the term, best first, as dossier-search.js ranks a one-word query."""
    index = load(files)
    shards = {key: terms for key, terms in index["shard"]}
    manifest = index["manifest"][0][0]
    key = next(term[:n] for n in range(min(len(term), manifest["maxKey"]), 0, -1) if term[:n] in shards)
    flat = shards[key].get(term, [])
    pages = [p for _, chunk in sorted(index["pages"]) for p in chunk]
    hits = sorted(((flat[i + 1], flat[i]) for i in range(0, len(flat), 3)), key=lambda h: (-h[0], h[1]))
    return [pages[number][0] for _, number in hits]


def test_an_alias_finds_its_entity_before_pages_that_repeat_the_word():
    pages = [
        page("sources/a/", "A long article", "Daesh " * 40, boost=0.5),
        page("organizations/islamic-state/", "Islamic State", "A group.", tags=["Islamic State", "Daesh"], boost=3),
        page("people/x/", "Someone", "Spoke of Daesh twice: Daesh.", boost=3),
    ]
    files = searchshards.build([(p, None) for p in pages])
    assert ranked(files, "daesh") == ["organizations/islamic-state/", "people/x/", "sources/a/"]


def test_words_are_folded_as_the_browser_folds_them():
    pages = [page("people/s/", "Şamil Ğazi", "Çok.", tags=["Şamil Ğazi"])]
    files = searchshards.build([(p, None) for p in pages])
    assert ranked(files, "samil") == ["people/s/"] and ranked(files, "gazi") == ["people/s/"]
    assert searchshards.words("Ḱadyrov’s İslam-2019") == ["kadyrov", "s", "islam", "2019"]
    # ASCII text is folded at once (lower case only): the same as decomposing it
    ascii_text = "".join(map(chr, range(128)))
    assert searchshards.fold(ascii_text) == searchshards.fold(ascii_text + "é")[:-1] == ascii_text.lower()


def test_a_section_hit_points_at_its_section():
    pages = [page("sources/a/", "Report", "Front matter.", sections=[
        {"id": "article", "title": "Article", "text": "The convoy crossed at Zakho."}])]
    index = load(searchshards.build([(p, None) for p in pages]))
    shard = next(terms for key, terms in index["shard"] if "zakho" in terms)
    assert shard["zakho"][2] == 1  # section 1 of the page: its first section after the page itself
    assert index["pages"][0][1][0][3][0][0] == "sources/a/#article"


def test_big_indexes_are_cut_in_small_shards_and_common_words_keep_their_best_pages():
    words = [f"w{i:05d}x" for i in range(6000)]
    pages = [page(f"p/{n}/", f"Page {n}", " ".join(words[n * 20:(n + 1) * 20]) + " common") for n in range(300)]
    files = searchshards.build([(p, None) for p in pages])
    shards = {p: d for p, d in files.items() if p.startswith("search/shards/")}
    assert len(shards) > 10
    assert max(len(d) for d in shards.values()) < 3 * searchshards.SHARD_BYTES
    index = load(files)
    common = next(terms["common"] for _, terms in index["shard"] if "common" in terms)
    assert len(common) == 3 * min(300, searchshards.POSTINGS)
    assert files == searchshards.build([(p, None) for p in pages])  # same input, same bytes


def test_the_setting_chooses_the_index_and_auto_follows_the_size():
    data = {"plugins": ["search"]}
    assert search_mode(data, SHARDS_FROM_PAGES - 1) == "theme"
    assert search_mode(data, SHARDS_FROM_PAGES) == "shards"
    assert search_mode({**data, "extra": {"dossier_search": "shards"}}, 10) == "shards"
    assert search_mode({**data, "extra": {"dossier_search": "theme"}}, 10 ** 6) == "theme"
    assert search_mode({"plugins": []}, 10 ** 6) == "none"
    assert search_mode({"plugins": ["search", "tags"]}, 10 ** 6) == "theme"  # with --trust-config


def test_a_misspelt_setting_is_refused_at_its_line(lighthouse):
    append(lighthouse / "mkdocs.yml", "extra:\n  dossier_search: fast\n")
    with pytest.raises(DossierError) as caught:
        build(Project(lighthouse))
    found = [d for d in caught.value.diagnostics if "dossier_search" in d.message]
    assert found and found[0].loc.line == len((lighthouse / "mkdocs.yml").read_text().splitlines())
    assert "auto, theme, shards" in found[0].message


def shards_dossier(root):
    append(root / "mkdocs.yml", "extra:\n  dossier_search: shards\n")
    return Project(root)


def test_a_sharded_site_has_no_theme_search_and_rebuilds_to_the_clean_bytes(lighthouse, tmp_path):
    project = shards_dossier(lighthouse)
    build(project)
    site = project.site_dir
    assert not (site / "search/search_index.json").exists()
    assert (site / "search/manifest.js").is_file()
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "assets/dossier-search.js" in home and "md-search__input" not in home
    edit(lighthouse / "content/places/farrowden.yml", "The village nearest", "The hamlet nearest")
    build(project)
    assert project.html.reused > 0
    files = files_of(site)
    assert any(b"hamlet" in data for path, data in files.items() if path.startswith("search/"))
    assert not any(b"village nearest" in data for path, data in files.items() if path.startswith("search/"))
    clean = Project(lighthouse, site_dir=tmp_path / "clean")
    build(clean, clean=True)
    assert files_of(clean.site_dir) == files
