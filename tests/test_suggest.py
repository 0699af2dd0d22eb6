"""`dossier suggest`: citations proposed for uncited key facts, from the dossier's own
articles; every proposal verifies; `--write` marks each for the curator to check."""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

import pytest

from builder.model.dates import dates_in_text, parse_date
from conftest import REPO, run_dossier

_BENCH = REPO / "bench" / "suggest_citations.py"
_spec = importlib.util.spec_from_file_location("suggest_citations", _BENCH)
bench = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(bench)


def stripped(root: Path, tmp_path: Path) -> Path:
    """A copy of a dossier with every key fact's citations removed (an old-format dossier)."""
    copy = tmp_path / "stripped"
    shutil.copytree(root / "content", copy / "content")
    shutil.copytree(root / "seeds", copy / "seeds")
    for kind in ("people", "places", "organizations", "events"):
        for sheet in sorted((copy / "content" / kind).glob("*.yml")):
            bench.strip_citations(sheet, kind)
    return copy


@pytest.mark.parametrize("text, published, label", [
    ("announced on Monday", "2019-07-10", "8 July 2019"),  # the last Monday on or before it
    ("will be returned in August", "2019-07-10", "August 2019"),  # the August nearest to it
    ("restarted in December last year", "2019-07-10", "December 2018"),
    ("Earlier this month, she said", "2019-07-10", "July 2019"),
    ("halted for almost all of 2018", "2019-07-10", "2018"),
    ("since late 2017", None, "late 2017"),
])
def test_dates_a_text_states_also_relative_to_its_publication(text, published, label):
    found = dates_in_text(text, parse_date(published) if published else None)
    assert label in [d.label for d in found]


def test_suggestions_find_the_bundled_dossiers_citations_again():
    """The bundled dossier with its key facts' citations removed: a proposal that quotes the
    passage the curator had cited, among the three proposed, for at least 70% of the facts;
    none that does not verify."""
    counts = bench.measure(REPO)
    assert counts["unverified"] == 0
    assert counts["top3"] >= 0.7 * counts["facts"], counts


def test_suggest_prints_a_patch_and_writes_marked_citations_that_verify(tmp_path):
    root = stripped(REPO / "tests/fixtures/lighthouse", tmp_path)
    before = run_dossier("check", cwd=root)
    uncited = before.stderr.count("cites no source")
    shown = run_dossier("suggest", cwd=root)
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.startswith("--- content/") and "+  cite:" in shown.stdout
    assert (root / "content/events/lamp-switched-off.yml").read_text().count("cite:") == 1  # unchanged
    written = run_dossier("suggest", "--write", cwd=root)
    assert written.returncode == 0 and "dossier suggest wrote 8 citations" in written.stderr
    after = run_dossier("check", cwd=root)
    assert after.returncode == 0, after.stderr  # every citation written verifies
    marks = after.stderr.count("a citation `dossier suggest` proposed")
    assert marks >= 5 and after.stderr.count("cites no source") == uncited - marks
    assert run_dossier("check", "--strict", cwd=root).returncode == 1  # until each is checked
    for sheet in (root / "content").glob("*/*.yml"):
        sheet.write_text(sheet.read_text().replace("  # suggested by dossier suggest: check that the quote says "
                                                   "this, then delete this comment", ""))
    assert "dossier suggest` proposed" not in run_dossier("check", cwd=root).stderr


def test_an_old_format_dossier_gets_one_line_saying_what_changed_and_what_helps(tmp_path):
    root = stripped(REPO, tmp_path)
    done = run_dossier("check", cwd=root)
    assert done.returncode == 0
    notes = [line for line in done.stderr.splitlines() if "key facts cite no source: since 0.1" in line]
    assert len(notes) == 1 and "run `dossier suggest`" in notes[0]
    assert "since 0.1" not in run_dossier("check", cwd=REPO / "tests/fixtures/lighthouse").stderr


def test_the_gazetteer_gives_a_city_its_coordinates_and_country(tmp_path):
    """GeoNames' cities, offline: coordinates for a city that has none and its country, when
    the dossier has that country's sheet, each cited by its GeoNames entry; not for a
    region that shares a city's name; `check` accepts what --write wrote."""
    root = tmp_path / "d"
    for folder in ("content/places", "content/sources", "seeds"):
        (root / folder).mkdir(parents=True)
    (root / "content/dossier.yml").write_text("title: T\nsummary: S\n")
    (root / "content/places/iraq.yml").write_text("id: iraq\nname: Iraq\ndescription: A country.\n")
    (root / "content/places/mosul.yml").write_text("id: mosul\nname: Mosul\nkind: city\ndescription: A city.\n")
    (root / "content/places/nineveh.yml").write_text(
        "id: nineveh\nname: Nineveh Governorate\naliases: [Mosul region]\ndescription: A governorate.\n")
    shown = run_dossier("suggest", cwd=root)
    assert shown.returncode == 0, shown.stderr
    assert '+coordinates: {lat: 36.3' in shown.stdout and 'geonames: 99072, note: "GeoNames 99072: Mosul, a city ' \
        'in Iraq"' in shown.stdout
    assert "+within: {value: iraq, cite: [{geonames: 99072" in shown.stdout
    assert "nineveh.yml" not in shown.stdout
    assert run_dossier("suggest", "--write", cwd=root).returncode == 0
    checked = run_dossier("check", cwd=root)
    assert checked.returncode == 0, checked.stderr
    assert checked.stderr.count("a citation `dossier suggest` proposed") == 2


def test_a_modal_may_is_no_month():
    assert dates_in_text("Russia may return the children", parse_date("2019-07-10")) == []
