"""`dossier check` for hooks and CI: formats (text, GitHub annotations, JSON), reviewer
warnings, --strict."""

import json

from conftest import run_dossier


def test_github_format_annotates_the_broken_reference_at_its_place(lighthouse):
    sheet = lighthouse / "content/people/wenna-trego.yml"
    sheet.write_text(sheet.read_text().replace("organization: tidewater-trust", "organization: tidewater trusts"))
    done = run_dossier("check", "--format", "github", cwd=lighthouse)
    assert done.returncode == 1
    lines = done.stdout.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("::error file=content/people/wenna-trego.yml,line=7,col=19,"
                               "title=unknown-reference::'tidewater trusts' is not an organization id")


def test_json_format_lists_every_diagnostic_with_its_place(lighthouse):
    sheet = lighthouse / "content/people/wenna-trego.yml"
    sheet.write_text(sheet.read_text().replace("organization: tidewater-trust", "organization: nobody"))
    done = run_dossier("check", "--root", str(lighthouse), "--format", "json")
    report = json.loads(done.stdout)
    assert done.returncode == 1 and report["ok"] is False and report["errors"] == 1
    (d,) = report["diagnostics"]
    assert (d["file"], d["line"], d["column"], d["level"], d["code"]) == (
        "content/people/wenna-trego.yml", 7, 19, "error", "unknown-reference")


def make_reviewable(root):
    """Three things a reviewer should hear about, in an otherwise valid dossier."""
    (root / "content/places/lonely-rock.yml").write_text(
        "id: lonely-rock\nname: Lonely Rock\naliases: []\ndescription: A rock nobody mentions.\n")
    (root / "seeds/unused.txt").write_text("An unused article\n\nNothing in it is quoted.\n")
    (root / "content/sources/unused.yml").write_text(
        "id: unused\ntitle: An unused article\noutlet: unknown\noutlet_note: Made up.\n"
        "published: 2021-04\nlanguage: en\nfile: unused.txt\nfurniture: [1]\n")
    seed = root / "seeds/coastal-review.txt"
    seed.write_text(seed.read_text() + "\nThey trust the new light.\n")


def test_warnings_name_what_a_reviewer_should_look_at_and_strict_fails_on_them(lighthouse):
    make_reviewable(lighthouse)
    done = run_dossier("check", "--root", str(lighthouse), "--format", "json")
    assert done.returncode == 0, done.stdout
    report = json.loads(done.stdout)
    found = {(d["code"], d["file"], d["line"]) for d in report["diagnostics"]}
    assert found == {
        ("uncited-entity", "content/places/lonely-rock.yml", 2),
        ("uncited-source", "content/sources/unused.yml", 1),
        ("common-word-alias", "content/organizations/tidewater-trust.yml", 3),
    }
    text = run_dossier("check", "--root", str(lighthouse))
    assert text.returncode == 0 and "3 warnings" in text.stdout
    assert "content/organizations/tidewater-trust.yml:3:11: warning: alias 'Trust' is also the common word 'trust'" in text.stderr
    strict = run_dossier("check", "--root", str(lighthouse), "--strict")
    assert strict.returncode == 1 and strict.stdout.startswith("failed:")


def test_single_source_claims_are_flagged_on_request(lighthouse):
    plain = json.loads(run_dossier("check", "--root", str(lighthouse), "--format", "json").stdout)
    assert not [d for d in plain["diagnostics"] if d["code"] == "single-source"]
    asked = json.loads(run_dossier("check", "--root", str(lighthouse), "--format", "json",
                                   "--single-source").stdout)
    flagged = {(d["file"], d["line"]) for d in asked["diagnostics"] if d["code"] == "single-source"}
    # e.g. Penhallow's "lit every night since 1884" cites the Gazette only; the Review names
    # him too. His 40 and 38 years are not flagged: they are two sides of a disagreement.
    assert flagged == {("content/people/osric-penhallow.yml", 22),
                       ("content/organizations/tidewater-trust.yml", 12),  # the wire copy's claim
                       ("content/organizations/tidewater-trust.yml", 16),
                       ("content/places/farrowden.yml", 7),
                       ("content/places/farrow-point.yml", 18)}  # the caption: the Review names the point


def test_a_sheet_edited_after_a_check_is_read_again(lighthouse):
    """The sheet cache (build/cache/) never hides an edit, and positions in cached sheets
    stay right."""
    assert run_dossier("check", cwd=lighthouse).returncode == 0
    assert (lighthouse / "build/cache/sheets.marshal").is_file()
    sheet = lighthouse / "content/people/wenna-trego.yml"
    sheet.write_text(sheet.read_text().replace("organization: tidewater-trust", "organization: nobody"))
    done = run_dossier("check", cwd=lighthouse)
    assert done.returncode == 1
    assert "content/people/wenna-trego.yml:7:19: error: 'nobody' is not an organization id" in done.stderr
    sheet.write_text(sheet.read_text().replace("organization: nobody", "organization: tidewater-trust"))
    assert run_dossier("check", cwd=lighthouse).returncode == 0
