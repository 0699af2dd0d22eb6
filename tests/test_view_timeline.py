"""The timeline view (pages/views/timeline.py) as readers need it: the picture starts at the
earliest event, long empty stretches are drawn narrow, every scale names the years, no
label runs past the picture (by the CHAR_WIDTH estimate, and in Chromium by the real
glyphs), marks are links in chronological order, every text stays text, the same items
give the same bytes; and in Chromium at desktop and phone widths, with JavaScript on and
off, the earliest event and every lane name are in view on load and the lane names and
the current year stay in view while the chart scrolls sideways."""

from __future__ import annotations

import html
import random
import re
from datetime import date, timedelta
from pathlib import Path

import pytest

from builder.commands.build import Project, generate
from builder.pages.views.svg import CHAR_WIDTH
from builder.pages.views.timeline import (GAP, LEFT, LANE_CHAR, MAX_LABEL, ZOOMS, TimeItem, period_words,
                                          shorten, spans, timeline_svg, zoomable_timeline)

GOLDEN = Path(__file__).parent / "golden" / "lighthouse"
LONG = "Extraordinary session of the regional assembly on the harbour reconstruction budget"


def item(n: int, name: str, start: date, end: date | None = None, precision: str = "day",
         lane: str = "Iraq") -> TimeItem:
    return TimeItem(f"e{n}", name, start, end or start, precision, start.isoformat(), f"e{n}/", lane, ["S"])


def dossier(seed: int = 1, n: int = 60) -> list[TimeItem]:
    """Events of 2010-2019 on four lanes with names of every length, one outlier in 1999,
    periods of each precision, several on the last days of the last year."""
    rng = random.Random(seed)
    items = [item(0, "Early outlier", date(1999, 5, 12), lane="No place given")]
    for n in range(1, n):
        start = date(2010, 1, 1) + timedelta(days=rng.randrange(3650 - 500))
        precision = rng.choice(["day", "day", "month", "year", "part", "range"])
        days = {"day": 0, "month": 30, "year": 364, "part": 120, "range": 500}[precision]
        end = start + timedelta(days=days)
        name = " ".join(rng.choice(["harbour", "Council", "report", "W", "vessel", "inquiry"])
                        for _ in range(rng.randint(1, 16)))
        lane = rng.choice(["Iraq", "Russia", "Syria", "Kurdistan"])
        items.append(item(n, name, start, end, precision, lane))
    items += [item(900, LONG, date(2019, 12, 31)),
              item(901, LONG + " again", date(2019, 12, 30), lane="Russia")]
    return items


def svg_width(fragment: str) -> float:
    chart = re.search(r'<svg class="dossier-view dossier-timeline-svg" width="([\d.]+)"', fragment)
    return float(chart.group(1))


def mark_labels(fragment: str) -> list[tuple[float, str, str, str]]:
    """(x, anchor, label, title) of each mark."""
    out = []
    for a in re.findall(r'<a href="[^"]*" class="item[^"]*">.*?</a>', fragment):
        title = html.unescape(re.search(r"<title>(.*?)</title>", a).group(1))
        text = re.search(r'<text x="([\d.]+)" y="[\d.]+"( text-anchor="end"| class="on-bar")?>(.*?)</text>',
                         a)
        out.append((float(text.group(1)), text.group(2) or "", html.unescape(text.group(3)), title))
    return out


@pytest.mark.parametrize("zoom", [f for _, f in ZOOMS])
@pytest.mark.parametrize("width", [680, 700, 920])
def test_no_label_runs_past_the_picture_and_a_shortened_one_is_whole_in_its_title(zoom, width):
    fragment = timeline_svg(dossier(), zoom, width)
    right = svg_width(fragment)
    for x, anchor, label, title in mark_labels(fragment):
        extent = CHAR_WIDTH * len(label)
        start, end = (x - extent, x) if "end" in anchor else (x, x + extent)
        assert LEFT <= start and end <= right, (label, start, end, right)
        name = title.split(" — ")[0]
        assert label == name or (label.endswith("…") and name.startswith(label[:-1])), (label, name)
        assert len(label) <= MAX_LABEL
    assert any(label.endswith("…") for _, _, label, _ in mark_labels(fragment))
    lanes = re.search(r'<svg class="dossier-view tl-lanes" width="([\d.]+)"(.*?)</svg>', fragment)
    for name in re.findall(r'<text class="lane"[^>]*>(.*?)</text>', lanes.group(2)):
        assert LEFT + LANE_CHAR * len(html.unescape(name)) <= float(lanes.group(1))


