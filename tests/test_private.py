"""Private data, tested as an attacker would: a unique marker in every field of every kind of
private item (an entity, a claim, a key fact, an alias, a source and its text), and every
byte of every output searched for it: the site in both publication modes (pages, search
index, sitemap, data files), the offline copy's zip, `dossier export` and `dossier diff`."""

from __future__ import annotations

import re

import pytest
import yaml
from conftest import append, edit, git, run_dossier
from published import files, readable

from builder.resolve.dossier import check

pytestmark = pytest.mark.slow

MARK = "qzprivmark"  # in every private field, in any case
NUMBERS = ("Q98765431", "50.1234567", "-5.7654321")  # private values that cannot hold a word

PERSON = {
    "id": "qzprivmark-person", "name": "Qzprivmark Person", "private": True, "private_note": "Qzprivmark why",
    "aliases": ["Qzprivmark Alias", {"name": "Qzprivmark Second", "private": True, "private_note": "Qzprivmark a"}],
    "exact_names": ["Qzprivmark Person"], "wikidata": NUMBERS[0], "description": "Qzprivmark description.",
    "roles": [{"title": "Qzprivmark role", "organization": "tidewater-trust",
               "cite": [{"source": "coastal-review", "quote": "kept the light at Farrow Point"}]}],
    "claims": [{"property": "Qzprivmark property", "value": "Qzprivmark value", "note": "Qzprivmark note",
                "scope": "Qzprivmark scope", "breakdown": {"Qzprivmark part": "Qzprivmark whole"},
                "cite": [{"source": "qzprivmark-source", "quote": "The Qzprivmark secret sentence"}]}],
}
SOURCE = {
    "id": "qzprivmark-source", "title": "Qzprivmark title", "title_note": "Qzprivmark", "outlet": "Qzprivmark Post",
    "outlet_note": "Qzprivmark", "via": "Qzprivmark Wire", "published": "2021-03-01", "published_note": "Qzprivmark",
    "url": "https://qzprivmark.example/article", "retrieved": "2021-03-02",
    "archived": [{"url": "https://web.archive.org/web/2021/https://qzprivmark.example/article"}],
    "language": "en", "file": "qzprivmark.txt", "description": "Qzprivmark description of the source.",
    "truncated": True, "truncated_note": "Qzprivmark cut", "private": True, "private_note": "Qzprivmark source why",
}
PUBLIC_CLAIM = "He kept the light for nearly four decades."  # public, but names a private person


def plant(root) -> None:
    (root / "content/people/qzprivmark-person.yml").write_text(yaml.safe_dump(PERSON), encoding="utf-8")
    (root / "content/sources/qzprivmark-source.yml").write_text(yaml.safe_dump(SOURCE), encoding="utf-8")
    (root / "seeds/qzprivmark.txt").write_text(
        "Qzprivmark headline\n\nThe Qzprivmark secret sentence was told to the team in confidence.\n",
        encoding="utf-8")
    osric = root / "content/people/osric-penhallow.yml"
    edit(osric, "aliases: [Penhallow]",
         "aliases: [Penhallow, {name: Qzprivmark Osric, private: true, private_note: Qzprivmark nickname}]")
    edit(osric, "claims:\n", f"""  - title: Qzprivmark keeper role
    private: true
    private_note: Qzprivmark role why
claims:
  - statement: Qzprivmark statement of a private claim.
    note: Qzprivmark claim note
    private: true
    private_note: Qzprivmark claim why
    cite:
      - source: harbour-gazette
        quote: ending forty years as its keeper
  - statement: {PUBLIC_CLAIM}
    about: [qzprivmark-person, Qzprivmark Osric]
    cite:
      - source: coastal-review
        quote: kept the light at Farrow Point for thirty-eight years
      - source: qzprivmark-source
        quote: The Qzprivmark secret sentence
""")
    edit(root / "content/events/lamp-switched-off.yml", "participants:\n", """participants:
  - value: qzprivmark-person
    cite:
      - source: qzprivmark-source
        quote: secret sentence was told
  - value: Qzprivmark Osric
    cite:
      - source: harbour-gazette
        quote: Osric Penhallow switched off the lamp
""")
    edit(root / "content/places/farrow-point.yml", "  lat: 50.1\n  lon: -5.5\n",
         f"  lat: {NUMBERS[1]}\n  lon: {NUMBERS[2]}\n  private: true\n  private_note: Qzprivmark where\n")
    edit(root / "content/dossier.yml", "start_here: [osric-penhallow]",
         "start_here: [osric-penhallow, qzprivmark-person]")


def leaks(places, text: str | None = None) -> list[str]:
    """Where the marker or a private number stands, in any file, its bytes or its decoded text."""
    found = []
    for name, data in files(*places).items():
        raw = data.lower()
        shown = readable(name, data).lower()
        for needle in (MARK, *(n.lower() for n in NUMBERS)):
            if needle.encode() in raw or needle in shown:
                found.append(f"{name}: {needle}")
    if text is not None:
        found += [f"output: {line}" for line in text.splitlines() if MARK in line.lower()]
    return found


@pytest.fixture(scope="module")
def private_dossier(tmp_path_factory):
    from conftest import FIXTURES, copy_dossier

    root = copy_dossier(FIXTURES / "lighthouse", tmp_path_factory.mktemp("private") / "dossier")
    git(root, "init", "-q")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "first")
    plant(root)
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "second")
    return root


