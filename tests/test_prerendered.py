"""The pages are written once, as HTML (site/prerendered.py): the HTML stage takes each page's
body from the builder instead of converting Markdown, and every renderer of build/docs
(Python-Markdown under MkDocs, ProperDocs) must still give the same pages."""

import os
import re
import subprocess
import sys
from pathlib import Path

import markdown
import pytest
from mkdocs.config import load_config
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from builder.commands.build import Project, build, check
from builder.core.errors import DossierError
from builder.core.markup import md
from builder.site import prerendered
from builder.site.build import MARKER, _environment, build_epoch, build_site
from conftest import FIXTURES, copy_dossier
from test_incremental import CONFIG, files_of


def python_markdown(text: str, config) -> tuple[str, list, str | None, set]:
    """What MkDocs makes of a page body: its HTML, table of contents, title and anchors."""
    file = File("page.md", config.docs_dir, config.site_dir, True)
    page = Page(None, file, config)
    page.markdown = text
    page.render(config, Files([file]))
    converter = markdown.Markdown(extensions=config.markdown_extensions, extension_configs=config.mdx_configs)
    converter.convert(text)
    return page.content, converter.toc_tokens, page._title_from_render, page.present_anchor_ids


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict[str, Path]:
    roots = {}
    for name in ("lighthouse", "hostile"):
        root = copy_dossier(FIXTURES / name, tmp_path_factory.mktemp(name) / name)
        build(Project(root))
        roots[name] = root
    return roots


@pytest.fixture(scope="module")
def config(built):
    """Dossier's configuration as MkDocs reads it (the one prerendered.convert is written for)."""
    loaded = load_config(str(built["lighthouse"] / "build/mkdocs.yml"))
    assert prerendered.applies(loaded)
    return loaded


def test_every_generated_page_is_what_python_markdown_makes_of_it(built, config):
    """Each page of two dossiers (one of hostile text) is in the builder's form, and what
    prerendered.convert writes from it is byte for byte what Python-Markdown writes, with the
    same table of contents, title and anchors."""
    pages = 0
    for root in built.values():
        for path in sorted((root / "build/docs").rglob("*.md")):
            text = path.read_text(encoding="utf-8")
            body = text.split("\n---\n", 1)[1] if text.startswith("---\n") else text
            done = prerendered.convert(body)
            assert done is not None, f"{path} is not in the builder's form"
            html, toc, title, anchors = python_markdown(body, config)
            assert done.html == html, path
            assert done.toc == toc, path
            assert done.title == title, path
            assert done.anchors == anchors, path
            pages += 1
    assert pages >= 40


@pytest.mark.parametrize("heading", [
    "Anna & <b>Kuz</b>", "[Harbour](javascript:alert('x'))", "*bold* _u_ `c` \\ | ! # + - .",
    "Claims", "Кузнецова", "  spaced\tout  ", "{: #evil .x} trailing #", "&amp; &#x27; &lt;",
    "1. not a list"])
def test_a_heading_of_any_text_converts_as_python_markdown_does(heading, config):
    """Headings are the one piece of Markdown left: their text, escaped by markup.md, comes
    out as Python-Markdown writes it, with the id it would give (a slug, made unique)."""
    body = f"# {md(heading)}\n<p>x</p>\n## {md(heading)} {{#claims}}\n## {md(heading)}\n<p>y</p>\n"
    done = prerendered.convert(body)
    html, toc, title, anchors = python_markdown(body, config)
    assert (done.html, done.toc, done.title, done.anchors) == (html, toc, title, anchors)


def test_a_page_in_another_form_is_left_to_markdown():
    assert prerendered.convert("# A\n\nSee [b](b.md).\n") is None
    assert prerendered.convert("<p>a</p>\n#Not a heading\n") is None


def test_the_html_stage_gives_what_mkdocs_gives_for_hostile_text(built, tmp_path):
    """A bare `mkdocs build` of build/docs writes the same site as `dossier build` (which
    converts nothing), for a dossier whose every text is an HTML, script or Markdown payload."""
    from mkdocs.commands.build import build as mkdocs_build

    root = built["hostile"]
    with _environment(build_epoch(check(root))):
        mkdocs_build(load_config(str(root / "build/mkdocs.yml"), site_dir=str(tmp_path / "stock")))
    ours = {k: v for k, v in files_of(root / "site").items() if k not in (MARKER, ".gitignore")}
    assert ours == files_of(tmp_path / "stock")


def test_properdocs_builds_the_same_pages(built, tmp_path):
    """ProperDocs (the maintained MkDocs 1.x fork) renders build/docs to the same pages; only
    the generator named in each page's head differs."""
    root = built["lighthouse"]
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(build_epoch(check(root))), "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run([sys.executable, "-m", "properdocs", "build", "-q", "-f",
                           str(root / "build/mkdocs.yml"), "-d", str(tmp_path / "proper")],
                          capture_output=True, text=True, env=env, timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    generator = re.compile(rb'<meta name="generator" content="[^"]*">')
    ours, theirs = ({k: generator.sub(b"", v) for k, v in files_of(site).items() if k.endswith(".html")}
                    for site in (root / "site", tmp_path / "proper"))
    assert len(ours) > 20 and ours == theirs


def test_a_broken_link_or_anchor_in_a_page_written_as_html_fails_the_build(tmp_path):
    """The builder's HTML links are checked as MkDocs checks Markdown links: a page that is
    not there and an anchor that is not in its page are errors, naming the page and link."""
    docs = tmp_path / "docs"
    docs.mkdir()
    extensions = "".join(f"  - {name}\n" for name in sorted(prerendered.EXTENSIONS - {"toc"}))
    (tmp_path / "mkdocs.yml").write_text(
        f"{CONFIG}markdown_extensions:\n{extensions}  - toc:\n      permalink: true\n", encoding="utf-8")
    (docs / "index.md").write_text('# Home\n<p><a href="b/#part">b</a> <a href="c/">c</a></p>\n',
                                   encoding="utf-8")
    (docs / "b.md").write_text("# B\n## Part {#part}\n<p>Text.</p>\n", encoding="utf-8")
    (docs / "c.md").write_text('# C\n<p><a href="../b/#gone">gone</a> <a href="../d/">d</a></p>\n',
                               encoding="utf-8")

    def run():
        return build_site(tmp_path / "mkdocs.yml", tmp_path / "site", 0, root=tmp_path,
                          cache_file=tmp_path / "cache" / "html.marshal")

    with pytest.raises(DossierError) as caught:
        run()
    messages = " ".join(d.message for d in caught.value.diagnostics)
    assert "c.md" in messages and "#gone" in messages and "../d/" in messages, messages
    (docs / "c.md").write_text('# C\n<p><a href="../b/#part">part</a></p>\n', encoding="utf-8")
    run()
    assert 'href="b/#part"' in (tmp_path / "site/index.html").read_text(encoding="utf-8")


def test_every_page_is_the_index_of_its_own_folder(built):
    """pages/paths.py: with the source file and the HTML of a page in the same folder, a
    relative link in the page's HTML means the same read from its address (MkDocs, browsers)
    and from its source file (Zensical, which rewrites every link of a page for its address)."""
    for root in built.values():
        pages = sorted((root / "build/docs").rglob("*.md"))
        assert pages and all(page.name == "index.md" for page in pages), [
            page for page in pages if page.name != "index.md"]
