"""The Ties view (views/graph.py, pages/ties.py, graph.md.j2, view-ties.css and .js): a legend
of every kind drawn, ties that hide with the kind of either end, every mark named, labels
apart, the list of ties collapsed; in Chromium, a picture that fits a phone with labels of
11 px or more, a short page, filters that hide ties, and hover that lights a mark's ties."""

import html
import math
import re
from collections import Counter

import pytest

from builder.pages.paths import GRAPH_PAGE, entity_page
from builder.pages.views.graph import Edge, Node, graph_svg, whole_graph
from test_views import held_out_graph, meet

PHONE = {"width": 390, "height": 844}
DESK = {"width": 1280, "height": 900}


def svgs(text: str) -> list[str]:
    return re.findall(r'<svg class="dossier-view dossier-graph-svg".*?</svg>', text, re.S)


def marks_of(svg: str) -> dict[str, dict]:
    """data-n -> the mark's kind, circle (x, y, r), label text and box (as the builder
    estimates it) and full name."""
    from builder.pages.views.graph import text_width

    found = {}
    for m in re.finditer(r'<a href="[^"]*" class="node node-([\w-]+)([^"]*)" data-n="(\d+)">'
                         r'<title>(.*?)</title><circle cx="([\d.-]+)" cy="([\d.-]+)" r="(\d+)"/>(.*?)</a>',
                         svg):
        kind, extra, n, name, x, y, r, rest = m.groups()
        label = box = None
        text = re.match(r'<text x="([\d.-]+)" y="([\d.-]+)"(?: text-anchor="(\w+)")?>(.*?)</text>', rest)
        if text:
            tx, ty, anchor, label = float(text[1]), float(text[2]), text[3], html.unescape(text[4])
            w = text_width(label, bold="node-center" in extra)
            x0 = {"end": tx - w, "middle": tx - w / 2}.get(anchor, tx)
            box = (x0, ty - 9, x0 + w, ty + 3)
        found[n] = {"kind": kind, "x": float(x), "y": float(y), "r": int(r), "label": label, "box": box,
                    "name": html.unescape(name)}
    return found


def assert_every_mark_named_and_apart(svg: str) -> None:
    width, height = (float(v) for v in re.search(r'viewBox="0 0 ([\d.]+) ([\d.]+)"', svg).groups())
    marks = marks_of(svg)
    assert marks
    for n, m in marks.items():
        assert m["label"], f"mark {m['name']!r} has no label"
        cut = m["label"].endswith("…") and m["name"].startswith(m["label"][:-1])
        assert m["label"] == m["name"] or cut, "the name, or its start and '…' (all in <title>)"
        assert m["r"] <= m["x"] <= width - m["r"] and m["r"] <= m["y"] <= height - m["r"]
        box = m["box"]
        assert 0 <= box[0] and box[2] <= width and 0 <= box[1] and box[3] <= height, "inside the picture"
        for o, other in marks.items():
            if o == n:
                continue
            x, y, r = other["x"], other["y"], other["r"]
            assert not meet(box, (x - r, y - r, x + r, y + r)), f"{m['label']!r} covers {other['name']!r}"
            if o > n:
                assert not meet(box, other["box"]), f"{m['label']!r} covers {other['label']!r}"
                assert math.hypot(m["x"] - x, m["y"] - y) >= m["r"] + r, "no mark hides another"


@pytest.mark.parametrize("shape", ["preferential", "one hub", "many groups"])
@pytest.mark.parametrize("n, width, outward", [(120, 1000, True), (16, 340, False)])
def test_every_mark_is_named_and_no_label_covers_another_label_or_mark(shape, n, width, outward):
    nodes, edges = held_out_graph(shape, n)
    svg = whole_graph(nodes, edges, width=width, label_chars=32 if outward else 24, outward=outward)
    assert_every_mark_named_and_apart(svg)
    degree = Counter([e.a for e in edges] + [e.b for e in edges])
    most = degree.most_common(1)[0][0]
    hub = marks_of(svg)[str(next(i for i, node in enumerate(nodes) if node.id == most))]
    assert not hub["label"].endswith("…") or len(hub["name"]) > 32, "the most tied keeps its whole label"


def test_each_tie_carries_the_kinds_and_numbers_of_both_ends():
    nodes, edges = held_out_graph("preferential", 60)
    svg = whole_graph(nodes, edges, width=1000)
    kinds = {n: m["kind"] for n, m in marks_of(svg).items()}
    lines = re.findall(r'<line class="edge ([^"]+)" data-a="(\d+)" data-b="(\d+)"', svg)
    assert len(lines) == len(edges)
    for classes, a, b in lines:
        assert {f"end-{kinds[a]}", f"end-{kinds[b]}"} <= set(classes.split()), classes