def test_check_tells_the_curator_what_each_private_item_hides(private_dossier):
    done = run_dossier("check", "--root", str(private_dossier))
    assert done.returncode == 0, done.stderr
    notices = [line for line in done.stderr.splitlines() if ": notice: " in line]
    told = "\n".join(notices)
    for what in ("person 'qzprivmark-person' with its 1 claim(s)", "source 'qzprivmark-source'",
                 "alias 'Qzprivmark Osric'", "claim 1 of person 'osric-penhallow'", "key fact 'roles.1'",
                 "key fact 'coordinates' of place 'farrow-point'", "key fact 'participants.0' of event",
                 "citation 2 of claim 2 of person 'osric-penhallow'", "'about' of claim 2"):
        assert what in told, (what, told)
    assert "content/people/osric-penhallow.yml:" in told and "Qzprivmark claim why" in told
    # a reference by a private alias is a reference to its public entity: nothing is lost
    assert "participants.1" not in told
    # every notice at a line and column of its sheet
    assert all(re.match(r"content/[a-z/-]+\.yml:\d+:\d+: notice: ", line) for line in notices), notices


def test_no_private_byte_reaches_any_output_in_either_mode(private_dossier, tmp_path):
    root = private_dossier
    outputs = []
    for mode in ("full", "excerpts"):
        site = tmp_path / f"site-{mode}"
        done = run_dossier("build", "--root", str(root), "--site-dir", str(site), "--publication", mode)
        assert done.returncode == 0, done.stderr
        bundle = tmp_path / f"offline-{mode}.zip"
        done = run_dossier("bundle", "--root", str(root), "--output", str(bundle), "--publication", mode)
        assert done.returncode == 0, done.stderr
        exported = tmp_path / f"export-{mode}"
        done = run_dossier("export", "--root", str(root), "--output", str(exported), "--publication", mode)
        assert done.returncode == 0, done.stderr
        outputs += [site, bundle, exported]
    diff = run_dossier("diff", "--root", str(root), "HEAD~1", "HEAD")
    assert diff.returncode == 0, diff.stderr
    assert leaks(outputs, diff.stdout) == []
    assert len(leaks([root / "content", root / "seeds"])) >= 5  # the scan finds the marker where it is
    # The scan sees what it looks for: the public parts of the same items are there.
    full_site = outputs[0]
    osric = (full_site / "people/osric-penhallow/index.html").read_text(encoding="utf-8")
    assert PUBLIC_CLAIM in osric
    assert "items about this person are not published" in osric
    assert "Osric Penhallow" in (full_site / "events/lamp-switched-off/index.html").read_text(encoding="utf-8")
    assert PUBLIC_CLAIM in diff.stdout  # the diff tells the public change it holds


def test_a_published_quote_naming_a_private_person_is_a_warning(private_dossier, tmp_path):
    from conftest import copy_dossier

    root = copy_dossier(private_dossier, tmp_path / "copy")
    append(root / "seeds/coastal-review.txt", "\nQzprivmark Person came to the quay as well.\n")
    edit(root / "content/places/farrowden.yml", "claims:\n", """claims:
  - statement: A visitor came.
    cite:
      - source: coastal-review
        quote: Qzprivmark Person came to the quay
""")
    done = run_dossier("check", "--root", str(root))
    warned = [line for line in done.stderr.splitlines() if "quote-names-private" in line or "names 'Qzprivmark" in line]
    assert warned and "content/places/farrowden.yml:" in warned[0], done.stderr
    # and the article's own mention of the private name is not linked
    resolved = check(root, use_cache=False)
    assert not [m for _, m in resolved.entities["osric-penhallow"].mentions if MARK in m.name.lower()]
    assert "qzprivmark-person" not in resolved.entities


def test_private_fields_must_say_private(lighthouse):
    edit(lighthouse / "content/people/wenna-trego.yml", "description:", "private_note: just a note\ndescription:")
    done = run_dossier("check", "--root", str(lighthouse))
    assert done.returncode == 1
    assert re.search(r"content/people/wenna-trego\.yml:\d+:\d+: error: 'private_note' says why", done.stderr)
    edit(lighthouse / "content/people/wenna-trego.yml", "private_note: just a note\n", "")
    edit(lighthouse / "content/events/lamp-switched-off.yml", "date: {value: 2021-03-12,",
         "date: {private: true, value: 2021-03-12,")
    done = run_dossier("check", "--root", str(lighthouse))
    assert "error: the date cannot be private" in done.stderr
    edit(lighthouse / "content/events/lamp-switched-off.yml", "date: {private: true, value: 2021-03-12,",
         "private: maybe\ndate: {value: 2021-03-12,")
    edit(lighthouse / "content/dossier.yml", "publication: full", "publication: excerpt")
    done = run_dossier("check", "--root", str(lighthouse))
    assert re.search(r"lamp-switched-off\.yml:3:10: error: 'private' is true or false, not 'maybe'", done.stderr)
    assert re.search(r"dossier\.yml:\d+:14: error: 'publication' is 'full' or 'excerpts', not 'excerpt'", done.stderr)


def test_a_private_alias_matched_only_as_written_stays_private(lighthouse):
    """exact_names may repeat a private alias: it is left out with it, not an error."""
    edit(lighthouse / "content/people/osric-penhallow.yml", "aliases: [Penhallow]",
         "aliases: [Penhallow, {name: Qzprivmark Ossie, private: true}]\nexact_names: [Qzprivmark Ossie]")
    resolved = check(lighthouse, use_cache=False)
    osric = resolved.entities["osric-penhallow"].sheet
    assert osric.exact_names == [] and osric.aliases == ["Penhallow"]


def test_a_dossier_without_private_items_is_resolved_from_its_sheets_as_they_are(lighthouse):
    from builder.read.load import load_dossier
    from builder.read.validate import validate_dossier
    from builder.resolve.withhold import withhold

    valid, problems = validate_dossier(load_dossier(lighthouse, False)[0])
    assert not problems
    public = withhold(valid)
    assert public.valid is valid and not public.any
