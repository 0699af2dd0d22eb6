"""`dossier bundle`: one reproducible zip, links to .html files, nothing from the network,
an About page naming the content version; site/ and a previous zip survive."""

import hashlib
import posixpath
import re
import subprocess
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import pytest

from builder.commands.bundle import bundle
from builder.core.errors import DossierError
from builder.commands.build import Project, build
from conftest import FIXTURES, copy_dossier, run_dossier

pytestmark = pytest.mark.slow


def tree_hashes(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self.hrefs += [v for k, v in attrs if k == "href" and v]


def git(root: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True,
                          text=True).stdout.strip()


def test_two_bundles_of_the_same_input_are_byte_identical(tmp_path, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    first = bundle(Project(copy_dossier(FIXTURES / "lighthouse", tmp_path / "one")))
    second = bundle(Project(copy_dossier(FIXTURES / "lighthouse", tmp_path / "other" / "place")))
    assert first.path.name == second.path.name == "the-last-keeper-of-farrow-point.zip"
    assert first.path.read_bytes() == second.path.read_bytes()
    again = bundle(Project(tmp_path / "one"))
    assert again.path.read_bytes() == first.path.read_bytes()


def test_the_zip_holds_one_folder_of_html_pages_linked_by_file_name(lighthouse):
    result = bundle(Project(lighthouse))
    with zipfile.ZipFile(result.path) as archive:
        names = archive.namelist()
        assert names == sorted(names)
        assert {n.split("/")[0] for n in names} == {result.folder}
        files = {n.removeprefix(result.folder + "/") for n in names}
        assert {"index.html", "about/index.html", "people/osric-penhallow/index.html",
                "search/search_index.js", "assets/vendor/iframe-worker/shim.js"} <= files
        assert not files & {"404.html", "sitemap.xml", "sitemap.xml.gz"}
        broken = []
        for name in sorted(f for f in files if f.endswith(".html")):
            parser = Links()
            parser.feed(archive.read(f"{result.folder}/{name}").decode())
            for href in parser.hrefs:
                path = href.split("#")[0].split("?")[0]
                if not path or re.match(r"^[a-z]+:", href):
                    continue
                # a file (people/x/index.html), never a folder (people/x/): file:// opens no folder's page
                if posixpath.normpath(posixpath.join(posixpath.dirname(name), path)) not in files:
                    broken.append((name, href))
        assert broken == []
    assert result.pages == sum(1 for f in files if f.endswith(".html"))


def test_bundling_leaves_site_alone_and_a_failed_bundle_keeps_the_previous_zip(lighthouse):
    project = Project(lighthouse)
    build(project)
    before = tree_hashes(lighthouse / "site")
    result = bundle(project)
    assert tree_hashes(lighthouse / "site") == before
    zip_bytes = result.path.read_bytes()
    sheet = lighthouse / "content" / "people" / "osric-penhallow.yml"
    sheet.write_text(sheet.read_text().replace("forty years", "fourty years"))
    with pytest.raises(DossierError):
        bundle(project)
    assert result.path.read_bytes() == zip_bytes


def test_the_about_page_and_footer_name_the_git_commit(lighthouse):
    git(lighthouse, "init", "-q")
    git(lighthouse, "add", ".")
    git(lighthouse, "-c", "user.name=T", "-c", "user.email=t@example.org", "commit", "-q",
        "-m", "content", "--date=2024-02-03T10:00:00Z")
    commit = git(lighthouse, "rev-parse", "HEAD")
    result = bundle(Project(lighthouse))
    with zipfile.ZipFile(result.path) as archive:
        about = archive.read(f"{result.folder}/about/index.html").decode()
        home = archive.read(f"{result.folder}/index.html").decode()
    assert f"Git commit <code>{commit}</code>" in about
    assert "changes not yet committed" not in about
    assert f"content {commit[:12]} of " in home and "The last keeper of Farrow Point" in home
    assert result.version.fingerprint in about

    (lighthouse / "content" / "places" / "farrowden.yml").write_text(
        (lighthouse / "content" / "places" / "farrowden.yml").read_text().replace("nearest", "closest"))
    changed = bundle(Project(lighthouse))
    assert changed.version.dirty and changed.version.fingerprint != result.version.fingerprint
    with zipfile.ZipFile(changed.path) as archive:
        assert "changes not yet committed" in archive.read(f"{changed.folder}/about/index.html").decode()


def test_a_theme_setting_that_would_load_from_the_network_is_refused(lighthouse):
    config = lighthouse / "mkdocs.yml"
    config.write_text(config.read_text().replace("theme:\n", "theme:\n  font: {text: Roboto}\n"))
    with pytest.raises(DossierError) as caught:
        bundle(Project(lighthouse))
    assert "loads the font from Google Fonts" in caught.value.diagnostics[0].message  # mkdocs.yml's schema
    with pytest.raises(DossierError) as caught:  # a maintainer's trust does not make the copy go online
        bundle(Project(lighthouse, trust_config=True))
    message = str(caught.value.diagnostics[0].message)
    assert "fonts.googleapis.com" in message and "from the network" in message


def test_cli_bundle_prints_where_the_zip_is(lighthouse, tmp_path):
    target = tmp_path / "out" / "copy.zip"
    done = run_dossier("bundle", "--root", str(lighthouse), "--output", str(target))
    assert done.returncode == 0, done.stderr
    assert str(target) in done.stdout and "index.html" in done.stdout
    assert zipfile.is_zipfile(target)


def test_output_may_be_a_folder_and_an_unwritable_one_is_explained(lighthouse, tmp_path):
    done = run_dossier("bundle", "--root", str(lighthouse), "--output", str(tmp_path))
    assert done.returncode == 0, done.stderr
    assert zipfile.is_zipfile(tmp_path / "the-last-keeper-of-farrow-point.zip")
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    done = run_dossier("bundle", "--root", str(lighthouse), "--output", str(blocker / "copy.zip"))
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert f"{blocker / 'copy.zip'}:1:1: error: cannot write" in done.stderr
