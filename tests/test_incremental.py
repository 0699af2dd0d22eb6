"""A rebuild reuses the HTML of pages that cannot have changed (builder/htmlcache.py), and
the site it leaves is byte for byte the site a clean build of the same input gives, search
index included; links and anchors are checked as strictly as in a clean build."""

import json
import multiprocessing
import os
import shutil
from pathlib import Path

import pytest

from builder.core.errors import DossierError
from builder.commands.build import Project, build, check
from builder.site.build import build_site
from conftest import edit


def files_of(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def assert_same_as_clean(project: Project, tmp_path: Path) -> None:
    """The site now in place equals a clean build of the same input, file by file."""
    rebuilt = files_of(project.site_dir)
    clean = Project(project.root, site_dir=tmp_path / "clean-site")
    build(clean, clean=True)
    expected = files_of(clean.site_dir)
    assert sorted(rebuilt) == sorted(expected)
    differing = [name for name in expected if rebuilt[name] != expected[name]]
    assert differing == []


def search_docs(site: Path) -> list[dict]:
    return json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))["docs"]


def test_a_one_word_edit_converts_few_pages_and_gives_the_clean_build(lighthouse, tmp_path):
    project = Project(lighthouse)
    build(project)
    total = project.html.rendered
    assert project.html.reused == 0 and total > 10
    edit(lighthouse / "content/places/farrowden.yml", "The village nearest", "The hamlet nearest")
    build(project)
    assert 0 < project.html.rendered < total and project.html.reused > 0
    assert project.html.rendered + project.html.reused == total
    texts = " ".join(d["text"] for d in search_docs(project.site_dir))
    assert "hamlet nearest" in texts and "village nearest" not in texts
    assert_same_as_clean(project, tmp_path)


def test_nothing_changed_reuses_every_page(lighthouse, tmp_path):
    project = Project(lighthouse)
    build(project)
    before = files_of(project.site_dir)
    build(project)
    assert project.html.rendered == 0 and project.html.reused > 10
    assert files_of(project.site_dir) == before


def test_adding_and_removing_pages_gives_the_clean_build(lighthouse, tmp_path):
    project = Project(lighthouse)
    build(project)
    (lighthouse / "content/people/morwen-tallack.yml").write_text(
        "id: morwen-tallack\nname: Morwen Tallack\ndescription: A relief keeper at Farrow Point.\n",
        encoding="utf-8")
    build(project)
    assert (project.site_dir / "people/morwen-tallack/index.html").is_file()
    assert any(d["location"].startswith("people/morwen-tallack/") for d in search_docs(project.site_dir))
    assert_same_as_clean(project, tmp_path)
    (lighthouse / "content/people/morwen-tallack.yml").unlink()
    build(project)
    assert not (project.site_dir / "people/morwen-tallack").exists()
    assert_same_as_clean(project, tmp_path / "second")


def test_a_page_changed_in_site_by_hand_is_converted_again(lighthouse, tmp_path):
    project = Project(lighthouse)
    build(project)
    page = project.site_dir / "places/farrowden/index.html"
    page.write_text(page.read_text(encoding="utf-8").replace("Farrowden", "Tampered"), encoding="utf-8")
    build(project)
    assert project.html.rendered == 1
    assert "Tampered" not in page.read_text(encoding="utf-8")


def test_clean_converts_every_page(lighthouse):
    project = Project(lighthouse)
    build(project)
    total = project.html.rendered
    build(project, clean=True)
    assert project.html.rendered == total and project.html.reused == 0


# The HTML stage on its own, with Markdown written by hand: links and anchors of a page that
# is reused must still be checked against the pages as they are now.

CONFIG = """site_name: Test
docs_dir: docs
theme:
  name: material
  font: false
plugins:
  - search
nav:
  - Home: index.md
  - b.md
validation:
  nav:
    omitted_files: ignore
  links:
    not_found: warn
    anchors: warn
    unrecognized_links: warn
"""


