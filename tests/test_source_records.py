"""A source's record of where its text came from and whether it changed (issue 27): archived
copies and the retrieval date on the source page and in the exports, links to the original
that carry the archived copy (Robust Links), the SHA-256 of the stored text, a warning for
an address without an archived copy, and `dossier diff` reporting a changed text."""

from __future__ import annotations

import csv
import hashlib
import io
import json

from builder.commands.build import Project, generate
from builder.export.opendata import export_files
from builder.resolve.dossier import check
from conftest import append, git, run_dossier

SHEET = "content/sources/harbour-gazette.yml"
ARCHIVE = "https://web.archive.org/web/20210313000000/https://harbour-gazette.example/keeper"


def archived(root):
    append(root / SHEET, 'url: "https://harbour-gazette.example/keeper"\nretrieved: 2021-03-13\n'
                         f'archived:\n  - url: "{ARCHIVE}"\n    date: 2021-03-13\n')


def test_the_source_page_shows_the_archive_the_retrieval_date_and_the_texts_fingerprint(lighthouse):
    archived(lighthouse)
    generate(Project(lighthouse))
    page = (lighthouse / "build/docs/sources/harbour-gazette/index.md").read_text(encoding="utf-8")
    digest = hashlib.sha256((lighthouse / "seeds/harbour-gazette.txt").read_bytes()).hexdigest()
    assert f"SHA-256 <code>{digest}</code>" in page
    assert f'<a href="{ARCHIVE}">web.archive.org, 13 March 2021</a>' in page
    assert "<li><strong>Retrieved:</strong> 13 March 2021" in page
    # the link to the original names its archived copy, for tools that follow a dead link there
    assert f'<a href="https://harbour-gazette.example/keeper" data-versionurl="{ARCHIVE}" ' \
           'data-versiondate="2021-03-13">https://harbour-gazette.example/keeper</a>' in page


def test_the_exports_carry_the_archive_the_retrieval_date_and_the_fingerprint(lighthouse):
    archived(lighthouse)
    files = export_files(check(lighthouse, use_cache=False))
    source = next(s for s in json.loads(files["dossier.json"])["sources"] if s["id"] == "harbour-gazette")
    digest = hashlib.sha256((lighthouse / "seeds/harbour-gazette.txt").read_bytes()).hexdigest()
    assert source["sha256"] == digest and source["retrieved"]["start"] == "2021-03-13"
    assert source["archived"] == [{"url": ARCHIVE, "date": source["archived"][0]["date"]}]
    row = next(r for r in csv.DictReader(io.StringIO(files["sources.csv"].decode("utf-8")))
               if r["id"] == "harbour-gazette")
    assert (row["sha256"], row["archived"], row["retrieved"]) == (digest, ARCHIVE, "2021-03-13")


def test_check_warns_about_an_address_without_an_archived_copy(lighthouse):
    append(lighthouse / SHEET, 'url: "https://harbour-gazette.example/keeper"\n')
    done = run_dossier("check", "--root", str(lighthouse))
    assert done.returncode == 0 and "has an address and no archived copy" in done.stderr
    assert f"{SHEET}:" in done.stderr  # at the line of the address
    append(lighthouse / SHEET, f'archived:\n  - url: "{ARCHIVE}"\n')
    assert "no archived copy" not in run_dossier("check", "--root", str(lighthouse)).stderr


def test_an_archive_address_that_could_run_is_refused(lighthouse):
    append(lighthouse / SHEET, 'archived:\n  - url: "javascript:alert(1)"\n')
    done = run_dossier("check", "--root", str(lighthouse))
    assert done.returncode == 1 and "'javascript:' address" in done.stderr


def test_diff_reports_a_changed_article_text(repo):
    seed = repo / "seeds/harbour-gazette.txt"
    seed.write_bytes(seed.read_bytes() + b"\nA paragraph added after the quotes were checked.\n")
    git(repo, "commit", "-qam", "text changed")
    done = run_dossier("diff", "--root", str(repo), "HEAD~1", "HEAD")
    assert done.returncode == 0, done.stderr
    assert "1 article text changed" in done.stdout and "### Article texts changed" in done.stdout
    assert "Source `harbour-gazette`" in done.stdout