def test_the_same_graph_is_drawn_byte_for_byte_the_same():
    nodes, edges = held_out_graph("preferential", 80)
    assert whole_graph(nodes, edges, 1000) == whole_graph(list(nodes), list(edges), 1000)


def test_hostile_names_and_kinds_stay_text_in_the_picture_and_the_legend():
    from builder.pages.views.graph import legend

    payload = '<script>alert(1)</script>" onmouseover="alert(2)'
    svg = graph_svg([Node("x", payload, "people", "x/"), Node("y", "Y", payload, "y/")],
                    [Edge("x", "y", payload)], {"x": (10.0, 10.0), "y": (100.0, 100.0)}, 340, 200)
    key = legend([(payload, payload)], [payload], filters=True)
    for text in (svg, key):
        assert "<script" not in text and ' onmouseover="' not in text
        assert "&lt;script&gt;" in text


@pytest.fixture(scope="module")
def lighthouse_docs(tmp_path_factory):
    from builder.commands.build import Project, generate
    from conftest import FIXTURES, copy_dossier

    root = copy_dossier(FIXTURES / "lighthouse", tmp_path_factory.mktemp("ties") / "lighthouse")
    generate(Project(root))
    return root / "build" / "docs"


def test_the_legend_names_every_kind_of_entity_and_tie_drawn(lighthouse_docs):
    page = (lighthouse_docs / GRAPH_PAGE).read_text(encoding="utf-8")
    legend = re.search(r'<div class="dossier-legend">.*?</div>', page, re.S).group(0)
    for svg in svgs(page):
        for kind in set(re.findall(r'class="node node-([\w-]+)', svg)):
            assert f'id="show-{kind}" checked' in legend and f'dossier-key node-{kind}' in legend, kind
        for kind in set(re.findall(r'class="edge edge-([\w-]+)', svg)):
            assert f'class="edge edge-{kind}"' in legend, kind
    assert legend.index("<svg") > 0 and page.index(legend) < page.index('<svg class="dossier-view')


def test_the_ties_page_has_a_picture_for_a_phone_and_its_list_collapsed(lighthouse_docs):
    page = (lighthouse_docs / GRAPH_PAGE).read_text(encoding="utf-8")
    wide, narrow = svgs(page)
    assert 'viewBox="0 0 1000 ' in wide and 'viewBox="0 0 340 ' in narrow
    assert "edge-quoted-together" not in wide + narrow, "co-citation: listed, drawn on entity pages only"
    listed = page.split("## Every tie")[1]
    opening = re.search(r"<details[^>]*>", listed).group(0)
    # closed, and HTML inside: no markdown attribute
    assert "open" not in opening and opening == '<details class="dossier-ties-list">'
    inside = listed.index(opening) < listed.index("\n<ul>\n<li>") < listed.index("</details>")
    assert inside, "the list inside"
    for svg in (wide, narrow):
        assert_every_mark_named_and_apart(svg)


def test_an_entity_page_has_its_ties_around_it_and_in_a_column(lighthouse_docs):
    page = (lighthouse_docs / entity_page("places", "farrow-point")).read_text(encoding="utf-8")
    assert '<div class="dossier-ties dossier-ties-ego">' in page and '<div class="dossier-legend">' in page
    wide, narrow = svgs(page)
    assert 'viewBox="0 0 700 420"' in wide and 'viewBox="0 0 340 ' in narrow
    for svg in (wide, narrow):
        assert "node-center" in svg and "edge-quoted-together" in svg
        assert_every_mark_named_and_apart(svg)
    column = marks_of(narrow)
    assert len({m["x"] for m in column.values()}) == 2, "the entity, and a column of its ties"
    assert all(m["box"][0] > m["x"] for m in column.values()), "every label to the right of its mark"


# In Chromium, on the bundled dossier (conftest: served).

def open_page(browser, url: str, viewport: dict, script: bool = True):
    from browsing import Console

    context = browser.new_context(viewport=viewport, java_script_enabled=script)
    tab = context.new_page()
    tab.console = Console(tab)
    tab.goto(url, wait_until="networkidle")
    return context, tab


MEASURE = """() => {
    const shown = [...document.querySelectorAll('svg.dossier-graph-svg')]
        .filter(s => s.getClientRects().length);
    const texts = shown.flatMap(s => [...s.querySelectorAll('a.node')].filter(a => a.getClientRects().length)
        .map(a => { const t = a.querySelector('text');
                    return t ? parseFloat(getComputedStyle(t).fontSize) * s.getBoundingClientRect().width
                               / s.viewBox.baseVal.width : 0; }));
    return {pictures: shown.map(s => { const b = s.getBoundingClientRect(); return [b.left, b.right]; }),
            pageWidth: document.documentElement.scrollWidth,
            pageHeight: document.documentElement.scrollHeight, fonts: texts};
}"""


