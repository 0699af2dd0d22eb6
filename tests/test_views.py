"""The SVG views drawn at build time (views.py): what they draw for each kind of date, and that
every text in them stays text (the same dossier giving the same bytes is test_site's
two-builds test)."""

import html
import math
import re
from collections import Counter
from datetime import date

import pytest

from builder.pages.views.graph import Edge, Node, graph_svg
from builder.pages.views.map import MapPoint, map_svg
from builder.pages.views.timeline import TimeItem, timeline_svg

ITEMS = [
    TimeItem("a", "Known to the day", date(2019, 7, 10), date(2019, 7, 10), "day", "10 July 2019", "a/", "Iraq"),
    TimeItem("b", "Known to the month", date(2019, 7, 1), date(2019, 7, 31), "month", "July 2019", "b/", "Iraq"),
    TimeItem("c", "Late in a year", date(2017, 9, 1), date(2017, 12, 31), "part", "late 2017", "c/", "Russia"),
]


def mark(svg: str, href: str) -> str:
    return re.search(rf'<a href="{href}" class="item item-\w+">.*?</a>', svg).group(0)


def test_a_day_is_a_dot_a_month_spans_the_month_and_a_vague_period_fades():
    svg = timeline_svg(ITEMS)
    assert "<circle" in mark(svg, "a/") and "<rect" not in mark(svg, "a/")
    year = [float(x) for x in re.findall(r'<line class="tick-year" x1="([\d.]+)"', svg)]
    per_day = (year[2] - year[1]) / 365  # 2018 to 2019 (the picture starts in September 2017)
    month = mark(svg, "b/")
    width = float(re.search(r'width="([\d.]+)"', month).group(1))
    assert abs(width - 31 * per_day) < 0.2  # all of July, not a point at its first day
    assert 'class="item item-part"' in mark(svg, "c/")  # drawn with the fading fill (dossier.css)
    assert "Russia" in svg and "Iraq" in svg  # one lane per place


def test_zooming_in_spreads_the_same_items_wider():
    narrow, wide = timeline_svg(ITEMS, zoom=1), timeline_svg(ITEMS, zoom=36)
    width = lambda svg: float(re.search(r'<svg[^>]* width="([\d.]+)"', svg).group(1))
    assert width(wide) > 20 * width(narrow)


def test_every_text_in_a_view_stays_text():
    payload = '<script>alert(1)</script>" onload="alert(2)'
    svgs = [timeline_svg([TimeItem("x", payload, date(2020, 1, 1), date(2020, 1, 1), "day", payload,
                                   'x/" onclick="alert(3)', payload, [payload])]),
            map_svg([MapPoint("x", payload, 10.0, 10.0, "x/", [payload])]),
            graph_svg([Node("x", payload, "people", "x/"), Node("y", "Y", "places", "y/")],
                      [Edge("x", "y", payload)], {"x": (10.0, 10.0), "y": (100.0, 100.0)}, 700, 420)]
    for svg in svgs:
        assert "<script" not in svg and ' onload="' not in svg and ' onclick="' not in svg
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in svg


def test_the_map_frames_its_places_and_draws_country_outlines():
    svg = map_svg([MapPoint("m", "Moscow", 55.75, 37.62, "m/"), MapPoint("b", "Baghdad", 33.34, 44.4, "b/")])
    assert svg.count('<path class="land"') > 10 and svg.count('class="place"') == 2
    xs = [float(x) for x in re.findall(r'<circle cx="([\d.-]+)"', svg)]
    assert all(0 < x < 920 for x in xs)


def test_the_ties_page_lists_each_tie_with_what_states_it(lighthouse):
    from builder.commands.build import Project, generate
    from builder.pages.paths import GRAPH_PAGE, entity_page

    generate(Project(lighthouse))
    docs = lighthouse / "build/docs"
    ties = (docs / GRAPH_PAGE).read_text().split("## Every tie")[1]
    # a key fact: the lamp's keeper took part, stated by the event's participants
    event = '<a href="../events/lamp-switched-off/">The lamp at Farrow Point is switched off</a>'
    took_part = '<a href="../events/lamp-switched-off/#fact-participants">took part in</a>'
    keeper = '<a href="../people/osric-penhallow/">Osric Penhallow</a>'
    assert f"<li>{keeper} — {took_part} — {event}</li>" in ties
    # co-citation: the event's date and Farrow Point's 'within' quote the same passage
    assert f'— <a href="../sources/harbour-gazette/#line-6">quoted together</a> — {event}</li>' in ties
    picture = (docs / GRAPH_PAGE).read_text().split("<svg")[1].split("</svg>")[0]
    assert "edge-quoted-together" not in picture  # listed, not drawn in the whole picture
    person = (docs / entity_page("places", "farrow-point")).read_text()
    assert "edge-quoted-together" in person  # but drawn around the entity on its page


