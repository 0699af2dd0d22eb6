"""The map view (builder/pages/views/map.py, builder/pages/map.py): every place is drawn as a
point, a shaded and labelled area, or within the place it lies in (or named as not on the
map); labels never overlap, by the builder's size estimate and as Chromium draws them; the
frame covers what is drawn; the output is the same on every run; text stays text."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from types import SimpleNamespace

import pytest

from builder.pages.map import map_page, map_places, outline_index, small_map
from builder.pages.paths import MAP_PAGE, entity_page
from builder.pages.views.map import MapArea, MapInside, MapPoint, Unlocated, map_svg, outlines, text_width
from builder.resolve.resolved import name_key
from conftest import REPO

SVG = "{http://www.w3.org/2000/svg}"
SIZES = {"area-name": 13.0, "inside": 11.0, "more": 11.0, "num": 11.0}


def area(pid: str, name: str) -> MapArea:
    return MapArea(pid, name, outline_index()[name_key(name)], f"{pid}/")


def label_boxes(svg: str) -> list[tuple[str, tuple[float, float, float, float]]]:
    """Each <text>'s box as the builder estimates it, in the outer SVG's units (a nested
    <svg>, the inset, moves its content by its x and y)."""
    boxes = []

    def walk(node, dx: float, dy: float, cls: str) -> None:
        for child in node:
            tag = child.tag.removeprefix(SVG)
            if tag == "svg":
                walk(child, dx + float(child.get("x", 0)), dy + float(child.get("y", 0)), cls)
            elif tag == "text":
                size = SIZES.get(child.get("class") or cls, 12.0)
                text = "".join(child.itertext())
                x, y = float(child.get("x")) + dx, float(child.get("y")) + dy
                boxes.append((text, (x - 1, y - size, x - 1 + text_width(text, size), y + size / 3)))
            else:
                walk(child, dx, dy, child.get("class", cls).split()[0] if child.get("class") else cls)

    walk(ET.fromstring(svg), 0.0, 0.0, "")
    return boxes


def overlapping(boxes) -> list[tuple[str, str]]:
    meet = lambda a, b: a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]
    return [(s, t) for i, (s, a) in enumerate(boxes) for t, b in boxes[i + 1:] if meet(a, b)]


def view_box(svg: str) -> tuple[float, float]:
    w, h = re.search(r'viewBox="0 0 ([\d.]+) ([\d.]+)"', svg).groups()
    return float(w), float(h)


def test_a_country_without_coordinates_is_shaded_and_labelled():
    svg = map_svg([], areas=[area("iraq", "Iraq")])
    shaded = re.search(r'<a href="iraq/" class="area" data-place="iraq"><title>Iraq</title>'
                       r'<path d="([^"]+)"/></a>', svg)
    assert shaded and shaded.group(1).count("L") > 10
    assert re.search(r'class="area-name"[^>]*><text [^>]*>Iraq</text>', svg)
    assert svg.count('<path class="land"') > 3  # its neighbours, for context


def test_a_place_with_neither_point_nor_area_is_drawn_within_its_container_and_says_so():
    svg = map_svg([MapPoint("moscow", "Moscow", 55.75, 37.62, "moscow/")],
                  areas=[area("russia", "Russia")],
                  inside=[MapInside("chechnya", "Chechnya", "chechnya/", "russia")],
                  unlocated=[Unlocated("caucasus", "Caucasus", "caucasus/")])
    assert re.search(r'<a href="chechnya/" class="inside" data-place="chechnya">'
                     r'<title>Chechnya — shown within Russia</title><text [^>]*>Chechnya</text></a>', svg)
    # under Russia's label: the next line of the same block
    lines = [(t, b) for t, b in label_boxes(svg) if t in ("Russia", "Chechnya")]
    assert [t for t, _ in lines] == ["Russia", "Chechnya"] and 0 < lines[1][1][3] - lines[0][1][3] <= 16
    assert 'data-place="caucasus"' in svg.split("Not on the map")[1]


class FakeRenderer:
    """What map_places reads of a Renderer, over sheets given as (id, name, aliases,
    coordinates, within)."""

    def __init__(self, sheets):
        self.r = SimpleNamespace(entities={}, ref=lambda value: value)
        for pid, name, aliases, point, within in sheets:
            coordinates = SimpleNamespace(lat=point[0], lon=point[1]) if point else None
            sheet = SimpleNamespace(name=name, aliases=aliases, coordinates=coordinates, within=within)
            self.r.entities[pid] = SimpleNamespace(id=pid, sheet=sheet)

    def view_href(self, page, pid):
        return f"{pid}/"

    def events_at_place(self, pid):
        return []


def test_places_are_matched_to_outlines_by_name_or_alias_and_followed_up_their_within_chain():
    rd = FakeRenderer([("rf", "Rossiya", ["Russian Federation"], None, None),
                       ("chechnya", "Chechnya", [], None, "rf"),
                       ("grozny-district", "Grozny District", [], None, "chechnya"),
                       ("us", "United States", [], None, None), ("georgia-state", "Georgia", [], None, "us"),
                       ("atlanta", "Atlanta", [], (33.75, -84.39), "georgia-state"),
                       ("nowhere", "Middle Earth", [], None, None), ("loop-a", "A", [], None, "loop-b"),
                       ("loop-b", "B", [], None, "loop-a")])
    drawn = map_places(rd, list(rd.r.entities.values()), MAP_PAGE)
    assert [(a.id, outlines()[a.outline].name) for a in drawn.areas] == [("rf", "Russia"),
                                                                         ("us", "United States of America")]
    assert [p.id for p in drawn.points] == ["atlanta"]
    assert {i.id: i.shown_in for i in drawn.inside} == {"chechnya": "rf", "grozny-district": "rf",
                                                        "georgia-state": "us"}  # not the country Georgia
    assert drawn.via["grozny-district"] == ["chechnya", "rf"] and drawn.via["chechnya"] == ["rf"]
    assert sorted(u.id for u in drawn.unlocated) == ["loop-a", "loop-b", "nowhere"]
    assert 'data-place="georgia-state"' in drawn.svg()


def cluster_svg() -> str:
    """Four places within 40 km of each other (the Po delta), in a map framed on Italy."""
    points = [MapPoint("porto-tolle", "Porto Tolle", 44.95, 12.3167, "a/", ["x", "y"]),
              MapPoint("ca-tiepolo", "Ca' Tiepolo", 44.95, 12.3167, "b/"),
              MapPoint("goro", "Goro", 44.85, 12.30, "c/"),
              MapPoint("scardovari", "Scardovari", 44.8833, 12.45, "d/"),
              MapPoint("rosolina-mare", "Rosolina Mare", 45.1333, 12.3167, "e/"),
              MapPoint("rome", "Rome", 41.89, 12.51, "f/")]
    return map_svg(points, areas=[area("italy", "Italy")])


def test_labels_of_a_cluster_of_four_points_within_40_km_do_not_overlap():
    svg = cluster_svg()
    boxes = label_boxes(svg)
    names = {t for t, _ in boxes}
    assert {"Porto Tolle", "Ca' Tiepolo", "Goro", "Scardovari", "Rosolina Mare", "Italy"} <= names
    assert overlapping(boxes) == []
    width, height = view_box(svg)
    assert all(0 <= b[0] and b[2] <= width and 0 <= b[1] and b[3] <= height for _, b in boxes)
    assert '<svg class="inset"' in svg  # the cluster, zoomed


def test_many_labels_at_one_spot_are_numbered_and_keyed_without_overlap():
    points = [MapPoint(f"p{i}", f"Place number {i}", 45.0 + i * 0.001, 12.0, f"p{i}/") for i in range(40)]
    svg = map_svg(points)
    assert overlapping(label_boxes(svg)) == []
    assert all(f'data-place="p{i}"' in svg for i in range(40))
    keyed = re.findall(r'class="key" data-place="(p\d+)"', svg)
    assert keyed and all(f">{n} Place number" in svg for n in range(1, len(keyed) + 1))


def test_the_view_box_covers_the_extent_with_padding_and_a_minimum_size():
    svg = map_svg([MapPoint("m", "Moscow", 55.75, 37.62, "m/")], areas=[area("iraq", "Iraq")])
    width, height = view_box(svg)
    xs = [float(x) for x in re.findall(r'<circle cx="([\d.-]+)"', svg)]
    iraq = re.search(r'data-place="iraq"><title>Iraq</title><path d="([^"]+)"', svg).group(1)
    coords = [tuple(map(float, p.split(","))) for p in re.findall(r"[\d.-]+,[\d.-]+", iraq)]
    inside = xs + [x for x, _ in coords]
    assert all(0.05 * width < x < 0.95 * width for x in inside)
    assert all(0.05 * 520 < y < 0.95 * 520 for _, y in coords)
    # a lone point is framed on a minimum span, not zoomed in on one town
    lone = map_svg([MapPoint("g", "Goro", 44.85, 12.30, "g/")])
    assert lone.count('<path class="land"') >= 3


def test_the_map_is_the_same_on_every_run_and_text_stays_text():
    assert cluster_svg() == cluster_svg()
    payload = '<script>alert(1)</script>" onload="alert(2)'
    svg = map_svg([MapPoint("x", payload, 10.0, 10.0, 'x/" onclick="a()', [payload])],
                  areas=[MapArea("y", payload, outline_index()[name_key("France")], "y/")],
                  inside=[MapInside("z", payload, "z/", "y")], unlocated=[Unlocated("u", payload, "u/")])
    assert "<script" not in svg and ' onload="' not in svg and ' onclick="' not in svg
    assert svg.count("&lt;script&gt;alert(1)&lt;/script&gt;") >= 4
    ET.fromstring(svg)  # well-formed


@pytest.fixture(scope="module")
def bundled():
    from builder.pages.renderer import Renderer
    from builder.resolve.dossier import check

    resolved = check(REPO, use_cache=False)
    return resolved, Renderer(resolved)


def test_the_bundled_dossiers_map_page_accounts_for_every_place(bundled):
    resolved, rd = bundled
    page = map_page(rd)
    svg = page.split("<svg", 1)[1].split("</svg>")[0]
    drawn = set(re.findall(r'data-place="([^"]+)"', svg))
    assert drawn == {p.id for p in resolved.by_kind("places")}
    assert '<li><a href="../places/chechnya/">Chechnya</a> — shown within ' \
           '<a href="../places/russia/">Russia</a></li>' in page
    assert '<li><a href="../places/russia/">Russia</a> — the outline of Russia</li>' in page
    # the places named as not on the map are exactly those with nothing to place them by
    listed = page.split("## Not on the map")
    unplaced = set(re.findall(r'<a href="\.\./places/([\w-]+)/">', listed[1])) if len(listed) > 1 else set()
    index = outline_index()
    assert unplaced == {p.id for p in resolved.by_kind("places")
                        if not p.sheet.coordinates and not p.sheet.within
                        and not any(name_key(n) in index for n in (p.sheet.name, *p.sheet.aliases))}


def test_a_place_page_shows_its_area_or_the_place_it_is_shown_within(bundled):
    resolved, rd = bundled
    russia = small_map(rd, resolved.entities["russia"], entity_page("places", "russia"))
    assert 'class="area" data-place="russia"' in russia
    chechnya = small_map(rd, resolved.entities["chechnya"], entity_page("places", "chechnya"))
    assert 'data-place="russia"' in chechnya and 'class="inside" data-place="chechnya"' in chechnya
    assert 'data-place="moscow"' not in chechnya


@pytest.mark.browser
@pytest.mark.slow
@pytest.mark.parametrize("width,height", [(1280, 900), (390, 844)])
def test_every_place_is_on_the_map_and_no_drawn_labels_overlap(served, browser, width, height):
    from builder.resolve.dossier import check

    tab = browser.new_page(viewport={"width": width, "height": height})
    try:
        tab.goto(served + "map/", wait_until="networkidle")
        found = tab.evaluate("""() => {
            const svg = document.querySelector('svg.dossier-map-svg');
            const marks = [...svg.querySelectorAll('a.place, a.area, a.inside, a.key')]
                .map(a => a.dataset.place);
            const within = [...document.querySelectorAll('#within ~ ul li a:first-child')].map(a => a.href);
            const boxes = [...svg.querySelectorAll('text')].map(t => {
                const b = t.getBoundingClientRect();
                return [t.textContent, b.left, b.top, b.right, b.bottom]; });
            const unlocated = [...svg.querySelectorAll('a.unlocated')].map(a => a.dataset.place);
            return {marks, within, boxes, unlocated};
        }""")
    finally:
        tab.close()
    places = check(REPO).by_kind("places")
    assert len(places) == len(list((REPO / "content" / "places").glob("*.yml")))
    listed = {p.id for p in places if any(f"/places/{p.id}/" in h for h in found["within"])}
    on_map = set(found["marks"]) | listed
    index = outline_index()
    expected_unlocated = {p.id for p in places if not p.sheet.coordinates and not p.sheet.within
                          and not any(name_key(n) in index for n in (p.sheet.name, *p.sheet.aliases))}
    assert set(found["unlocated"]) == expected_unlocated
    assert on_map >= {p.id for p in places} - expected_unlocated
    boxes = [(t, (l, top, r, b)) for t, l, top, r, b in found["boxes"] if r > l]
    assert len(boxes) >= len(places) - len(expected_unlocated)
    assert overlapping(boxes) == []
