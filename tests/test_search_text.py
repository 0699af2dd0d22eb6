"""The search sections Dossier reads (site/searchtext.py) are the theme's own: the same
entries as Material's parser on every page of three dossiers and on HTML written to catch
its quirks; what it cannot read with certainty is left to the theme."""

import pytest
from material.plugins.search.plugin import Parser

from builder.commands.build import Project, build
from builder.site.prerendered import convert
from builder.site.searchtext import _excluded_run, sections
from conftest import FIXTURES, copy_dossier


# What the index is made from (searchtext.add_entries): every section's tag, exclusion and
# id, and the title and text of each section not excluded (an excluded one's are never read:
# searchtext passes over most of them).
def theirs(content: str) -> list:
    parser = Parser()
    parser.feed(content)
    parser.close()
    return [(s.el.tag, s.el.is_excluded(), s.id) + (() if s.el.is_excluded() else (s.title, s.text))
            for s in parser.data]


def ours(content: str) -> list | None:
    found = sections(content)
    return None if found is None else [(s.tag, s.excluded, s.id) + (() if s.excluded else (s.title, s.text))
                                       for s in found]


@pytest.mark.parametrize("name", ["lighthouse", "hostile", "delta"])
def test_every_page_gives_the_themes_sections(name, tmp_path):
    """Each page's content as search reads it; and whole HTML files (a doctype, comments)
    are either read the same or left to the theme."""
    root = copy_dossier(FIXTURES / name, tmp_path / name)
    build(Project(root))
    pages = sorted((root / "build/docs").rglob("*.md"))
    assert len(pages) > 15
    for page in pages:
        content = convert(page.read_text(encoding="utf-8").split("\n---\n", 1)[-1]).html
        assert ours(content) == theirs(content), page
    for page in sorted((root / "site").rglob("*.html")):
        content = page.read_text(encoding="utf-8")
        assert ours(content) in (None, theirs(content)), page


QUIRKS = [
    # an excluded element is remembered by its tag: a nested div of the same tag ends it early
    '<h1 id="a">A</h1><div data-search-exclude=""><div>in</div>after inner</div><p>out</p>',
    '<h2 id="x" data-search-exclude>Gone</h2><p>hidden section</p><h2 id="y">Kept</h2><p>text</p>',
    '<p>before any heading</p><h3 id="z">Z<a class="headerlink" href="#z">&para;</a></h3><ul><li> </li></ul>',
    '<h1 id="t">T &amp; &lt;b&gt;</h1><pre>  two\n  lines </pre><p>x<br>y<img src="a.png"/>z</p>',
    '<div><h2 id="n">Nested</h2><p>in</p></div><p>after</p><sup>1</sup><sub> </sub><code>c</code>',
    '<h1 id="q">Q</h1><script type="application/json">{"a": "b"}</script><style>p{}</style><p>t</p>',
    '<h1 id="c" class="linenodiv">C</h1><div class="linenodiv">1 2</div><p>k</p>',
    # excluded sections, passed over where they close all they open (searchtext._excluded_run)
    '<h2 id="x" data-search-exclude>X</h2><div data-search-exclude=""><div>a</div>b</div><p>c</p>'
    '<h2 id="y">Y</h2><p>d</p>',
    '<h2 id="x" data-search-exclude>X</h2><div><p>open</div><h2 id="y">Y</h2><p>after an unclosed p</p>',
    '<h2 id="x" data-search-exclude>X</h2><svg><a href="#"><title>t</title><circle r="1"/></a></svg><br>'
    '<H2 id="y">Y</H2><P>e</P>',
    '<h2 id="x" data-search-exclude>X</h2><script type="application/json">["</div>"]</script>'
    '<h2 id="y">Y</h2><p>f</p>',
    '<h2 id="x" data-search-exclude>X</h2><p title="a <h2 b">g</p></div><h2 id="y">Y</h2><p>h</p>',
    '<h2 id="x" data-search-exclude>X</h2><div data-search-exclude=""><p>i</p></div><div>j</div>',
]


@pytest.mark.parametrize("content", QUIRKS)
def test_the_themes_quirks_are_kept(content):
    assert ours(content) == theirs(content)


@pytest.mark.parametrize("content", ["<p>a < b</p>", "<p>x</p><!-- a comment -->", "<p>y</p><script>"])
def test_what_cannot_be_read_with_certainty_is_left_to_the_theme(content):
    assert sections(content) is None


def test_an_excluded_part_is_passed_over_only_where_it_closes_all_it_opens():
    page = '<h2 id="x" data-search-exclude>X</h2>{}<h2 id="y">Y</h2><p>kept</p>'
    start = page.index("</h2>") + len("</h2>")
    for part, passed in [('<div class="a"><svg><circle r="1"/><br></svg></div>', True),
                         ("<div><p>open</div>", False), ("<p>a < b</p>", False),
                         ("<div></span></div>", False)]:
        content = page.format(part)
        assert _excluded_run(content, start) == (content.index('<h2 id="y"') if passed else None), part


def test_an_excluded_section_is_tried_once_however_many_elements_it_holds(monkeypatch):
    """A part that cannot be passed over is read tag by tag, not checked again from each of
    its elements (which would read the rest of the section once per element)."""
    import builder.site.searchtext as searchtext

    calls = []
    real = searchtext._excluded_run
    monkeypatch.setattr(searchtext, "_excluded_run",
                        lambda content, at: calls.append(at) or real(content, at))
    content = '<h2 id="x" data-search-exclude>X</h2></span>' + "<p>a</p>" * 50 + '<h2 id="y">Y</h2><p>b</p>'
    assert ours(content) == theirs(content)
    assert len(calls) == 1
