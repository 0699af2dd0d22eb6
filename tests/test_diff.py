"""`dossier diff`: on revisions built in a temporary Git repository, exactly the added,
removed and changed claims, sheets and disagreements; nothing for a reformatted file."""

import yaml

from conftest import git, run_dossier


def diff(root, *revs):
    done = run_dossier("diff", *revs, "--root", str(root))
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_a_reformatted_and_reordered_sheet_changes_nothing(repo):
    sheet = repo / "content/people/osric-penhallow.yml"
    data = yaml.safe_load(sheet.read_text())
    reordered = dict(reversed(list(data.items())))  # keys in another order, flow style, other quotes
    sheet.write_text(yaml.safe_dump(reordered, default_flow_style=True, width=60, sort_keys=False))
    assert sheet.read_text() != yaml.safe_dump(data)
    out = diff(repo, "HEAD")
    assert "No change to sheets, claims, key facts, disagreements or pages." in out


def test_added_removed_and_changed_claims_are_listed_exactly(repo):
    person = repo / "content/people/osric-penhallow.yml"
    text = person.read_text()
    text = text.replace('value: "38"', 'value: "39"')  # a changed value (its quote stays)
    text = text.replace('''  - statement: He said the light had been lit every night since 1884, except in two stormy winters.
    cite:
      - source: harbour-gazette
        quote: the tower had been lit every night since 1884 ... except during two winters of storms
''', "")  # a removed claim
    person.write_text(text)
    place = repo / "content/places/farrow-point.yml"
    place.write_text(place.read_text() + '''
  - statement: The light is to run without a keeper.
    cite:
      - source: harbour-gazette
        quote: the light would be automated by the end of the summer
''')  # an added claim
    git(repo, "commit", "-q", "-am", "second")
    out = diff(repo, "HEAD~1", "HEAD")
    section = lambda title: out.split(f"### {title}\n\n")[1].split("\n\n")[0].splitlines() \
        if f"### {title}" in out else []
    assert section("Claims added") == [
        "- Farrow Point: The light is to run without a keeper. (harbour-gazette “the light would "
        "be automated by the end of the summer”)"]
    assert section("Claims removed") == [
        "- Osric Penhallow: He said the light had been lit every night since 1884, except in two "
        "stormy winters. (harbour-gazette “the tower had been lit every night since 1884 ... "
        "except during two winters of storms”)"]
    assert section("Claims changed") == [
        "- Osric Penhallow: years as keeper: **38** (coastal-review “kept the light at Farrow "
        "Point for thirty-eight years”) → years as keeper: **39** (coastal-review “kept the light "
        "at Farrow Point for thirty-eight years”)"]
    assert section("Added") == section("Removed") == section("Sources now differ") == []
    assert "- `people/osric-penhallow/index.md` (changed)" in section("Pages whose content changes")


def test_new_sheets_and_disagreements_appear_and_resolve(repo):
    (repo / "content/people/ebba-quill.yml").write_text(
        "id: ebba-quill\nname: Ebba Quill\naliases: []\ndescription: A made-up reporter.\n")
    event = repo / "content/events/light-automated.yml"
    event.write_text(event.read_text().replace("value: before the autumn gales", "value: by the end of the summer"))
    out = diff(repo, "HEAD")
    assert "### Added\n\n- Person `ebba-quill`: Ebba Quill\n" in out
    assert "### Sources no longer differ\n\n- The light is to be automated: when\n" in out
    git(repo, "commit", "-q", "-am", "agree")
    assert "### Sources now differ\n\n- The light is to be automated: when\n" in diff(repo, "HEAD", "HEAD~1")


def test_an_unknown_revision_is_explained(repo):
    done = run_dossier("diff", "no-such-branch", "--root", str(repo))
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "'no-such-branch' is not a commit" in done.stderr


def test_a_changed_kind_of_difference_is_a_change(repo):
    event = repo / "content/events/light-automated.yml"
    event.write_text(event.read_text().replace("difference: wording", "difference: precision"))
    git(repo, "commit", "-q", "-am", "kind")
    out = diff(repo, "HEAD~1", "HEAD")
    assert "### Kind of difference changed\n\n- The light is to be automated: when: wording → precision" in out


def test_key_facts_added_removed_and_cited_anew_are_changes(repo):
    event = repo / "content/events/lamp-switched-off.yml"
    event.write_text(event.read_text()
                     .replace("quote: for the last time on Friday", "quote: switched off the lamp at Farrow Point")
                     .replace("participants:\n", "participants:\n  - farrowden\n"))
    place = repo / "content/places/farrow-point.yml"
    text = place.read_text()
    start = text.index("coordinates:")
    place.write_text(text[:start] + text[text.index("description:"):])  # coordinates removed
    out = diff(repo, "HEAD")
    section = lambda title: out.split(f"### {title}\n\n")[1].split("\n\n")[0].splitlines() \
        if f"### {title}" in out else []
    assert section("Key facts with other citations") == [
        "- The lamp at Farrow Point is switched off: Date: **12 March 2021** (harbour-gazette “for the last "
        "time on Friday”) → Date: **12 March 2021** (harbour-gazette “switched off the lamp at Farrow Point”)"]
    assert section("Key facts added") == [
        "- The lamp at Farrow Point is switched off: Participant: **Farrowden** (no citation)"]
    assert section("Key facts removed") == [
        "- Farrow Point: Coordinates: **50.1000, -5.5000** (geonames https://www.geonames.org/9999999 "
        "(a gazetteer entry \\(a made-up id for this fixture\\)))"]
    assert "key facts: 1 added, 1 removed, 1 with other citations" in out
    # a list reordered is no change to its facts
    git(repo, "checkout", "-q", "--", ".")
    event.write_text(event.read_text().replace("participants:\n", "participants:\n  - farrowden\n"))
    git(repo, "commit", "-q", "-am", "farrowden takes part")
    text = event.read_text()
    first = "  - farrowden\n"
    moved = text.replace(first, "", 1).replace("description:", "  - farrowden\ndescription:", 1)
    event.write_text(moved)
    assert "### Key facts" not in diff(repo, "HEAD")


def test_a_changed_breakdown_or_scope_is_a_changed_claim(repo):
    person = repo / "content/people/osric-penhallow.yml"
    person.write_text(person.read_text().replace('    value: "40"\n',
                                                 '    value: "40"\n    breakdown: {as assistant: 12, as keeper: 28}\n'))
    out = diff(repo, "HEAD")
    changed = out.split("### Claims changed\n\n")[1].split("\n\n")[0]
    assert changed.startswith("- Osric Penhallow: years as keeper: **40** (harbour-gazette")
    assert "→ years as keeper: **40** *of which: as assistant: 12, as keeper: 28* (harbour-gazette" in changed
