"""Hostile and clumsy input (issue 9): every case fails with one located error line and no
traceback, leaves the previously built site/ byte-identical, reads and writes nothing
outside the project, and finishes quickly (no hang, no memory blow-up).

Each case mutates a copy of the lighthouse fixture whose site/ was built once; the case
runs `dossier build` (which checks first) and, where the issue asks for it, `dossier check`.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import time
from pathlib import Path

import pytest

from conftest import FIXTURES, copy_dossier, edit, run_dossier

SECRET = "TOPSECRET-7f3a9c"  # planted outside the dossier; must never appear in any output
LOCATED = re.compile(r"^(\S[^:]*:\d+:\d+|\S[^:]*|dossier \w+): error: .+")


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    root = copy_dossier(FIXTURES / "lighthouse", tmp_path_factory.mktemp("built") / "lighthouse")
    result = run_dossier("build", "--root", str(root))
    assert result.returncode == 0, result.stderr
    return root


@pytest.fixture
def project(built, tmp_path) -> Path:
    """A fresh copy of the built dossier, with a secret file beside it (outside the project)."""
    root = tmp_path / "project"
    shutil.copytree(built, root, symlinks=True)
    (tmp_path / "secret.txt").write_text(f"{SECRET}\n", encoding="utf-8")
    return root


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file() and not p.is_symlink()}


def all_output_text(root: Path) -> str:
    texts = []
    for folder in ("site", "build", "dist"):
        for p in (root / folder).rglob("*") if (root / folder).is_dir() else []:
            if p.is_file() and not p.is_symlink():
                texts.append(p.read_bytes().decode("utf-8", "replace"))
    return "\n".join(texts)


def fails_cleanly(root: Path, where: str, message: str, command: str = "build", *extra: str,
                  budget: float = 20.0) -> str:
    """Run the command; assert exit 1, the located line, no traceback, the old site kept."""
    before = snapshot(root / "site")
    beside = sorted(p.name for p in root.parent.iterdir())
    start = time.monotonic()
    result = run_dossier(command, "--root", str(root), *extra)
    elapsed = time.monotonic() - start
    assert result.returncode == 1, (result.returncode, result.stdout, result.stderr)
    assert "Traceback" not in result.stderr + result.stdout
    located = re.compile(re.escape(where) + r"(:\d+)*: error: .*" + re.escape(message))
    assert any(located.match(line) for line in result.stderr.splitlines()), result.stderr
    for line in result.stderr.splitlines()[:-1]:
        assert LOCATED.match(line), line
    assert snapshot(root / "site") == before
    assert sorted(p.name for p in root.parent.iterdir()) == beside  # nothing written beside the project
    assert SECRET not in all_output_text(root) and SECRET not in result.stdout + result.stderr
    assert elapsed < budget, elapsed
    return result.stderr


def add_source(root: Path, seed: str, source_id: str = "extra-source", extra: str = "") -> Path:
    sheet = root / "content/sources" / f"{source_id}.yml"
    sheet.write_text(f"id: {source_id}\ntitle: Extra\noutlet: Extra Post\npublished: 2021-03\n"
                     f"language: en\nfile: {json.dumps(seed)}\n{extra}", encoding="utf-8")
    return sheet


# -- 1. links and special files: nothing outside the dossier is read -----------------------

def test_a_seed_linked_outside_the_dossier_fails_at_the_sheets_file_line(project):
    (project / "seeds/env.txt").symlink_to(project.parent / "secret.txt")
    add_source(project, "env.txt")
    for command in ("check", "build", "bundle"):
        fails_cleanly(project, "content/sources/extra-source.yml:6:7",
                      "seeds/env.txt is a symbolic link to a place outside seeds/", command)
    assert not (project / "dist").exists()


def test_an_unused_seed_linked_outside_fails_at_its_own_path(project):
    (project / "seeds/passwd.txt").symlink_to("/etc/passwd")
    fails_cleanly(project, "seeds/passwd.txt:1:1", "is a symbolic link to a place outside seeds/", "check")


def test_a_sheet_linked_outside_or_to_a_device_is_refused(project):
    (project / "content/places/leak.yml").symlink_to(project.parent / "secret.txt")
    (project / "content/places/zero.yml").symlink_to("/dev/zero")
    stderr = fails_cleanly(project, "content/places/leak.yml:1:1", "is a symbolic link to a place outside content/")
    assert "content/places/zero.yml:1:1: error: is a symbolic link to a place outside content/" in stderr


def test_content_itself_linked_outside_is_refused(project, tmp_path):
    outside = tmp_path / "elsewhere"
    shutil.move(project / "content", outside)
    (project / "content").symlink_to(outside)
    fails_cleanly(project, "content/", "content/ is a symbolic link to a place outside the dossier")


def test_a_link_inside_the_dossier_is_followed(project):
    seeds = project / "seeds"
    (seeds / "alias.txt").symlink_to("coastal-review.txt")
    edit(project / "content/sources/coastal-review.yml", "file: coastal-review.txt", "file: alias.txt")
    assert run_dossier("check", "--root", str(project)).returncode == 0


def test_folders_pipes_and_broken_links_named_like_sheets(project):
    (project / "content/people/folder.yml").mkdir()
    os.mkfifo(project / "content/people/pipe.yml")
    (project / "content/people/broken.yml").symlink_to(project / "nowhere.yml")
    stderr = fails_cleanly(project, "content/people/folder.yml:1:1", "is a folder, not a file", budget=10)
    assert "content/people/pipe.yml:1:1: error: is a named pipe, not a file" in stderr
    assert "content/people/broken.yml:1:1: error: is a symbolic link that leads nowhere" in stderr


def test_a_seed_that_is_a_pipe_does_not_hang(project):
    os.mkfifo(project / "seeds/pipe.txt")
    add_source(project, "pipe.txt")
    fails_cleanly(project, "content/sources/extra-source.yml:6:7", "seeds/pipe.txt is a named pipe",
                  "check", budget=10)


def test_an_unreadable_sheet_or_seed(project, monkeypatch):
    """Permissions mean nothing to root (CI), so the refusal is simulated at os.open."""
    from builder.commands.build import check
    from builder.core.errors import DossierError

    real_open = os.open
    refused = ["farrowden.yml"]

    def refusing_open(path, flags, *args):
        if str(path).endswith(tuple(refused)):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, flags, *args)

    monkeypatch.setattr(os, "open", refusing_open)
    with pytest.raises(DossierError) as caught:
        check(project, use_cache=False)
    assert [str(d) for d in caught.value.diagnostics] == [
        "content/places/farrowden.yml:1:1: error: cannot read it (Permission denied); check its permissions"]
    refused[:] = ["coastal-review.txt"]
    with pytest.raises(DossierError) as caught:
        check(project, use_cache=False)
    assert "content/sources/coastal-review.yml:7:7: error: seeds/coastal-review.txt cannot read it " \
           "(Permission denied)" in [str(d) for d in caught.value.diagnostics][0]


def test_a_link_in_the_git_history_does_not_break_build_or_diff(project):
    from conftest import git

    git(project, "init", "-q")
    (project / "seeds/env.txt").symlink_to("/proc/self/environ")
    git(project, "add", "content", "seeds")
    git(project, "commit", "-q", "-m", "with a link")
    (project / "seeds/env.txt").unlink()
    git(project, "add", "-A", "seeds")
    git(project, "commit", "-q", "-m", "link removed")
    result = run_dossier("build", "--root", str(project))
    assert result.returncode == 0, result.stderr
    result = run_dossier("diff", "--root", str(project), "HEAD~1")
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    assert "CI=" not in all_output_text(project) and "PATH=" not in all_output_text(project)


def test_caches_committed_to_git_are_refused(project):
    """A pull request that adds build/ (the caches Dossier trusts: where quotes stand, pages
    already rendered) could pass off a forged result; check and build refuse it by name."""
    from conftest import git

    assert run_dossier("check", "--root", str(project)).returncode == 0  # the caches exist
    git(project, "init", "-q")
    git(project, "add", "content", "seeds")
    git(project, "add", "-f", "build/cache")
    git(project, "commit", "-q", "-m", "with caches")
    before = snapshot(project / "site")
    for command in ("check", "build"):
        result = run_dossier(command, "--root", str(project))
        assert result.returncode == 1 and "Traceback" not in result.stderr
        assert "build/cache/" in result.stderr and "is committed to Git" in result.stderr
        assert "git rm -r --cached build" in result.stderr
    assert snapshot(project / "site") == before
    git(project, "rm", "-r", "-q", "--cached", "build")
    assert run_dossier("check", "--root", str(project)).returncode == 0


# -- 2, 3. addresses and file names cannot make anything active ------------------------------

@pytest.mark.parametrize("url", [
    "https://e.org/ ![x](raw/a.txt){: onerror=alert(document.domain) }",
    "javascript:alert(1)",
    "https://e.org/\"><script>alert(1)</script>",
    "http://",
    "https://e.org/\u202eexe.txt",
])
def test_a_url_that_is_not_a_plain_address_is_refused(project, url):
    edit(project / "content/sources/coastal-review.yml", "language: en", f"url: {url!r}\nlanguage: en")
    fails_cleanly(project, "content/sources/coastal-review.yml:6:6", "", "check")


def test_a_url_with_markdown_characters_is_percent_encoded(project):
    edit(project / "content/sources/coastal-review.yml", "language: en",
         "url: 'https://e.org/a_(b)[click](javascript:alert(1))!*'\nlanguage: en")
    assert run_dossier("build", "--root", str(project)).returncode == 0
    page = (project / "site/sources/coastal-review/index.html").read_text(encoding="utf-8")
    assert 'href="https://e.org/a_%28b%29%5Bclick%5D%28javascript:alert%281%29%29%21%2A"' in page
    assert 'href="javascript' not in page


@pytest.mark.parametrize("name", ["story.html", "story.svg", "story.md", "story #1 (draft).txt",
                                  "page.php", "CON.txt"])
def test_a_seed_is_published_as_plain_text_whatever_its_name(project, name):
    seed = project / "seeds" / name
    seed.write_text("<script>alert(1)</script>\n<svg onload=alert(1)>\nA quiet harbour night.\n",
                    encoding="utf-8")
    add_source(project, name, extra="description: Hostile file name.\n")
    (project / "content/places/quiet-harbour.yml").write_text(
        "id: quiet-harbour\nname: Quiet Harbour\ndescription: A harbour.\nclaims:\n  - statement: Quiet.\n"
        "    cite: [{source: extra-source, quote: A quiet harbour night}]\n")
    result = run_dossier("build", "--root", str(project))
    assert result.returncode == 0, result.stderr
    raw = project / "site/sources/raw"
    assert sorted(p.name for p in raw.iterdir()) == ["coastal-review.txt", "extra-source.txt",
                                                     "harbour-gazette.txt", "wire-brief.txt"]
    assert (raw / "extra-source.txt").read_bytes() == seed.read_bytes()
    assert not list((project / "site").rglob("story*"))


# -- 4. mkdocs.yml cannot run code ----------------------------------------------------------

@pytest.mark.parametrize("addition, key", [
    ("hooks:\n  - content/x.py\n", "hooks"),
    ("INHERIT: ../../etc/base.yml\n", "INHERIT"),
    ("extra_javascript:\n  - https://evil.example/x.js\n", "extra_javascript"),
    ("copyright: <img src=x onerror=alert(1)>\n", "copyright"),
    ("repo_url: javascript:alert(1)\n", "repo_url"),
    ("extra:\n  social:\n    - link: 'https://e.org/\" onmouseover=\"alert(1)'\n", "extra"),
])
def test_mkdocs_settings_that_run_code_are_refused(project, addition, key):
    (project / "content/x.py").write_text(f"open({str(project.parent / 'ran')!r}, 'w')\n")
    config = project / "mkdocs.yml"
    text = config.read_text()
    config.write_text(text + addition)
    line = len(text.splitlines()) + {"extra_javascript": 2, "extra": 3}.get(key, 1)
    col = {"extra_javascript": 5, "extra": 7}.get(key, 1)
    for command in ("check", "build"):
        fails_cleanly(project, f"{config}:{line}:{col}", "", command)
    assert not (project.parent / "ran").exists()


def test_a_plugin_or_extension_off_the_list_is_refused_unless_trusted(project):
    config = project / "mkdocs.yml"
    config.write_text(config.read_text() + "plugins:\n  - search\n  - macros\nmarkdown_extensions:\n"
                      "  - attr_list\n  - md_in_html\n  - tables\n  - admonition\n  - toc\n  - pymdownx.snippets\n")
    line = config.read_text().splitlines().index("  - macros") + 1
    stderr = fails_cleanly(project, f"{config}:{line}:5", "the plugin 'macros' is not on Dossier's list", "check")
    assert "the Markdown extension 'pymdownx.snippets' is not on Dossier's list" in stderr
    edit(config, "  - macros\n", "")
    result = run_dossier("check", "--root", str(project), "--trust-config")
    assert result.returncode == 0, result.stderr


# -- 4b. mkdocs.yml is held to a schema (issue 22) ----------------------------------------------

def _config_errors(tmp_path, text: str, trust: bool = False) -> list:
    from builder.site.config import load_config

    path = tmp_path / "mkdocs.yml"
    path.write_text(text, encoding="utf-8")
    return load_config(path, trust)[1]


def _theme_reads() -> set[tuple[str, ...]]:
    """Every config.extra.X and config.theme.X that the installed theme's templates read: each
    is a place where a setting reaches every page."""
    import material

    folder = Path(material.__file__).parent / "templates"
    found = set()
    for template in folder.rglob("*.html"):
        for match in re.finditer(r"config\.(extra|theme)((?:\.[a-z_]+)+)", template.read_text(encoding="utf-8")):
            found.add((match.group(1), *match.group(2)[1:].split(".")))
    return found


def _nested(path: tuple, value: object) -> str:
    import yaml

    data: object = value
    for key in reversed(path):
        data = {key: data}
    return yaml.safe_dump(data, allow_unicode=True)


@pytest.mark.parametrize("theme, addition, path", [
    ("", "extra:\n  polyfills:\n    - https://evil.example/x.js\n", "extra.polyfills"),
    ("  features: \"navigation.top\"\n", "", "theme.features"),
    ("  features: [content.action.edit]\n", "repo_url: https://example.org/r\nedit_uri: \"java\tscript:alert(1)//\"\n",
     "edit_uri"),
])
def test_the_issues_mkdocs_payloads_are_refused_at_their_line_and_pass_when_trusted(project, theme, addition, path):
    config = project / "mkdocs.yml"
    edit(config, "theme:\n", "theme:\n" + theme)
    config.write_text(config.read_text() + addition)
    key = path.split(".")[-1]
    lines = config.read_text().splitlines()
    line = next(n for n, row in enumerate(lines, 1) if row.strip().startswith(key + ":"))
    col = lines[line - 1].index(key) + 1
    for command in ("check", "build"):
        fails_cleanly(project, f"{config}:{line}:{col}", f"'{path}'", command)
    trusted = run_dossier("check", "--root", str(project), "--trust-config")
    assert trusted.returncode == 0, trusted.stderr


def test_tooltips_are_refused_in_any_form_even_when_trusted(tmp_path):
    """Material tests a feature with includes(): on a text that is a substring test."""
    for form in ('"content.tooltips"', '"navigation.top content.tooltips"', "[content.tooltips]"):
        errors = _config_errors(tmp_path, f"theme:\n  features: {form}\n", trust=True)
        assert [e.code for e in errors] == ["unsafe-theme-feature"], (form, errors)
        assert errors[0].loc.line == 2


@pytest.mark.parametrize("path", sorted(_theme_reads()), ids=".".join)
def test_every_theme_setting_the_templates_read_refuses_markup_and_script_addresses(tmp_path, path):
    for payload in ("javascript:alert(1)", " JavaScript:alert(1)", "<img src=x onerror=alert(1)>",
                    'x" onfocus="alert(1)" autofocus="', ["javascript:alert(1)"], {"x": "<svg onload=alert(1)>"},
                    [{"name": 'x" onfocus="alert(1)" autofocus="'}]):
        errors = _config_errors(tmp_path, _nested(path, payload))
        assert errors, (path, payload)
        assert all(e.loc.line >= 1 and e.code != "unsafe-theme-feature" for e in errors)


def test_the_schema_describes_every_setting_the_theme_reads():
    from builder.site.config import SCHEMA
    from builder.site.settings import OneOf, Record, Refused

    def rule_at(rule, keys):
        for key in keys:
            if isinstance(rule, OneOf):
                rule = next(o for o in rule.options if isinstance(o, (Record, Refused)))
            if isinstance(rule, Refused):
                return rule
            assert isinstance(rule, Record), keys
            rule = rule.fields.get(key) or rule.other or (rule.fixed.get(key) and Refused(""))
            assert rule is not None, f"config.{'.'.join(keys)} is read by the theme but not in the schema"
        return rule

    for path in _theme_reads():
        rule_at(SCHEMA, path)


URL_PAYLOADS = ["java\tscript:alert(1)", "java\nscript:alert(1)", "JaVaScRiPt:alert(1)", " javascript:alert(1)",
                "\x01javascript:alert(1)", "java&#x73;cript:alert(1)", "javascript&colon;alert(1)",
                "&#106;avascript:alert(1)", "vbscript:msgbox(1)", "data:text/html,<script>alert(1)</script>",
                "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==", "//evil.example/x",
                "\\\\evil.example\\x", "https://e.org/\" onmouseover=\"alert(1)"]
# Each address setting: what it accepts, and what it refuses beyond URL_PAYLOADS.
_ELSEWHERE = "https://evil.example/x.js"
URL_SETTINGS = {
    ("repo_url",): (["https://git.example.org/n/d", "HTTPS://Git.Example.org/n/d"], ["edit/main/"]),
    ("site_url",): (["HTTPS://Example.org/a/"], ["a/"]),
    ("edit_uri",): (["HTTPS://Example.org/a/", "edit/main/content/"], []),
    ("extra", "homepage"): (["HTTPS://Example.org/", "./"], []),
    ("extra", "scope"): (["/", "assets"], [_ELSEWHERE]),
    ("theme", "logo"): (["assets/images/favicon.png"], [_ELSEWHERE, "images/logo.png"]),
    ("theme", "favicon"): (["assets/images/favicon.png"], [_ELSEWHERE]),
    ("extra", "social", 0, "link"): (["HTTPS://social.example/@n"], ["assets/x"]),
    ("extra", "alternate", 0, "link"): (["HTTPS://Example.org/", "./"], []),
    ("extra_css", 0): (["assets/dossier.css"], [_ELSEWHERE]),
    ("extra_javascript", 0): (["assets/dossier.js"], [_ELSEWHERE]),
    ("extra_javascript", 0, "path"): (["assets/dossier.js"], [_ELSEWHERE]),
}


@pytest.mark.parametrize("setting", URL_SETTINGS, ids=lambda p: ".".join(map(str, p)))
def test_every_address_setting_refuses_what_a_browser_would_run_or_send_elsewhere(tmp_path, setting):
    import yaml

    def config(value):
        data: object = value
        for key in reversed(setting):
            data = [data] if isinstance(key, int) else {key: data}
        return yaml.safe_dump(data, allow_unicode=True)

    accepted, refused = URL_SETTINGS[setting]
    for payload in URL_PAYLOADS + refused:
        errors = _config_errors(tmp_path, config(payload))
        assert errors and all(e.code in ("unsafe-config", "mkdocs-schema") for e in errors), (payload, errors)
    for value in accepted:
        assert not _config_errors(tmp_path, config(value)), value


def test_every_address_field_of_the_sheets_follows_the_same_policy(project):
    """A source's url and a key fact's external reference, with the payloads a browser would
    follow to a script: each refused at its line by check."""
    from builder.resolve.dossier import check
    from builder.core.errors import DossierError

    sheet = project / "content/sources/coastal-review.yml"
    person = project / "content/organizations/tidewater-trust.yml"
    original = sheet.read_text(encoding="utf-8"), person.read_text(encoding="utf-8")
    for payload in URL_PAYLOADS:
        quoted = json.dumps(payload)
        for path, text, line in (
                (sheet, original[0].replace("language: en\n", f"language: en\nurl: {quoted}\n"), 7),
                (person, original[1].replace("- url: https://example.org/charities/tidewater-trust",
                                             f"- url: {quoted}"), 8)):
            path.write_text(text, encoding="utf-8")
            with pytest.raises(DossierError) as caught:
                check(project)
            assert any(d.loc.file.endswith(path.name) and d.loc.line == line for d in caught.value.diagnostics), \
                (payload, [str(d) for d in caught.value.diagnostics])
            path.write_text(original[0] if path == sheet else original[1], encoding="utf-8")
    check(project)  # and the dossier as it was passes


def test_a_value_of_the_wrong_type_is_an_error_never_interpreted(tmp_path):
    from builder.site.config import SCHEMA
    from builder.site.settings import OneOf, Record, Seq

    def lists(rule, path=()):
        for option in rule.options if isinstance(rule, OneOf) else (rule,):
            for key, inner in (option.fields.items() if isinstance(option, Record) else ()):
                if isinstance(inner, Seq):
                    yield path + (key,)
                yield from lists(inner, path + (key,))

    found = list(lists(SCHEMA))
    assert ("theme", "features") in found and ("extra_css",) in found
    for path in found:
        errors = _config_errors(tmp_path, _nested(path, "navigation.top"))
        assert any("must be a list" in e.message and e.loc.line == len(path) for e in errors), (path, errors)
        assert not [e for e in _config_errors(tmp_path, _nested(path, "navigation.top"), trust=True)
                    if e.code != "unsafe-theme-feature"]


def test_unknown_settings_are_refused_with_a_suggestion(tmp_path):
    errors = _config_errors(tmp_path, "theme:\n  palete: {primary: teal}\nextra:\n  my_script: x.js\n")
    assert [(e.loc.line, e.loc.col) for e in errors] == [(2, 3), (4, 3)]
    assert "did you mean 'palette'" in errors[0].message and "--trust-config" in errors[0].message
    assert not _config_errors(tmp_path, "theme:\n  palete: {primary: teal}\n", trust=True)


@pytest.mark.parametrize("repo_url", ["https://github.com/newsroom/dossier", "https://GitHub.com/newsroom",
                                      "https://gitlab.com/newsroom/dossier", "https://gitlab.newsroom.example/a/b"])
def test_a_repository_whose_facts_the_theme_fetches_from_every_reader_needs_trust(tmp_path, repo_url):
    errors = _config_errors(tmp_path, f"repo_url: {repo_url}\n")
    assert [(e.code, e.loc.line) for e in errors] == [("unsafe-config", 1)], errors
    assert "stars and forks" in errors[0].message
    assert not _config_errors(tmp_path, f"repo_url: {repo_url}\n", trust=True)
    assert not _config_errors(tmp_path, "repo_url: https://git.newsroom.example/a/b\n")


def test_a_text_setting_cannot_end_the_attribute_the_theme_writes_it_into(tmp_path):
    """MkDocs' templates do not escape: a palette toggle's name is written as aria-label="…" of
    an input, where a double quote would add an onfocus that autofocus fires."""
    payload = 'x" onfocus="alert(1)" autofocus="'
    for text in (f"theme:\n  palette:\n    - toggle: {{icon: material/brightness-7, name: '{payload}'}}\n",
                 f"site_author: '{payload}'\n", f"extra:\n  social:\n    - name: '{payload}'\n",
                 f"extra:\n  status:\n    '{payload}': New\n"):
        errors = _config_errors(tmp_path, text)
        assert any("double quote" in e.message or "which is not a name" in e.message for e in errors), (text, errors)


# What a review of the schema found (helper red team): each a class, not a payload.

def test_pages_load_only_the_themes_and_dossiers_own_files(tmp_path):
    """Every file of the site but assets/ is made from the content: an article published as
    sources/raw/<id>.txt would run as a script. No percent-encoding ('%2e%2e' is '..')."""
    for path in ("sources/raw/evil-note.txt", "data/entities.csv", "search/manifest.js", "%2e%2e/outside.js",
                 "assets/%2e%2e/x.js", "assets/../sources/raw/x.txt", "assets/x.js?y", "./assets/x.js",
                 "people/index.html", "/assets/x.js"):
        for setting in ("extra_javascript", "extra_css"):
            assert _config_errors(tmp_path, f"{setting}: ['{path}']\n"), (setting, path)
        assert _config_errors(tmp_path, f"extra_javascript: [{{path: '{path}'}}]\n"), path
        for setting in ("logo", "favicon"):
            assert _config_errors(tmp_path, f"theme:\n  {setting}: '{path}'\n"), (setting, path)
    assert not _config_errors(tmp_path, "extra_css: [assets/dossier.css]\ntheme:\n  favicon: assets/images/favicon.png\n")


@pytest.mark.parametrize("key", ["x:red}body{background:url(https://evil.example/a.png)}:root{--y",
                                 "a{}body{border-image:url(https://evil.example/t.png)}.b", "x;y", "x'y", "x(y)"])
def test_the_keys_of_a_mapping_of_names_hold_no_css_syntax(tmp_path, key):
    """The theme pastes the keys of theme.icon.admonition and theme.icon.tag into a <style>."""
    for section in ("theme:\n  icon:\n    admonition", "theme:\n  icon:\n    tag", "extra:\n  status", "extra:\n  tags"):
        value = "material/home" if "icon" in section else "new"
        errors = _config_errors(tmp_path, f"{section}:\n      {json.dumps(key)}: {value}\n")
        assert errors and errors[0].code == "unsafe-config", (section, errors)
    for icon in ("material/../../../etc", "material/..", "../x", "material/x.svg"):
        assert _config_errors(tmp_path, f"theme:\n  icon:\n    logo: '{icon}'\n"), icon
    assert not _config_errors(tmp_path, "theme:\n  icon:\n    admonition:\n      note: material/home\n"
                                        "    tag:\n      Getting started: material/home\n")


@pytest.mark.parametrize("repo_url", ["https://github.com:443/o/r", "https://github&#46;com/o/r", "https://github%2Ecom/o/r",
                                      "https://\uff47\uff49\uff54\uff48\uff55\uff42.com/o/r", "https://git%6Cab.com/o/r",
                                      "https://attacker-git%6Cab.example/o/r", "https://user@github.com/o/r",
                                      "https://www..github\uff0ecom/o/r", "https://\uff47itlab." + "x" * 64 + ".example/o/r"])
def test_the_repository_rule_sees_the_address_as_the_browser_gives_it_to_the_theme(tmp_path, repo_url):
    errors = _config_errors(tmp_path, f"repo_url: {json.dumps(repo_url)}\n")
    assert [e.code for e in errors] == ["unsafe-config"], (repo_url, errors)


@pytest.mark.parametrize("setting", [
    "markdown_extensions:\n  - toc: {toc_depth: a-b}\n", "markdown_extensions:\n  - toc: {baselevel: -5}\n",
    "markdown_extensions:\n  - toc: {toc_depth: 9}\n", "draft_docs: '[z-a]'\n", "exclude_docs: '*'\n",
    "not_in_nav: x\n", "dev_addr: nonsense\n", "theme:\n  locale: zz_ZZ\n",
    "plugins:\n  - search: {separator: '('}\n",
    "extra:\n  social:\n    - {icon: fontawesome/brands/nonexistent-zz, link: 'https://example.org/'}\n",
    "theme:\n  icon:\n    admonition:\n      note: material/no-such-icon\n",
])
def test_what_check_accepts_the_build_can_render(tmp_path, setting):
    """Settings that passed check and then failed the build with a traceback, an internal
    error or a line of the generated build/mkdocs.yml: refused by check at their line."""
    errors = _config_errors(tmp_path, setting)
    assert errors and all(e.loc.line >= 1 and e.loc.file == str(tmp_path / "mkdocs.yml") for e in errors), errors


def test_a_line_break_in_a_key_stays_on_its_line(project):
    """A key holding a line break printed a line of its own, which a CI log reads as a
    workflow command (::error …)."""
    sheet = project / "content/people/osric-penhallow.yml"
    sheet.write_text(sheet.read_text() + '"zz\\n::error file=x::pwned": 1\n', encoding="utf-8")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text() + '"x\\n::notice::done\\u2028y": 1\n', encoding="utf-8")
    for command in ("check", "build"):
        result = run_dossier(command, "--root", str(project))
        assert result.returncode == 1
        assert not any(line.startswith("::") for line in result.stderr.splitlines()), result.stderr
        assert "\\u000a::error file=x::pwned" in result.stderr
        assert "\\u2028" in result.stderr or command == "build"  # build stops at the sheets' errors
        for line in result.stderr.splitlines()[:-1]:
            assert LOCATED.match(line), line


def test_a_lock_file_that_is_not_a_file_is_named(project):
    (project / "build" / ".lock").unlink(missing_ok=True)
    os.mkfifo(project / "build" / ".lock")
    result = run_dossier("build", "--root", str(project))
    assert result.returncode == 1 and str(project / "build" / ".lock") in result.stderr, result.stderr


def test_theme_named_as_a_text_keeps_the_shipped_theme_settings(tmp_path):
    """`theme: material` replaced the shipped mapping, and with it `font: false`: every page
    then loaded Google Fonts."""
    from builder.site.config import site_config

    (tmp_path / "mkdocs.yml").write_text("theme: material\n", encoding="utf-8")
    theme = site_config(tmp_path / "mkdocs.yml")["theme"]
    assert theme["name"] == "material" and theme["font"] is False and theme["features"]


EXTENSION_PAYLOADS = [
    "^^CARET^^ ~~TILDE~~ ==MARK== x^SUP^ y~SUB~ H~2~O a ^b^ c", "{++CRIT++} {>>COMMENT<<} {==HL==} {--del--} {~~a~>b~~}",
    "++ctrl+alt+del++ (c) (tm) (r) --> <-- 1/2 1st +/- =/= c/o 'single' \"double\" -- --- ...",
    '??? note "Title"', "???+ note", '=== "Tab"', "~~~", "~~~python", "```", "- [ ] task", "[x] done", ": definition",
    '!!! note "x"', "[^1]", "[^1]: note", "`code`", "*[HTML]: Hyper Text", "| a | b |", "1. one", "* star", "/// details",
    "<b>x</b>", "&amp; &lt;", "**bold** _em_ __u__", "{: #id .cls onclick=x }", "[TOC]", "# head", "---", "> quote",
    ":smile:", "[link](javascript:x)", "https://example.org/a_b_c", "Term"]


@pytest.mark.parametrize("extension", sorted(__import__("builder.site.config", fromlist=["EXTENSIONS"]).EXTENSIONS))
def test_every_allowed_markdown_extension_leaves_escaped_text_as_text(extension):
    """Escaped text (markup.md) under each allowed extension, alone, after a paragraph or line
    by line, renders as one paragraph of the same characters; and the raw HTML of a page (JSON
    in a script, an SVG view) is left as it is (pymdownx.critic rewrote it)."""
    import html as html_module

    import markdown

    from builder.core.markup import md

    base = ["attr_list", "md_in_html", "tables", "admonition", "toc"]
    for payload in EXTENSION_PAYLOADS:
        text = str(md(payload))
        plain = lambda out: html_module.unescape(re.sub(r"<[^>]+>", "", out)).strip()
        reference = plain(markdown.markdown(text, extensions=base))
        assert reference == payload
        for doc in (text, f"Intro.\n\n{text}\n\nAfter.", f"{text}\n{text}", f"Term\n{text}"):
            out = markdown.markdown(doc, extensions=base + [extension])
            assert set(re.findall(r"<(\w+)", out)) <= {"p"}, (payload, doc, out)
        assert plain(markdown.markdown(text, extensions=base + [extension])) == payload, payload
    raw = '<script type="application/json">{"a": "x {++b++} ^^c^^ ==d=="}</script>\n\n<svg><title>T {++x++}</title></svg>\n'
    assert markdown.markdown(raw, extensions=base + [extension]) == markdown.markdown(raw, extensions=base)


def test_the_shipped_and_bundled_configurations_keep_to_the_schema(tmp_path):
    from builder.site.config import SHIPPED

    from conftest import REPO

    assert not _config_errors(tmp_path, SHIPPED.read_text(encoding="utf-8"))
    assert not _config_errors(tmp_path, (REPO / "mkdocs.yml").read_text(encoding="utf-8"))


# -- 5. look-alike names ---------------------------------------------------------------------

@pytest.mark.parametrize("name, message", [
    ("W\u0435nna Trego", "'Wеnna' mixes Cyrillic and Latin letters"),
    ("Wenna\u200b Trego", "the name holds the invisible character U+200B"),
    ("Wenna \u202eogerT", "the text holds the invisible control character U+202E"),
])
def test_look_alike_names_are_refused(project, name, message):
    edit(project / "content/people/wenna-trego.yml", "name: Wenna Trego", f"name: \"{name}\"")
    fails_cleanly(project, "content/people/wenna-trego.yml:2:7", message, "check")


def test_names_equal_after_unicode_folding_collide(project):
    edit(project / "content/people/wenna-trego.yml", "aliases: []", "aliases: [\"ＰＥＮＨＡＬＬＯＷ\"]")
    fails_cleanly(project, "content/people/wenna-trego.yml:3:11",
                  "alias 'ＰＥＮＨＡＬＬＯＷ' is also a name or alias of osric-penhallow",
                  "check")


def test_a_name_written_wholly_in_another_alphabet_is_accepted(project):
    edit(project / "content/people/wenna-trego.yml", "aliases: []", "aliases: [Венна Трего]")
    assert run_dossier("check", "--root", str(project)).returncode == 0


# -- 6. nothing printed can act on a terminal or a review comment ----------------------------

def test_control_characters_never_reach_the_terminal(project):
    edit(project / "content/people/wenna-trego.yml", "organization: tidewater-trust",
         'organization: "tide\\e[2K\\rok\\e]0;x\\a"')
    result = run_dossier("check", "--root", str(project))
    assert result.returncode == 1
    assert "\x1b" not in result.stderr and "\r" not in result.stderr and "\x07" not in result.stderr
    assert "\\u001b[2K\\u000dok" in result.stderr
    result = run_dossier("check", "--root", str(project), "--format", "json")
    import json

    assert json.loads(result.stdout)["errors"] == 1


def test_diff_markdown_escapes_names(project):
    from conftest import git

    git(project, "init", "-q")
    git(project, "add", "content", "seeds")
    git(project, "commit", "-q", "-m", "first")
    edit(project / "content/people/wenna-trego.yml", "name: Wenna Trego",
         'name: "Wenna <!-- hidden ![x](https://tracker.invalid/p.png) [y](javascript:alert(1))"')
    result = run_dossier("diff", "--root", str(project), "HEAD")
    assert result.returncode == 0, result.stderr
    assert "<!--" not in result.stdout and "](" not in result.stdout.split("Pages whose")[0]
    assert "Wenna &lt;" in result.stdout


# -- 7, 8, 10. outputs: never the project, never half a site --------------------------------

@pytest.mark.parametrize("target", [".", "content", "seeds", "..", "other", "link", "build", ".git"])
def test_site_dir_that_is_not_a_site_is_refused_and_nothing_is_touched(project, target):
    (project / "other").mkdir()
    (project / "other/notes.txt").write_text("mine")
    (project / "link").symlink_to(project / "other")
    (project / ".git").mkdir()
    before = snapshot(project)
    result = run_dossier("build", "--root", str(project), "--site-dir", str(project / target))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert ": error: the site folder " in result.stderr, result.stderr
    assert snapshot(project) == before
    assert sorted(p.name for p in project.iterdir()) == [".git", "build", "content", "link", "mkdocs.yml",
                                                         "other", "seeds", "site"]


@pytest.mark.parametrize("committed", ["build", "dist"])
def test_a_build_or_dist_folder_committed_as_a_link_is_never_written_through(project, tmp_path, committed):
    victim = tmp_path / "victim"
    (victim / "docs").mkdir(parents=True)
    (victim / "docs/keep.md").write_text("not Dossier's")
    shutil.rmtree(project / committed, ignore_errors=True)
    (project / committed).symlink_to(victim)
    before = snapshot(victim)
    command = "build" if committed == "build" else "bundle"
    result = run_dossier(command, "--root", str(project))
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert f"{project / committed} is a symbolic link" in result.stderr
    assert snapshot(victim) == before
    result = run_dossier("check", "--root", str(project))  # check's cache is not written through it
    assert snapshot(victim) == before


@pytest.mark.parametrize("target", ["site/x.zip", "content/x.zip", "build/x.zip", "README.zip", "link.zip"])
def test_bundle_output_that_would_harm_is_refused(project, target):
    (project / "README.zip").write_text("not a zip")
    (project / "victim.txt").write_text("keep me")
    (project / "link.zip").symlink_to(project / "victim.txt")
    before = snapshot(project)
    result = run_dossier("bundle", "--root", str(project), "--output", str(project / target))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert ": error: --output " in result.stderr, result.stderr
    assert snapshot(project) == before


@pytest.mark.parametrize("target", [".", "content", "README.md", ".."])
def test_schema_output_that_would_harm_is_refused(project, target):
    (project / "README.md").write_text("readme")
    before = snapshot(project)
    result = run_dossier("schema", "--root", str(project), "-o", str(project / target))
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert ": error: --output " in result.stderr
    assert snapshot(project) == before


@pytest.mark.parametrize("step", ["built", "exchanged", "moved-old"])
def test_a_build_killed_at_any_step_leaves_a_whole_site(project, step):
    import subprocess
    import sys

    from conftest import REPO, git

    git(project, "init", "-q")
    before = snapshot(project / "site")
    edit(project / "content/places/farrowden.yml", "description: ", "description: Changed. ")
    # moved-old is the step of the two-rename swap used where the exchange is unsupported.
    code = ("import builder.site.build as s, builder.cli as c, sys; s._exchange = lambda a, b: False; "
            "sys.exit(c.main(sys.argv[1:]))") if step == "moved-old" else \
        "import builder.cli as c, sys; sys.exit(c.main(sys.argv[1:]))"
    killed = subprocess.run([sys.executable, "-c", code, "build", "--root", str(project)], cwd=REPO,
                            env={**os.environ, "DOSSIER_FAULT_AT": step}, capture_output=True, text=True)
    assert killed.returncode == -9
    site = snapshot(project / "site") if (project / "site").is_dir() else None
    if step != "moved-old":
        assert site is not None and (site == before or b"Changed." in site["places/farrowden/index.html"])
    status = git(project, "status", "--porcelain", "--ignored=no")
    assert ".site." not in status, status
    again = run_dossier("build", "--root", str(project))
    assert again.returncode == 0, again.stderr
    assert not list(project.glob(".site.*"))
    assert b"Changed." in (project / "site/places/farrowden/index.html").read_bytes()
    assert not (project / "site/.gitignore").exists()


# -- 9, 11. ids that would hide a page or break a zip on Windows ------------------------------

@pytest.mark.parametrize("reserved", ["index", "con", "aux", "nul", "com1", "lpt9"])
def test_reserved_ids_are_refused(project, reserved):
    old = project / "content/places/farrowden.yml"
    text = old.read_text().replace("id: farrowden", f"id: {reserved}")
    old.unlink()
    (project / f"content/places/{reserved}.yml").write_text(text)
    fails_cleanly(project, f"content/places/{reserved}.yml:1:5", f"the id '{reserved}' is reserved", "check")


# -- 12. the offline copy's content version ---------------------------------------------------

def test_the_copy_does_not_claim_a_commit_that_does_not_hold_the_dossier(project, tmp_path):
    from conftest import git

    git(tmp_path, "init", "-q")
    (tmp_path / "README").write_text("an enclosing repository that does not track the dossier")
    git(tmp_path, "add", "README")
    git(tmp_path, "commit", "-q", "-m", "unrelated")
    result = run_dossier("bundle", "--root", str(project))
    assert result.returncode == 0, result.stderr
    commit = git(tmp_path, "rev-parse", "HEAD").strip()
    assert commit[:12] not in result.stdout


# -- 13-19. tracebacks become located lines ---------------------------------------------------

CASES = {
    "year-after-2106": ("content/sources/coastal-review.yml", "published: 2021-03", "published: 2918-03",
                        "5:12", "the year 2918 is outside 1000-2100"),
    "year-before-1000": ("content/sources/coastal-review.yml", "published: 2021-03", "published: 0999-03",
                         "5:12", "the year 999 is outside 1000-2100"),
    "unknown-language": ("content/dossier.yml", "language: en", "language: xx", "3:11",
                         "the theme has no interface in 'xx'"),
    "nul-byte": ("content/places/farrowden.yml", "name: Farrowden", "name: Farrow\x00den", "2:13",
                 "control character U+0000"),
    "escape-byte": ("content/places/farrowden.yml", "name: Farrowden", "name: Farrow\x1b[2Jden", "2:13",
                    "control character U+001B"),
    "escape-in-quotes": ("content/places/farrowden.yml", "name: Farrowden", 'name: "Farrow\\eden"', "2:7",
                         "control character U+001B"),
    "deep-nesting": ("content/places/farrowden.yml", "name: Farrowden",
                     "name: Farrowden\nx: " + "[" * 100_000 + "]" * 100_000, "3:", "nested more than 64 levels"),
    "huge-integer": ("content/places/farrowden.yml", "name: Farrowden", "name: " + "9" * 5000, "2:7",
                     "a number too long to read"),
    "tab-indentation": ("content/people/wenna-trego.yml", "  - title: Director", "\t- title: Director", "6:1",
                        "a tab character; YAML indents with spaces"),
    "unclosed-quote": ("content/places/farrowden.yml", "name: Farrowden", "name: 'Farrowden", "2:7",
                       "this quoted text is never closed"),
    "alias-bomb": ("content/places/farrowden.yml", "name: Farrowden",
                   "name: Farrowden\n" + "\n".join(
                       [f"l{0}: &l0 [" + ",".join(['"lol"'] * 9) + "]"]
                       + [f"l{i}: &l{i} [" + ",".join([f"*l{i - 1}"] * 9) + "]" for i in range(1, 12)]),
                   "4:", "YAML anchors and aliases"),
    "furniture-range": ("content/sources/coastal-review.yml", "furniture: [1, 7]",
                        "furniture: [1, \"1-999999999\"]", "8:16", "furniture line 999999999 is outside"),
    "id-too-long": ("content/places/farrowden.yml", "id: farrowden", "id: " + "a" * 200, "1:5", "at most 80 characters"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_input_gives_a_located_error_not_a_traceback(project, case):
    file, old, new, where, message = CASES[case]
    edit(project / file, old, new)
    fails_cleanly(project, f"{file}:{where}".rstrip(":"), message, "check", budget=5)


def test_the_alias_bomb_fails_in_under_a_second(project):
    from builder.read.load import load_yaml

    bomb = project / "content/places/bomb.yml"
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"{c}: &{c} [{','.join([f'*{p}'] * 9)}]" for p, c in zip("abcdefgh", "bcdefghi")]
    bomb.write_text("\n".join(lines) + "\n")
    start = time.perf_counter()
    doc, problems = load_yaml(bomb, "bomb.yml", "places")
    assert time.perf_counter() - start < 1
    assert doc is None and str(problems[0]).startswith("bomb.yml:2:8: error: YAML anchors and aliases")


def test_a_huge_sheet_or_seed_is_refused_by_size(project):
    from builder.read.inputs import MAX_SEED_BYTES, MAX_SHEET_BYTES

    with open(project / "content/places/huge.yml", "w") as f:
        f.write("description: " + "x" * (MAX_SHEET_BYTES + 10))
    stderr = fails_cleanly(project, "content/places/huge.yml:1:1", "the limit is 1 MiB", "check")
    assert "Split it" in stderr
    (project / "content/places/huge.yml").unlink()
    with open(project / "seeds/huge.txt", "w") as f:
        f.write("word " * (MAX_SEED_BYTES // 5 + 10))
    fails_cleanly(project, "seeds/huge.txt:1:1", "the limit is 8 MiB", "check")


@pytest.mark.parametrize("encoding, text, expected", [
    ("cp1251", "Москва. Дети вернулись домой из Ирака в субботу вечером, сообщили в министерстве.\n" * 20,
     "WINDOWS-1251"),
    ("latin-1", "Le journal a publié l'article à Genève, où les enfants étaient arrivés.\n" * 20,
     "iconv -f "),
])
def test_a_seed_in_another_encoding_names_it_and_the_command(project, encoding, text, expected):
    (project / "seeds/coastal-review.txt").write_bytes(text.encode(encoding))
    stderr = fails_cleanly(project, "content/sources/coastal-review.yml:7:7",
                           "seeds/coastal-review.txt is not UTF-8 text", "check")
    assert expected in stderr and "-t UTF-8" in stderr
    result = run_dossier("new-source", "--root", str(project), "seeds/coastal-review.txt", "--force",
                         "--id", "again")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "is not UTF-8 text" in result.stderr and expected in result.stderr


def test_a_binary_seed(project):
    (project / "seeds/coastal-review.txt").write_bytes(bytes(range(256)) * 40)
    fails_cleanly(project, "content/sources/coastal-review.yml:7:7", "seeds/coastal-review.txt is not text",
                  "check")


def test_seed_names_differing_only_in_case(project):
    shutil.copy(project / "seeds/coastal-review.txt", project / "seeds/Coastal-Review.txt")
    fails_cleanly(project, "seeds/coastal-review.txt:1:1", "'coastal-review.txt' and 'Coastal-Review.txt' differ "
                  "only in case", "check")


def test_build_folder_that_is_a_file_and_an_unwritable_site(project):
    shutil.rmtree(project / "build")
    (project / "build").write_text("oops")
    result = run_dossier("build", "--root", str(project))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr == (f"dossier build: error: cannot write {project / 'build'} (File exists); a file "
                             "is where Dossier needs a folder: move or delete it. Anything built before is "
                             "unchanged\n")


@pytest.mark.parametrize("code, hint", [(28, "the disk is full"), (30, "the file system is read-only"),
                                        (13, "you may not write there")])
def test_a_full_disk_or_read_only_site_is_one_line_and_the_site_is_kept(project, monkeypatch, capsys, code, hint):
    import builder.site.build
    from builder.cli import main

    def refuse(config_file, out_dir, *args, **kwargs):
        raise OSError(code, os.strerror(code), str(out_dir / "index.html"))

    monkeypatch.setattr(builder.site.build, "run_mkdocs", refuse)
    before = snapshot(project / "site")
    assert main(["build", "--root", str(project)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("dossier build: error: cannot write ") and hint in err and err.count("\n") == 1
    assert snapshot(project / "site") == before
    assert not list(project.glob(".site.*"))


def test_serve_on_a_port_in_use_says_so(project):
    import socket

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = run_dossier("serve", "--root", str(project), "--dev-addr", f"127.0.0.1:{port}")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert f"dossier serve: error: cannot serve on 127.0.0.1:{port}" in result.stderr


def test_the_serve_error_page_shows_messages_as_text(project):
    from builder.core.errors import error, SourceLoc
    from builder.commands.serve import error_pages

    pages = error_pages([error("x", "<script>alert(1)</script> is wrong", SourceLoc("content/a.yml", 3, 4))],
                        {"people/a/index.md"})
    assert "content/a\\.yml:3:4" in pages["people/a/index.md"] and "&lt;script&gt;" in pages["index.md"]


# -- 21. one article's size: linear (bench/article_size.py), one paragraph bounded -------------

def test_a_paragraph_too_long_to_render_in_linear_time_is_refused(project):
    from builder.read.inputs import MAX_PARAGRAPH_CHARS

    seed = project / "seeds/coastal-review.txt"
    lines = seed.read_text(encoding="utf-8").splitlines()
    long_line = "word " * (MAX_PARAGRAPH_CHARS // 5 + 1)
    seed.write_text("\n".join(lines + ["", long_line, "more of the same paragraph"]) + "\n", encoding="utf-8")
    fails_cleanly(project, f"seeds/coastal-review.txt:{len(lines) + 2}:1",
                  "the paragraph that starts here is", "check", budget=10)


def test_a_file_name_cannot_forge_an_error_line(project):
    name = "x\nfake.yml:1:1: error: forged\x1b[2K.txt"
    (project / "seeds" / name).write_bytes(b"\xff\xfe not utf-8")
    result = run_dossier("check", "--root", str(project))
    assert result.returncode == 1
    assert "forged" in result.stderr and not any(line.startswith("fake.yml")
                                                 for line in result.stderr.splitlines())
    assert "\x1b" not in result.stderr


def test_many_wrong_quotes_of_a_long_article_are_reported_quickly(project):
    """Each "closest passage" hint searches the whole article (about 0.2 s for this 2 MB text):
    the hints share a budget, so 300 wrong quotes take seconds instead of minutes."""
    seed = project / "seeds/coastal-review.txt"
    filler = "\n\n".join("The keeper walked the harbour wall at dusk, counting the boats. " * 6
                         for _ in range(5000))
    seed.write_text(seed.read_text(encoding="utf-8") + "\n" + filler + "\n", encoding="utf-8")
    claims = "".join(f"  - statement: Wrong {i}.\n    cite: [{{source: coastal-review, quote: "
                     f"\"the keeper never walked the wall number {i}\"}}]\n" for i in range(300))
    (project / "content/places/walls.yml").write_text(
        f"id: walls\nname: Walls\ndescription: Walls.\nclaims:\n{claims}", encoding="utf-8")
    stderr = fails_cleanly(project, "content/places/walls.yml:6:44", "quote not found in seeds/coastal-review.txt",
                           "check", budget=60)
    assert stderr.count("quote not found") == 20  # the first 20 of the file, then a count
    assert "… and 280 more errors in this file" in stderr and "dossier check: 300 errors" in stderr
    report = json.loads(run_dossier("check", "--root", str(project), "--format", "json").stdout)
    messages = [d["message"] for d in report["diagnostics"]]
    assert sum("quote not found" in m for m in messages) == 300
    assert 0 < sum("the closest passage" in m for m in messages) < 300


def test_a_huge_wrong_value_does_not_flood_the_terminal(project):
    edit(project / "content/people/wenna-trego.yml", "organization: tidewater-trust",
         "organization: " + "x" * 500_000)
    stderr = fails_cleanly(project, "content/people/wenna-trego.yml:7:19", "'xxx", "check")
    assert len(stderr) < 3000 and "more characters)" in stderr


def test_new_source_prints_no_control_characters_from_an_article(project):
    (project / "seeds/escape.txt").write_text(
        "Breaking news\x1b[2K\r\n\nMarina \x1b]0;pwned\x07Dubrovina of the Grozny Children Foundation "
        "said so in \x1b[31mGrozny\x1b[0m on Monday.\n", encoding="utf-8")
    result = run_dossier("new-source", "--root", str(project), "seeds/escape.txt", "--id", "escape")
    assert result.returncode == 0, result.stderr
    assert not any(c in result.stdout + result.stderr for c in "\x1b\x07\r")
    assert "Grozny" in result.stdout