@pytest.mark.browser
@pytest.mark.slow
@pytest.mark.parametrize("page", ["graph/", "people/anna-kuznetsova/"])
def test_on_a_phone_the_picture_fits_and_its_labels_are_11_px_or_more(served, browser, page):
    context, tab = open_page(browser, served + page, PHONE)
    seen = tab.evaluate(MEASURE)
    assert seen["pageWidth"] <= PHONE["width"], "nothing overflows the page sideways"
    assert len(seen["pictures"]) == 1
    left, right = seen["pictures"][0]
    assert 0 <= left and right <= PHONE["width"]
    assert seen["fonts"] and min(seen["fonts"]) >= 11, "every mark is labelled, at 11 px or more"
    if page == "graph/":
        assert seen["pageHeight"] < 3500
        tab.click("label[for=ties-whole]")  # the whole picture: wider than the screen, scrolling in its frame
        seen = tab.evaluate(MEASURE)
        assert seen["pageWidth"] <= PHONE["width"] and min(seen["fonts"]) >= 11
        assert seen["pictures"][0][1] - seen["pictures"][0][0] > PHONE["width"]
    assert tab.console.errors == []
    context.close()


@pytest.mark.browser
@pytest.mark.slow
def test_the_ties_page_is_short_with_its_list_collapsed(served, browser):
    context, tab = open_page(browser, served + "graph/", DESK)
    seen = tab.evaluate(MEASURE)
    assert seen["pageHeight"] < 2500 and min(seen["fonts"]) >= 11
    assert not tab.is_visible(".dossier-ties-list li")
    tab.click(".dossier-ties-list > summary")
    assert tab.is_visible(".dossier-ties-list li")
    context.close()


@pytest.mark.browser
@pytest.mark.slow
@pytest.mark.parametrize("viewport", [DESK, PHONE])
def test_unticking_a_kind_hides_its_marks_and_its_ties(served, browser, viewport):
    context, tab = open_page(browser, served + "graph/", viewport, script=False)  # CSS alone
    shown = """kind => { const svg = [...document.querySelectorAll('svg.dossier-graph-svg')]
                                     .find(s => s.getClientRects().length);
        const vis = sel => [...svg.querySelectorAll(sel)].filter(e => e.getClientRects().length).length;
        return {ties: vis('line.edge'), ends: vis('line.end-' + kind), marks: vis('a.node-' + kind)}; }"""
    before = tab.evaluate(shown, "places")
    assert before["ends"] > 0 and before["marks"] > 0
    tab.click("label[for=show-places]")
    after = tab.evaluate(shown, "places")
    assert after == {"ties": before["ties"] - before["ends"], "ends": 0, "marks": 0}
    tab.click("label[for=show-places]")
    assert tab.evaluate(shown, "places") == before
    context.close()


@pytest.mark.browser
@pytest.mark.slow
def test_hover_and_focus_light_a_marks_ties_and_neighbours_and_dim_the_rest(served, browser):
    context, tab = open_page(browser, served + "graph/", DESK)
    opacity = """() => { const svg = document.querySelector('svg.dossier-graph-svg');
        const o = el => parseFloat(getComputedStyle(el).opacity);
        return [...svg.querySelectorAll('a.node')].map(a => [a.dataset.n, o(a)])
            .concat([...svg.querySelectorAll('line.edge')]
                    .map(l => [l.dataset.a + '-' + l.dataset.b, o(l)])); }"""
    tab.hover("svg.dossier-graph-svg a.node[href*='baghdad'] circle")
    tab.wait_for_timeout(400)  # the fade
    n = tab.get_attribute("svg.dossier-graph-svg a.node[href*='baghdad']", "data-n")
    lit = dict(tab.evaluate(opacity))
    ties = [key for key in lit if "-" in key and n in key.split("-")]
    neighbours = {end for key in ties for end in key.split("-")}
    assert ties and all(lit[key] == 1 for key in ties) and all(lit[end] == 1 for end in neighbours)
    others = [key for key in lit if key not in ties and key not in neighbours]
    assert others and all(lit[key] < 0.5 for key in others)
    tab.mouse.move(2, 880)
    tab.wait_for_timeout(400)
    assert all(value == 1 for value in dict(tab.evaluate(opacity)).values())
    tab.focus("svg.dossier-graph-svg a.node[href*='baghdad']")  # the keyboard too
    tab.wait_for_timeout(400)
    assert dict(tab.evaluate(opacity)) == lit
    assert tab.console.errors == []
    context.close()
