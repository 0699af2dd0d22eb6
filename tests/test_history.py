"""The "Changes" page: the dossier's Git history, commit by commit, on the built site."""

import json
import re

from builder.commands.build import Project, build
from builder.pages.paths import CHANGES_PAGE
from conftest import git

CHANGES = f"build/docs/{CHANGES_PAGE}"  # the Changes page as the builder writes it


def add_harbour_master(root):
    (root / "content/people/jory-hosken.yml").write_text(
        "id: jory-hosken\nname: Jory Hosken\naliases: []\ndescription: The harbour master.\n"
        "claims:\n  - statement: He works at the harbour.\n    cite:\n"
        "      - source: harbour-gazette\n        quote: the light would be automated\n")
    person = root / "content/people/osric-penhallow.yml"
    person.write_text(person.read_text().replace('value: "38"', 'value: "39"'))


def test_changes_page_lists_each_commit_with_what_it_changed(repo):
    add_harbour_master(repo)
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "Add the harbour master <script>alert(1)</script> *now*")
    (repo / "NOTES.txt").write_text("not part of the dossier\n")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "Notes outside the dossier")
    first, second = git(repo, "log", "--reverse", "--format=%h", "--", "content", "seeds").split()

    build(Project(repo))
    page = (repo / CHANGES).read_text()
    body = page.split("# Changes\n", 1)[1]
    headings = [line for line in body.splitlines() if line.startswith("## ")]
    assert len(headings) == 2  # the commit outside content/ and seeds/ is not listed
    assert headings[0].endswith(f"{{#commit-{second}}}") and headings[1].endswith(f"{{#commit-{first}}}")
    newest = body.split(headings[0])[1].split(headings[1])[0]
    # Told in the dossier's terms; the commit named, its message (written for maintainers) not shown
    assert f'<p class="dossier-commit">Commit <code>{second}</code></p>' in newest
    assert "harbour master &lt;" not in page and "harbour master <" not in page and "Add the" not in page
    assert "\n<p>1 sheet added; claims: 1 added, 1 changed.</p>\n" in newest
    assert [line for line in newest.splitlines() if line.startswith("<li>")] == [
        '<li>Person added: <a href="../people/jory-hosken/">Jory Hosken</a></li>',
        "<li>Claim added: Jory Hosken: He works at the harbour.</li>",
        "<li>Claim changed: Osric Penhallow: years as keeper: 38 → 39</li>"]
    assert "first version of the dossier: 3 sources" in body.lower()
    assert 'href="changes/"' in (repo / "site/index.html").read_text()  # in the navigation

    # A dossier that wants its commit messages shown, with its repository linked
    sheet = repo / "content/dossier.yml"
    sheet.write_text(sheet.read_text() + "show_commit_messages: true\n")
    (repo / "mkdocs.yml").write_text("repo_url: https://git.example/team/dossier\n")
    build(Project(repo))
    page = (repo / CHANGES).read_text()
    assert re.search(rf'<a href="https://git\.example/team/dossier/commit/{second}[0-9a-f]*">'
                     rf'<code>{second}</code></a>', page)
    html = (repo / "site/changes/index.html").read_text()
    assert "&lt;script&gt;alert(1)&lt;/script&gt; *now*" in html and "<script>alert" not in html

    cache = json.loads((repo / "build/history.json").read_text())
    assert len(cache["commits"]) == 2
    # A cached comparison is used as it is: the next build does not compare again.
    full = next(c for c in cache["commits"] if c.startswith(second))
    cache["commits"][full]["summary"] = "from the cache"
    (repo / "build/history.json").write_text(json.dumps(cache))
    build(Project(repo))
    assert "\n<p>From the cache.</p>\n" in (repo / CHANGES).read_text()


def test_a_commit_whose_dossier_is_broken_is_listed_but_not_compared(repo):
    person = repo / "content/people/osric-penhallow.yml"
    person.write_text(person.read_text().replace("source: harbour-gazette", "source: nowhere", 1))
    git(repo, "commit", "-q", "-am", "Broken reference")
    person.write_text(person.read_text().replace("source: nowhere", "source: harbour-gazette"))
    git(repo, "commit", "-q", "-am", "Fixed")
    build(Project(repo))
    broken, fixed = git(repo, "log", "-2", "--format=%h").split()[::-1]
    page = (repo / CHANGES).read_text()
    assert "does not pass dossier check; not compared" in page.split(f"#commit-{broken}")[1].split("##")[0]
    assert "did not pass dossier check; not compared" in page.split(f"#commit-{fixed}")[1].split("##")[0]


def test_without_git_the_page_says_so_and_the_build_works(lighthouse):
    build(Project(lighthouse))
    page = (lighthouse / CHANGES).read_text()
    assert "not in a Git repository, so there is no history" in page
    assert (lighthouse / "site/changes/index.html").is_file()


def test_uncommitted_changes_are_said_to_be_missing(repo):
    add_harbour_master(repo)
    build(Project(repo))
    assert "Changes not yet committed are not listed." in (repo / "site/changes/index.html").read_text()


def test_a_change_that_changed_no_fact_is_counted_not_told(repo):
    """A reworded description changes no fact: readers see it counted under "Other edits",
    not as a dated entry saying nothing changed."""
    person = repo / "content/people/osric-penhallow.yml"
    text = person.read_text()
    person.write_text(text.replace("description: ", "description: Long the ", 1))
    git(repo, "commit", "-q", "-am", "Reword a description")
    reworded = git(repo, "log", "-1", "--format=%h").strip()
    build(Project(repo))
    page = (repo / CHANGES).read_text()
    assert f"{{#commit-{reworded}}}" not in page and "no change to the facts" not in page.lower()
    other = page.split("## Other edits {#other-edits}")[1]
    assert other.lstrip().startswith('<p class="dossier-commit">1 other change')
    assert f"<code>{reworded}</code>" in other