@pytest.fixture
def hand_site(tmp_path):
    root = tmp_path / "project"
    docs = root / "docs"
    docs.mkdir(parents=True)
    (root / "mkdocs.yml").write_text(CONFIG, encoding="utf-8")
    (docs / "index.md").write_text("# Home\n\nSee [b](b.md).\n", encoding="utf-8")
    (docs / "a.md").write_text("# A\n\nSee [the part](b.md#part), [c](c.md) and [home](index.md).\n",
                               encoding="utf-8")
    (docs / "c.md").write_text("# C\n\nNot in the navigation.\n", encoding="utf-8")
    (docs / "b.md").write_text("---\ntitle: Target\n---\n# B\n\n## Part\n\nText.\n", encoding="utf-8")

    def run():
        return build_site(root / "mkdocs.yml", root / "site", 0, root=root,
                          cache_file=root / "cache" / "html.marshal")
    return root, run


def test_a_reused_page_linking_to_an_anchor_that_went_away_fails_the_build(hand_site):
    root, run = hand_site
    run()
    before = files_of(root / "site")
    (root / "docs/b.md").write_text("---\ntitle: Target\n---\n# B\n\n## Other\n\nText.\n", encoding="utf-8")
    with pytest.raises(DossierError) as caught:
        run()
    assert any("a.md" in d.message and "#part" in d.message for d in caught.value.diagnostics)
    assert files_of(root / "site") == before  # the site in place is kept