def test_shortening_cuts_between_words_and_marks_the_cut():
    assert shorten("The repatriation programme restarts, for children", 30) == "The repatriation programme…"
    assert shorten("Short", 30) == "Short"
    assert shorten("Averyveryverylongsingleword", 10) == "Averyvery…"
    assert len(shorten(LONG, 48)) <= 48


def test_every_scale_names_every_year_and_the_year_at_the_left_edge():
    items = dossier()
    view = zoomable_timeline(items, "zoom")
    scales = re.findall(r'<div class="dossier-scroll view-\d">(.*?)</svg></div></div>', view)
    assert len(scales) == len(ZOOMS)
    for n, fragment in enumerate(scales):
        strip = re.search(r'<div class="tl-years"[^>]*>(.*?)</div></div><svg', fragment).group(1)
        years = [int(y) for y in re.findall(r'<div class="tl-y"[^>]*><span>(\d+)</span>', strip)]
        assert years[0] == 1999  # the left edge
        if n > 0:  # months and days: every year with events, at its boundary
            assert years == [1999, *range(2010, 2020)]
        else:
            assert set(years) >= {1999, 2010, 2019}
        widths = re.findall(r'style="width:([\d.]+)px"', strip)
        assert abs(sum(map(float, widths)) - svg_width(fragment)) < 1  # the strip lines up with the chart
        if n > 0:
            assert re.search(r'class="tick tick-small"[^>]*>Jan<', fragment)  # months named below the year


def test_a_long_empty_stretch_is_a_narrow_gap_so_the_outlier_and_the_rest_both_show():
    items = dossier()
    assert spans(items) == [(1999, 2000, True), (2000, 2010, False), (2010, 2020, True)]
    fragment = timeline_svg(items, 1, 680)
    assert 'class="tl-gap" data-y="2000" data-z="2010" style="width:24px"' in fragment
    year_lines = [float(x) for x in re.findall(r'<line class="tick-year" x1="([\d.]+)"', fragment)]
    year_w = year_lines[2] - year_lines[1]  # 2010
    assert year_w > 2 * GAP  # ten empty years take less room than one with events
    first = min(i.start for i in items)  # the picture starts at the month of the earliest event
    shown = 1 - (date(first.year, first.month, 1) - date(first.year, 1, 1)).days / 365
    assert year_lines[1] - year_lines[0] == pytest.approx(year_w * shown + GAP, abs=0.2)  # 1999, then the gap
    words = period_words(items)
    assert "from 1999 to 2019" in words and "are between 2010 and 201" in words and "(2000–2009)" in words
    one_gap = [item(1, "a", date(2017, 1, 1)), item(2, "b", date(2019, 1, 1))]
    assert spans(one_gap) == [(2017, 2020, True)]  # a single empty year stays time


def test_marks_are_links_in_chronological_order_whatever_the_input_order():
    items = dossier()
    fragment = timeline_svg(items)
    hrefs = re.findall(r'<a href="([^"]+)" class="item', fragment)
    chrono = [i.href for i in sorted(items, key=lambda i: (i.start, i.end, i.name, i.id))]
    assert hrefs == chrono
    shuffled = items[:]
    random.Random(7).shuffle(shuffled)
    assert timeline_svg(shuffled) == fragment == timeline_svg(items)  # deterministic
    assert zoomable_timeline(shuffled, "zoom") == zoomable_timeline(items, "zoom")
    assert "tabindex=\"-1\"" not in fragment  # nothing takes a mark out of the tab order
    css = (Path(__file__).parent.parent / "builder/pages/assets/view-timeline.css").read_text()
    assert "a:focus-visible" in css


def test_a_long_period_is_named_where_it_starts_and_each_view_has_its_own_gradient():
    items = [item(1, "Programme", date(2014, 1, 1), date(2014, 12, 31), "part"),
             item(2, "b", date(2015, 3, 1))]
    days = timeline_svg(items, 36)
    x, anchor, label, _ = mark_labels(days)[0]
    assert anchor == ' class="on-bar"' and label == "Programme" and x < 20
    assert 'fill="url(#tl-fuzzy-36)"' in days and 'id="tl-fuzzy-36"' in days
    assert 'id="tl-fuzzy-1"' in timeline_svg(items, 1)


def test_lane_names_and_titles_stay_text():
    payload = '<script>alert(1)</script>" onload="alert(2)'
    items = [item(1, payload, date(2020, 1, 1), lane=payload),
             item(2, payload * 3, date(2020, 6, 1), lane="x")]
    items[0].href = 'x/" onclick="alert(3)'
    view = zoomable_timeline(items, "zoom") + period_words(items)
    assert "<script" not in view and ' onload="' not in view and ' onclick="' not in view
    assert "&lt;script&gt;" in view