def test_links_in_views_are_the_relative_addresses_of_the_site():
    import posixpath
    from itertools import product

    from builder.core.markup import html_href, page_url
    from builder.pages.paths import MAP_PAGE, entity_page, source_page

    pages = ["index.md", "map.md", "events/index.md", "events/a.md", "people/b.md", "sources/c.md",
             MAP_PAGE, entity_page("events", "a"), entity_page("people", "b"), source_page("c")]  # as built
    for here, there, directory in product(pages, pages, (True, False)):
        base = page_url(here, directory)
        base = base.rstrip("/") if directory else posixpath.dirname(base)
        expected = posixpath.relpath(page_url(there, directory).rstrip("/") or ".", base or ".")
        if directory:
            expected = "./" if expected == "." else expected + "/"
        assert html_href(here, there, directory) == expected, (here, there, directory)


def drawn(svg: str):
    """The marks and label boxes of a drawn graph: (id, x, y, r) and (x0, y0, x1, y1)."""
    from builder.pages.views.svg import CHAR_WIDTH

    marks, labels = [], []
    for href, cx, cy, r, text in re.findall(r'<a href="([^"]*)"[^>]*><title>.*?</title><circle cx="([\d.-]+)" '
                                            r'cy="([\d.-]+)" r="(\d+)"/>(.*?)</a>', svg):
        marks.append((href, float(cx), float(cy), int(r)))
        found = re.match(r'<text x="([\d.-]+)" y="([\d.-]+)"(?: text-anchor="(\w+)")?>(.*?)</text>', text)
        if found:
            x, y, anchor, words = float(found[1]), float(found[2]), found[3], found[4]
            w = CHAR_WIDTH * len(html.unescape(words))
            x0 = {"end": x - w, "middle": x - w / 2}.get(anchor, x)
            labels.append((href, (x0, y - 9, x0 + w, y + 3)))
    return marks, labels


def held_out_graph(shape: str, n: int = 100):
    """Graphs the layout was not tuned on: names of realistic lengths, several shapes."""
    import random

    rng = random.Random(shape)
    kinds = ["people", "organizations", "places", "events"]
    words = ["Ministry", "of", "Northern", "Affairs", "Council", "River", "Port", "Hearing", "on", "the",
             "Agency", "Commission", "Valley", "Summit", "Harbour", "Court", "Appeal", "Mission"]
    nodes = [Node(f"n{i}", " ".join(rng.choice(words) for _ in range(rng.randint(1, 6))), rng.choice(kinds), f"n{i}/")
             for i in range(n)]
    edges = []
    if shape == "preferential":  # a few hubs tied to many, as in a dossier
        targets = ["n0"]
        for i in range(1, n):
            for t in sorted({rng.choice(targets) for _ in range(rng.randint(1, 3))}):
                edges.append(Edge(f"n{i}", t, "role"))
                targets += [t, f"n{i}"]
    elif shape == "one hub":
        edges = [Edge("n0", f"n{i}", "within") for i in range(1, n)]
    elif shape == "many groups":  # small separate groups of three
        edges = [Edge(f"n{i}", f"n{i + 1}", "took part in") for i in range(0, n - 1) if i % 3 != 2]
    return nodes, edges


@pytest.mark.parametrize("shape", ["preferential", "one hub", "many groups"])
def test_a_graph_of_a_hundred_entities_keeps_labels_apart_and_off_the_marks(shape):
    from builder.pages.views.graph import whole_graph

    nodes, edges = held_out_graph(shape)
    svg = whole_graph(nodes, edges, width=1000)
    width, height = (float(v) for v in re.search(r'viewBox="0 0 ([\d.]+) ([\d.]+)"', svg).groups())
    marks, labels = drawn(svg)
    assert len(marks) == 100
    for href, x, y, r in marks:
        assert r <= x <= width - r and r <= y <= height - r, "every mark inside the picture"
    for i, (_, x, y, r) in enumerate(marks):
        for _, x2, y2, r2 in marks[i + 1:]:
            assert math.hypot(x - x2, y - y2) >= r + r2, "no mark hides another"
    for i, (href, box) in enumerate(labels):
        assert 0 <= box[0] and box[2] <= width and 0 <= box[1] and box[3] <= height
        for _, other in labels[i + 1:]:
            assert not meet(box, other), "no label covers another"
        for mark_href, x, y, r in marks:
            if mark_href != href:
                assert not meet(box, (x - r, y - r, x + r, y + r)), "no label covers another mark"
    degree = Counter([e.a for e in edges] + [e.b for e in edges])
    hubs = {f"{node}/" for node, _ in degree.most_common(5)}
    assert hubs <= {href for href, _ in labels}, "the most tied entities are named"
    assert len(labels) >= 0.6 * len(marks)


def meet(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]