def test_a_page_rewritten_with_its_size_and_time_kept_is_converted_again(hand_site):
    """The HTML stage reads only the Markdown files whose size, times or inode changed:
    a rewrite that keeps the size and the modification time still changes the change time."""
    root, run = hand_site
    run()
    page = root / "docs/c.md"
    st = page.stat()
    page.write_text("# D\n\nNot in the navigation.\n", encoding="utf-8")
    os.utime(page, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert page.stat().st_size == st.st_size
    built = run()
    assert built.outcome.rendered == 1 and "<h1 id=\"d\">D</h1>" in (root / "site/c/index.html").read_text()


def test_a_reused_page_linking_to_a_page_that_went_away_fails_the_build(hand_site):
    root, run = hand_site
    run()
    (root / "docs/c.md").unlink()
    with pytest.raises(DossierError) as caught:
        run()
    assert any("a.md" in d.message and "c.md" in d.message for d in caught.value.diagnostics)


def test_a_new_title_in_the_navigation_reaches_every_page(hand_site, tmp_path):
    """b.md is listed without a title: the navigation shows the title of its front matter."""
    root, run = hand_site
    run()
    (root / "docs/b.md").write_text("---\ntitle: Renamed\n---\n# B\n\n## Part\n\nText.\n", encoding="utf-8")
    built = run()
    assert built.outcome.reused == 0 and "navigation" in built.outcome.why_full
    assert "Renamed" in (root / "site/a/index.html").read_text(encoding="utf-8")
    rebuilt = files_of(root / "site")
    shutil.rmtree(root / "cache")
    build_site(root / "mkdocs.yml", root / "site", 0, root=root)
    assert files_of(root / "site") == rebuilt


# Pages converted by forked workers (DOSSIER_WORKERS; by default one per core from 200
# stale pages on) give the same site, and their warnings still fail the build.

def test_pages_converted_in_two_processes_give_the_same_site(lighthouse, tmp_path, monkeypatch):
    one = Project(lighthouse, site_dir=tmp_path / "one")
    monkeypatch.setenv("DOSSIER_WORKERS", "1")
    build(one, clean=True)
    two = Project(lighthouse, site_dir=tmp_path / "two")
    monkeypatch.setenv("DOSSIER_WORKERS", "2")
    build(two, clean=True)
    assert files_of(one.site_dir) == files_of(two.site_dir)


def test_a_broken_link_found_by_a_worker_fails_the_build(hand_site, monkeypatch):
    root, run = hand_site
    monkeypatch.setenv("DOSSIER_WORKERS", "2")
    (root / "docs/a.md").write_text("# A\n\nSee [gone](gone.md).\n", encoding="utf-8")
    with pytest.raises(DossierError) as caught:
        run()
    assert any("a.md" in d.message and "gone.md" in d.message for d in caught.value.diagnostics)
    assert not (root / "site").exists()


def test_the_html_stage_gives_what_mkdocs_own_build_gives(lighthouse, tmp_path, monkeypatch):
    """htmlcache.py runs MkDocs' build steps itself (in two processes here): the site must
    be the one `mkdocs build` writes from the same build/mkdocs.yml."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    from builder.site.build import MARKER, _environment, build_epoch

    monkeypatch.setenv("DOSSIER_WORKERS", "2")
    project = Project(lighthouse)
    build(project)
    with _environment(build_epoch(check(lighthouse))):
        mkdocs_build(load_config(str(lighthouse / "build/mkdocs.yml"), site_dir=str(tmp_path / "stock")))
    ours = {k: v for k, v in files_of(project.site_dir).items() if k not in (MARKER, ".gitignore")}
    assert ours == files_of(tmp_path / "stock")


def test_the_preview_updates_its_site_in_place_to_the_clean_build(lighthouse, tmp_path):
    """`dossier serve` builds into its folder in place (site.update_site): after each kind of
    edit, pages added and removed, a source and its article copy added and removed, the sharded
    index grown and shrunk, the folder holds exactly what a clean build gives."""
    from builder.commands.serve import _Preview
    from builder.pages.render import LATER_FILES
    from test_search_shards import shards_dossier

    project = shards_dossier(lighthouse)
    preview = _Preview(project, tmp_path / "preview" / "site")
    site = preview.site_dir
    preview(first=True)
    first = files_of(site)
    source = lighthouse / "content/sources/ferry-notice.yml"
    person = lighthouse / "content/people/morwen-tallack.yml"
    steps = [
        lambda: edit(lighthouse / "content/places/farrowden.yml", "The village nearest", "The hamlet nearest"),
        lambda: person.write_text("id: morwen-tallack\nname: Morwen Tallack\n"
                                  "description: A relief keeper at Farrow Point.\n", encoding="utf-8"),
        lambda: (source.write_text("id: ferry-notice\ntitle: Ferry notice\noutlet: Farrowden Weekly\n"
                                   "published: 2019-04-01\nlanguage: en\nfile: ferry-notice.txt\n", encoding="utf-8"),
                 (lighthouse / "seeds/ferry-notice.txt").write_text(
                     "Ferries to Farrow Point resume. Morwen Tallack, zephyrine quartermaster, "
                     "said the quay at Farrowden reopens in May.\n", encoding="utf-8")),
        lambda: (source.unlink(), (lighthouse / "seeds/ferry-notice.txt").unlink()),
        lambda: person.unlink(),
    ]
    deferred = []
    for number, step in enumerate(steps):
        step()
        preview()
        assert preview.built.outcome.reused > 0, f"step {number}: pages were converted again"
        clean = Project(lighthouse, site_dir=tmp_path / f"clean-{number}")
        build(clean, clean=True)
        expected = files_of(clean.site_dir)
        rebuilt = files_of(site)  # the search index, data files, feed and citations follow the pages (finish)
        waiting = {name for name in expected | rebuilt if rebuilt.get(name) != expected.get(name)}
        assert all(name in LATER_FILES or name.startswith("search/") for name in waiting), f"step {number}"
        assert preview.built.outcome.search_later is not None
        deferred.append(len(waiting))
        if number == 0:  # an edit came before the index and data files were written: they wait
            ours, theirs = multiprocessing.Pipe()
            theirs.send(False)
            preview.finish(ours)
            assert files_of(site) == rebuilt
        preview.finish()
        rebuilt = files_of(site)
        assert sorted(rebuilt) == sorted(expected), f"step {number}"
        assert [name for name in expected if rebuilt[name] != expected[name]] == [], f"step {number}"
        if number == 2:
            assert "sources/ferry-notice/index.html" in rebuilt
            assert any(b"zephyrine" in data for name, data in rebuilt.items() if name.startswith("search/"))
    assert deferred[0] > 0  # the description edit: the data files came after the pages
    assert files_of(site).keys() == first.keys()
    assert not (site / "people/morwen-tallack").exists() and not (site / "sources/ferry-notice").exists()