def test_edge_cases_draw_without_error():
    assert timeline_svg([]) == "" and zoomable_timeline([], "z") == "" and period_words([]) == ""
    one = timeline_svg([item(1, "", date(2020, 2, 29))])
    assert "<circle" in one and 'data-y="2020"' in one
    ancient = timeline_svg([item(1, "Founding", date(1, 1, 1), date(1200, 12, 31), "range"),
                            item(2, "Now", date(2024, 5, 1))])
    assert ancient.count('class="tl-y"') < 80 and svg_width(ancient) == 920  # narrow years grouped
    assert period_words([item(1, "", date(2020, 2, 29))]).startswith("The one dated event is in 2020.")
    assert "All 2 dated events fall in 2020." in period_words([item(1, "", date(2020, 2, 29)),
                                                               item(2, "", date(2020, 3, 1))])


def test_only_the_timeline_changed_on_the_lighthouse_timeline_page(lighthouse):
    """Replaces, for events/index.md, the golden comparison of test_render (whose golden file
    holds the old picture): the page is the reviewed one apart from the picture and the
    sentence above it."""
    generate(Project(lighthouse))
    produced = (lighthouse / "build/docs/events/index.md").read_text(encoding="utf-8")
    golden = (GOLDEN / "events/index.md").read_text(encoding="utf-8")
    picture = re.compile(r'^<div class="dossier-timeline".*$', re.M)
    assert len(picture.findall(produced)) == 1
    period = re.compile(r"^<p>The \d+ dated events run from .*</p>\n"
                        r"|^<p>All \d+ dated events fall in .*</p>\n", re.M)
    assert period.search(produced)
    assert picture.sub("", period.sub("", produced)) == picture.sub("", period.sub("", golden))
    small = (lighthouse / "build/docs/places/farrow-point/index.md").read_text(encoding="utf-8")
    assert '<div class="tl-canvas"' in small and 'class="dossier-view tl-lanes"' in small


# -- in Chromium: the bundled dossier's Timeline page (events/), served over HTTP --------

SIZES = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}

IN_VIEW = """(scale) => {
    // What a reader sees of one scale's picture: the boxes of the earliest mark, the lane
    // names and the year label at the left edge, against the viewport and the scroll box.
    const view = document.querySelector('.dossier-timeline > .view-' + scale);
    const box = view.getBoundingClientRect();
    const seen = r => r.width > 0 && r.left >= Math.max(0, box.left) - 0.5 && r.top >= 0
        && r.right <= Math.min(innerWidth, box.right) + 0.5 && r.bottom <= innerHeight;
    const starts = r => r.width > 0 && r.left >= Math.max(0, box.left) - 0.5 && r.top >= 0
        && r.left + 5 <= Math.min(innerWidth, box.right) && r.bottom <= innerHeight;  // a long bar: its start
    const marks = [...view.querySelectorAll('svg.dossier-timeline-svg a.item')];
    const first = marks[0].querySelector('circle, rect').getBoundingClientRect();
    const firstLabel = marks[0].querySelector('text').getBoundingClientRect();
    const lanes = [...view.querySelectorAll('.tl-lanes text.lane')]
        .map(t => [t.textContent, seen(t.getBoundingClientRect())]);
    const years = [...view.querySelectorAll('.tl-years .tl-y > span')].filter(s => {
        const r = s.getBoundingClientRect(); return r.width > 0 && seen(r) && r.left <= box.left + 12; });
    const svg = view.querySelector('svg.dossier-timeline-svg');
    const width = svg.viewBox.baseVal.width;
    const cut = [...svg.querySelectorAll('a.item text')].filter(t => {
        const b = t.getBBox(); return b.x < 0 || b.x + b.width > width + 0.5; }).map(t => t.textContent);
    return {visible: box.width > 0, first: starts(first), firstLabel: starts(firstLabel), lanes,
            years: years.map(s => s.textContent), cut,
            scrollWidth: view.scrollWidth, clientWidth: view.clientWidth};
}"""


@pytest.fixture(params=[(size, js) for size in SIZES for js in (True, False)],
                ids=lambda p: f"{p[0]}-{'script' if p[1] else 'no script'}")
def reader(request, browser):
    size, js = request.param
    context = browser.new_context(viewport=SIZES[size], java_script_enabled=js,
                                  is_mobile=size == "phone", has_touch=size == "phone")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.errors = errors
    yield page
    context.close()


def to_chart(page) -> None:
    """Scroll the page down to the chart, as a reader does: up and down only."""
    page.evaluate("window.scrollTo(0, document.querySelector('.dossier-timeline').getBoundingClientRect().top"
                  " + scrollY - 60)")
    page.wait_for_timeout(100)


