"""`dossier new-source`: the draft sheet, and the checklist of names an editor works through."""

import re

import pytest

from builder.pipeline import check
from conftest import REPO, copy_dossier, run_dossier

ITEM = re.compile(r"^  \[ \] (?P<name>.+?) \((?P<kind>[^)]*)\) x(?P<count>\d+)(?P<rest>.*)$")


def checklist(stdout: str) -> tuple[dict[str, str], dict[str, str]]:
    """The printed lists: known entity names -> 'kind/id', candidate names (with the shorter
    forms shown with them) -> guessed kind."""
    known, candidates = {}, {}
    section = None
    for line in stdout.splitlines():
        if line.startswith("Already in the dossier"):
            section = known
        elif line.startswith("Not yet in the dossier"):
            section = candidates
        elif (m := ITEM.match(line)) and section is not None:
            section[m["name"]] = m["kind"]
            for also in re.findall(r"'([^']+)'", m["rest"].partition("; also as")[2]):
                section[also] = m["kind"]
    return known, candidates


SEEDS = sorted(p.name for p in (REPO / "seeds").glob("*.txt"))


@pytest.mark.parametrize("seed", SEEDS)
def test_each_seed_article_lists_its_people_places_and_organizations(seed, tmp_path):
    """With the article's own sheets removed (its source and every person, place and
    organization the site shows as mentioned in it), each of them comes back as a candidate,
    by its name or one of its aliases."""
    resolved = check(REPO)
    (source_id, article), = [(i, a) for i, a in resolved.articles.items() if a.seed_name == seed]
    own = {m.entity_id for m in article.mentions
           if resolved.entities[m.entity_id].kind in ("people", "places", "organizations")}
    assert len(own) >= 10  # every seed names many; the test would mean little otherwise
    root = copy_dossier(REPO, tmp_path / "dossier")
    (root / article.doc.file).unlink()
    for entity_id in own:
        (root / resolved.entities[entity_id].doc.file).unlink()

    done = run_dossier("new-source", f"seeds/{seed}", cwd=root)
    assert done.returncode == 0, done.stderr
    known, candidates = checklist(done.stdout)
    listed = {name.casefold() for name in candidates}
    missed = [entity_id for entity_id in sorted(own)
              if not {n.casefold() for n in resolved.entities[entity_id].names} & listed]
    assert missed == []
    assert not {k.partition("/")[2] for k in known.values()} & own  # removed: not "known"


def test_draft_sheet_from_the_text_validates_once_confirmed(lighthouse):
    (lighthouse / "content/sources/harbour-gazette.yml").unlink()
    done = run_dossier("new-source", "seeds/harbour-gazette.txt", "--id", "harbour-gazette",
                       cwd=lighthouse)
    assert done.returncode == 0, done.stderr
    draft = lighthouse / "content/sources/harbour-gazette.yml"
    text = draft.read_text()
    assert "title: Keeper leaves Farrow Point light after forty years  # detected from line 1" in text
    assert 'outlet: Harbour Gazette  # detected from line 3' in text
    assert 'published: 2021-03-12  # detected from line 4 ("12 March 2021"): confirm' in text
    assert "furniture: [1, 3, 4]" in text  # headline, outlet and date lines
    # The other sheets cite it as harbour-gazette: with that id the dossier is whole again.
    assert run_dossier("check", cwd=lighthouse).returncode == 0

    known, candidates = checklist(done.stdout)
    assert known == {"Tidewater Trust": "organizations/tidewater-trust",
                     "Osric Penhallow": "people/osric-penhallow",
                     "Farrow Point": "places/farrow-point", "Farrowden": "places/farrowden"}
    assert candidates["Harbour Gazette"] == "organization"
    assert "Farrow Point" not in candidates and "Penhallow" not in candidates


def test_what_the_text_does_not_state_is_left_empty_and_check_says_so(lighthouse):
    (lighthouse / "seeds/bare.txt").write_text(
        "Storm closes the harbour road\n\nThe road to Farrow Point was shut on Tuesday, said "
        "Mayor Elowen Carne. Crews from the Penwith Highways Department were called, with "
        "Tamsin Hosken of the Penwith Lifeboat Trust.\n")
    done = run_dossier("new-source", "seeds/bare.txt", cwd=lighthouse)
    assert done.returncode == 0, done.stderr
    assert "outlet: NOT FOUND" in done.stdout and "published: NOT FOUND" in done.stdout
    _, candidates = checklist(done.stdout)
    assert candidates == {"Elowen Carne": "person", "Penwith Highways Department": "organization",
                          "Tamsin Hosken": "?", "Penwith Lifeboat Trust": "organization"}
    assert "Perhaps not names (capitalised only at the start of a sentence): Storm, Crews" in done.stdout
    failed = run_dossier("check", cwd=lighthouse)
    assert failed.returncode == 1
    sheet = "content/sources/storm-closes-the-harbour-road.yml"
    assert f"{sheet}:5:8: error: 'outlet' is empty; write a value after 'outlet:'" in failed.stderr
    assert f"{sheet}:6:11: error: the date is empty; write it" in failed.stderr


@pytest.mark.parametrize("line, expected", [
    ("30-12-2018", "2018-12-30"),
    ("30 December, 2018", "2018-12-30"),
    ("(Source: rt.com; December 31, 2018; http://tinyurl.com/y9nal3s3)", "2018-12-31"),
    ("Published: 2019-07-14", "2019-07-14"),
    ("Women wait to be screened, 28 February 2019. Campbell MacDiarmid", None),  # a caption
    ("2 min read", None),
    # date lines with their weekday, an ordinal, a time; a byline with its date; an address
    ("Tuesday, 4 March 2025", "2025-03-04"),
    ("Wednesday, October 2nd, 2019", "2019-10-02"),
    ("20/04/2019", "2019-04-20"),
    ("Published: 12 May 2020 10:32 GMT", "2020-05-12"),
    ("Monday 1 July 2019 09.00 BST", "2019-07-01"),
    ("By Jane Doe | 5th of June 2018", "2018-06-05"),
    ("https://news.example.org/world/2019/04/20/a-story-title/", "2019-04-20"),
    ("The council met on 4 March 2025 to vote.", None),  # a sentence, not a date line
    ("by the way, on 5 June 2018 we met", None),
])
def test_publication_date_only_from_a_date_line_or_a_credit_line(line, expected):
    from builder.newsource import detect_date

    assert detect_date(["Headline", "", line]).value == expected


def test_mistakes_are_reported_with_what_to_do(lighthouse, tmp_path):
    outside = tmp_path / "article.txt"
    outside.write_text("An article\n")
    done = run_dossier("new-source", str(outside), cwd=lighthouse)
    assert done.returncode == 1 and "the article must be in seeds/" in done.stderr
    done = run_dossier("new-source", "seeds/missing.txt", cwd=lighthouse)
    assert done.returncode == 1 and "no such file" in done.stderr
    done = run_dossier("new-source", "seeds/harbour-gazette.txt", cwd=lighthouse)
    assert done.returncode == 1
    assert ("content/sources/harbour-gazette.yml:6:7: error: this sheet already describes "
            "seeds/harbour-gazette.txt") in done.stderr
    assert sorted(p.name for p in (lighthouse / "content/sources").iterdir()) == [
        "coastal-review.yml", "harbour-gazette.yml", "wire-brief.yml"]  # nothing written