@pytest.mark.browser
@pytest.mark.slow
def test_the_timeline_opens_on_its_earliest_event_with_every_lane_named(served, reader):
    reader.goto(served + "events/", wait_until="networkidle")
    to_chart(reader)
    for scale, (name, _) in enumerate(ZOOMS):
        if scale:
            reader.click(f"label[for=zoom-{name}]")
            to_chart(reader)
        seen = reader.evaluate(IN_VIEW, scale)
        assert seen["visible"] and seen["first"] and seen["firstLabel"], (name, seen)
        assert seen["lanes"] and all(ok for _, ok in seen["lanes"]), (name, seen["lanes"])
        assert seen["years"], (name, "no year at the left edge")
        assert seen["cut"] == [], (name, "labels past the picture's edge", seen["cut"])
    assert reader.errors == []


@pytest.mark.browser
@pytest.mark.slow
def test_lane_names_and_the_year_stay_in_view_while_the_chart_scrolls(served, reader):
    reader.goto(served + "events/", wait_until="networkidle")
    reader.click("label[for=zoom-months]")
    to_chart(reader)
    reader.evaluate("""() => { const v = document.querySelector('.dossier-timeline > .view-1');
                               v.scrollLeft = v.scrollWidth * 0.55; }""")
    reader.wait_for_timeout(100)
    seen = reader.evaluate(IN_VIEW, 1)
    assert seen["scrollWidth"] > 2 * seen["clientWidth"]
    assert seen["lanes"] and all(ok for _, ok in seen["lanes"]), seen["lanes"]
    assert len(seen["years"]) == 1 and seen["years"][0] != "2014", seen["years"]  # the year scrolled to


@pytest.mark.browser
@pytest.mark.slow
def test_tab_walks_the_marks_in_date_order_with_a_visible_ring(served, browser):
    page = browser.new_page(viewport=SIZES["desktop"])
    page.goto(served + "events/", wait_until="networkidle")
    page.focus("#zoom-years")  # the scale switch (radio buttons): Tab leaves the group for the picture
    walked = []
    for _ in range(6):
        page.keyboard.press("Tab")
        walked.append(page.evaluate("""() => { const a = document.activeElement;
            if (!a.matches('svg a.item')) return null;
            const ring = getComputedStyle(a).outlineStyle;
            const stroke = getComputedStyle(a.querySelector('circle, rect')).strokeWidth;
            const r = a.getBoundingClientRect();
            return {href: a.getAttribute('href'), ring, stroke,
                    seen: r.left >= 0 && r.right <= innerWidth}; }"""))
    page.close()
    marks = [w for w in walked if w]
    assert len(marks) >= 4, walked
    expected = [i.href for i in _bundled_items(served)][:len(marks)]
    assert [m["href"] for m in marks] == expected
    assert all(m["ring"] != "none" and m["stroke"] == "3px" and m["seen"] for m in marks), marks


def _bundled_items(served) -> list[TimeItem]:
    """The bundled dossier's events as the Timeline page draws them, in date order."""
    from builder.commands.build import check
    from builder.pages.renderer import Renderer
    from builder.pages.timeline import time_items
    from conftest import REPO

    resolved = check(REPO)
    events = sorted(resolved.by_kind("events"), key=lambda e: (e.sheet.date.sort_key, e.sheet.name))
    items = time_items(Renderer(resolved), events, "events/index.md")
    return sorted(items, key=lambda i: (i.start, i.end, i.name, i.id))


def test_a_period_ending_before_it_starts_is_drawn_as_its_first_day():
    fragment = timeline_svg([item(1, "Backwards", date(2020, 5, 1), date(2012, 1, 1), "range"),
                             item(2, "Later", date(2021, 1, 1))])
    assert 'data-y="2012"' not in fragment and 'data-y="2020"' in fragment


def test_every_scale_starts_at_the_month_of_the_earliest_event():
    """Events late in their first year (a flood in October): no scale opens on the empty
    months before them; the earliest mark is at the picture's left edge at every scale."""
    items = [TimeItem(str(n), f"Event {n}", date(2025, 10, 15 + n), date(2025, 10, 15 + n), "day",
                      f"{15 + n} October 2025", f"e{n}/", "Italy") for n in range(5)]
    for zoom in (1, 6, 36):
        fragment = timeline_svg(items, zoom, 680)
        first = float(re.search(r'<a href="e0/".*?<circle cx="([\d.]+)"', fragment).group(1))
        total = svg_width(fragment)
        assert first < 0.2 * total, (zoom, first, total)  # mid-October, in a picture from 1 October
        assert ">Jan<" not in fragment and ">Oct<" in fragment
