"""A rebuild renders again only the source and entity pages whose dependencies changed
(builder/rendercache.py), and the Markdown it leaves is byte for byte what a clean build of
the same input writes, whatever was edited."""

import os
import random
import re
import shutil
from pathlib import Path

import pytest
import yaml

from builder.commands.build import Project, generate
from builder.pages.paths import INDEX_PAGES
from conftest import FIXTURES, REPO, append, copy_dossier


def docs_of(root: Path) -> dict[str, bytes]:
    docs = root / "build" / "docs"
    return {p.relative_to(docs).as_posix(): p.read_bytes() for p in sorted(docs.rglob("*")) if p.is_file()}


def assert_same_as_clean(root: Path, scratch: Path) -> None:
    """build/docs of root equals what a first build of a copy of its inputs writes."""
    if scratch.exists():
        shutil.rmtree(scratch)
    copy_dossier(root, scratch)
    generate(Project(scratch))
    expected, rebuilt = docs_of(scratch), docs_of(root)
    assert sorted(rebuilt) == sorted(expected)
    assert [name for name in expected if rebuilt[name] != expected[name]] == []


def sheets(root: Path, kind: str) -> list[Path]:
    return sorted((root / "content" / kind).glob("*.yml"))


def load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def dump(path: Path, data: dict) -> None:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def most_cited(root: Path, kind: str) -> Path:
    """The sheet of that kind with the most claims: the one most pages show."""
    return max(sheets(root, kind), key=lambda p: (len(load(p).get("claims") or []), p.name))


def capitalised_word(root: Path, taken: set[str]) -> str:
    """A capitalised word of the articles that is no name yet: a new alias that will be found."""
    words = sorted({w for seed in sorted((root / "seeds").iterdir())
                    for w in re.findall(r"\b[A-Z][a-z]{6,}\b", seed.read_text(encoding="utf-8"))} - taken)
    return words[len(words) // 2]


def names(root: Path) -> set[str]:
    found = set()
    for kind in ("people", "organizations", "places", "events"):
        for path in sheets(root, kind):
            data = load(path)
            found |= {data["name"], *(data.get("aliases") or [])}
    return found


# Each edit keeps the dossier valid and changes what some pages show.
def describe(root: Path) -> None:
    for kind in ("people", "organizations", "places", "events"):
        path = most_cited(root, kind)
        data = load(path)
        data["description"] = data["description"].rstrip(".") + ", as edited."
        dump(path, data)


def rename(root: Path) -> None:
    path = most_cited(root, "people")
    data = load(path)
    data["aliases"] = [*(data.get("aliases") or []), data["name"]]  # references by the old name still resolve
    data["name"] = data["name"] + " Renamed"
    dump(path, data)


def alias(root: Path) -> None:
    path = most_cited(root, "organizations")
    data = load(path)
    data["aliases"] = [*(data.get("aliases") or []), capitalised_word(root, names(root))]
    dump(path, data)


def new_person(root: Path) -> None:
    word = capitalised_word(root, names(root) | {"Renamed"})
    dump(root / "content/people/zz-new-person.yml", {"id": "zz-new-person", "name": word,
                                                       "description": "Someone added in a later edit."})


def retitle(root: Path) -> None:
    path = sheets(root, "sources")[0]
    data = load(path)
    data["title"] = data["title"] + " (updated)"
    dump(path, data)


def redate(root: Path) -> None:
    """A known date (short or long form, with its citation) moved to another day."""
    value = lambda data: data["date"]["value"] if isinstance(data.get("date"), dict) else data.get("date")
    path = next(p for p in sheets(root, "events") if value(load(p)) not in (None, "unknown"))
    data = load(path)
    if isinstance(data["date"], dict):
        data["date"]["value"] = "1970-01-01"
    else:
        data["date"] = "1970-01-01"
    dump(path, data)


def move(root: Path) -> None:
    path = next(p for p in sheets(root, "places") if load(p).get("coordinates"))
    data = load(path)
    coordinates = data["coordinates"]
    if "value" in coordinates:
        coordinates = coordinates["value"]
    coordinates["lat"] = round(coordinates["lat"] + 0.5, 4)
    dump(path, data)


def drop_claim(root: Path) -> None:
    path = most_cited(root, "people")
    data = load(path)
    data["claims"] = data["claims"][:-1]
    dump(path, data)


def add_paragraph(root: Path) -> None:
    seed = sorted((root / "seeds").iterdir())[0]
    person = load(most_cited(root, "events"))
    append(seed, f"\n\nA paragraph added later names {person['name']} once more.\n")


EDITS = [describe, rename, alias, new_person, retitle, redate, move, drop_claim, add_paragraph]


@pytest.fixture(params=["bundled", "lighthouse"])
def dossier(request, tmp_path) -> Path:
    source = REPO if request.param == "bundled" else FIXTURES / "lighthouse"
    return copy_dossier(source, tmp_path / "dossier")


@pytest.mark.parametrize("edit", EDITS, ids=[e.__name__ for e in EDITS])
def test_each_kind_of_edit_renders_some_pages_and_gives_the_clean_build(dossier, tmp_path, edit):
    project = Project(dossier)
    _, first = generate(project)
    total = first["rendered"]
    assert first["reused"] == 0 and total > 10
    edit(dossier)
    _, counts = generate(project)
    sheets_now = sum(1 for _ in (dossier / "content").glob("*/*.yml"))  # a page per source and entity
    assert counts["rendered"] + counts["reused"] == sheets_now >= total
    assert counts["rendered"] > 0, "an edit that changes what pages show rendered nothing"
    assert_same_as_clean(dossier, tmp_path / "clean")


def test_edits_one_after_another_in_any_order_give_the_clean_build(tmp_path):
    dossier = copy_dossier(REPO, tmp_path / "dossier")
    project = Project(dossier)
    generate(project)
    order = EDITS[:]
    random.Random(13).shuffle(order)
    for edit in order:
        edit(dossier)
        generate(project)
        assert_same_as_clean(dossier, tmp_path / "clean")


def test_a_description_edit_renders_only_the_pages_that_show_it(dossier, tmp_path):
    project = Project(dossier)
    _, first = generate(project)
    path = most_cited(dossier, "places")
    data = load(path)
    data["description"] = "A description edited to see which pages show it."
    dump(path, data)
    _, counts = generate(project)
    rendered = counts["rendered"]
    assert 0 < rendered < first["rendered"]
    showing = [page for page, text in docs_of(dossier).items()  # source and entity pages
               if page.endswith("/index.md") and page not in INDEX_PAGES and b"which pages show it" in text]
    assert 0 < len(showing) <= rendered


def test_nothing_changed_renders_nothing_and_a_page_changed_by_hand_is_rendered_again(dossier, tmp_path):
    project = Project(dossier)
    generate(project)
    before = docs_of(dossier)
    _, counts = generate(project)
    assert counts["rendered"] == 0 and counts["reused"] > 10
    page = next(p for p in sorted(before) if p.startswith("people/") and p != "people/index.md")
    (dossier / "build/docs" / page).write_text("changed by hand\n", encoding="utf-8")
    _, counts = generate(project)
    assert counts["rendered"] == 1
    assert docs_of(dossier) == before
    # changed again keeping its size and modification time: only its change time tells
    path = dossier / "build/docs" / page
    st = path.stat()
    path.write_bytes(bytes(b ^ 1 if chr(b).isalpha() else b for b in path.read_bytes()))
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert path.stat().st_size == st.st_size and docs_of(dossier) != before
    _, counts = generate(project)
    assert counts["rendered"] == 1
    assert docs_of(dossier) == before


def test_a_changed_dossier_sheet_or_a_lost_cache_renders_every_page(dossier):
    project = Project(dossier)
    _, first = generate(project)
    path = dossier / "content/dossier.yml"
    data = load(path)
    data["title"] = data["title"] + " (second edition)"
    dump(path, data)
    _, counts = generate(project)
    assert counts["reused"] == 0 and counts["rendered"] == first["rendered"]
    project.render_cache.write_bytes(b"not a cache")
    _, counts = generate(project)
    assert counts["reused"] == 0


def test_the_cache_is_never_written_through_a_link(dossier, tmp_path):
    project = Project(dossier)
    generate(project)
    outside = tmp_path / "outside"
    outside.mkdir()
    cache = dossier / "build" / "cache"
    shutil.rmtree(cache)
    cache.symlink_to(outside, target_is_directory=True)
    generate(project)
    assert list(outside.iterdir()) == []


FINGERPRINTS = """
import sys
from pathlib import Path
from builder.resolve.dossier import check
from builder.pages.rendercache import digest
r = check(Path(sys.argv[1]))
for key, value in [*r.entities.items(), *r.articles.items()]:
    print(key, digest(value).hex())
"""


def test_fingerprints_are_the_same_in_every_process_with_or_without_the_caches(dossier):
    """Sets (ordered by each process's string hashes), the sheet cache (raw YAML read back
    from marshal) and the texts cache (quotes and mentions read back, textcache.py: shared
    alike, since fingerprints write an object met twice as a reference) must not change a
    fingerprint, or every build would render every page."""
    import os
    import subprocess
    import sys

    runs = []
    for seed in ("1", "2", "3"):  # the first run has no cache yet, the others do
        done = subprocess.run([sys.executable, "-c", FINGERPRINTS, str(dossier)], capture_output=True,
                              text=True, check=True, cwd=REPO, env={**os.environ, "PYTHONHASHSEED": seed})
        runs.append(done.stdout)
    assert len(runs[0].splitlines()) > 10
    assert runs[0] == runs[1] == runs[2]


def test_a_cached_property_computed_by_a_page_does_not_change_a_fingerprint(lighthouse):
    from builder.resolve.dossier import check
    from builder.pages.rendercache import digest

    article = next(iter(check(lighthouse).articles.values()))
    before = digest(article)
    article.paragraphs[0].sentence_bounds(0, 1)  # caches the paragraph's sentence starts
    assert "_sentence_starts" in vars(article.paragraphs[0])
    assert digest(article) == before
    article.paragraphs[0].text += " More."
    assert digest(article) != before


@pytest.mark.parametrize("publication", ["full", "excerpts"])
def test_edits_in_one_process_that_keeps_what_it_can_give_the_clean_build(tmp_path, publication):
    """`dossier serve` keeps, from one build to the next, the sheets as read and validated,
    the articles' paragraphs and excerpts, the claims resolved and the fingerprints of sheets
    and claims (core/memo.py): after each kind of edit, the pages are still those of a clean
    build, the same pages are rendered again as by builds that keep nothing, and an unchanged
    sheet is not validated again."""
    from builder.core.memo import Memo

    dossier = copy_dossier(FIXTURES / "lighthouse", tmp_path / "dossier")
    plain = copy_dossier(FIXTURES / "lighthouse", tmp_path / "plain")
    for root in (dossier, plain):
        sheet = root / "content/dossier.yml"
        text = sheet.read_text(encoding="utf-8")
        sheet.write_text(text.replace("publication: full", f"publication: {publication}"), encoding="utf-8")
    project = Project(dossier)
    project.memo = Memo()
    before, _ = generate(project)
    generate(Project(plain))
    for edit in EDITS:
        edit(dossier)
        edit(plain)
        after, counts = generate(project)
        assert_same_as_clean(dossier, tmp_path / "clean")
        _, expected = generate(Project(plain))
        assert [counts[k] for k in ("rendered", "reused")] == [expected[k] for k in ("rendered", "reused")]
        kept = [e.sheet is before.entities[i].sheet for i, e in after.entities.items()
                if i in before.entities]
        assert any(kept), edit.__name__
        before = after


def test_a_fingerprint_does_not_depend_on_what_was_fingerprinted_before(lighthouse):
    """Sheets and claims are written into a fingerprint as their own fingerprints, which a
    long-running process keeps between builds (rendercache.Digests): the same value gives the
    same fingerprint with fingerprints kept from another build of the same input, or none."""
    from builder.core.memo import Memo
    from builder.pages.rendercache import Digests, digest
    from builder.resolve.dossier import check

    memo, kept = Memo(), Digests()
    first = check(lighthouse, memo=memo)
    values = [*first.entities.values(), *first.articles.values()]
    prints = [digest(value, kept) for value in values]
    assert prints == [digest(value) for value in values]
    again = check(lighthouse, memo=memo)  # the same sheets, other resolved objects
    assert next(iter(again.entities.values())).sheet is next(iter(first.entities.values())).sheet
    kept.new_build()
    assert [digest(value, kept) for value in [*again.entities.values(), *again.articles.values()]] == prints
    claim = next(c for e in again.entities.values() for c in e.claims)
    assert digest(claim.claim, kept) == digest(claim.claim)
    edited = sheets(lighthouse, "people")[0]
    data = load(edited)
    data["description"] += " Edited."
    dump(edited, data)
    third = check(lighthouse, memo=memo)
    changed = [i for i, e in third.entities.items() if e.sheet is not again.entities[i].sheet]
    assert changed == [edited.stem]
    assert third.entities[edited.stem].sheet.description.endswith(" Edited.")


def test_an_unchanged_article_is_split_and_cut_once_per_process(lighthouse):
    """With a memo, an article whose source sheet and seed did not change keeps its
    paragraphs, and its excerpt keeps its cut paragraphs, from one build to the next; an
    edited seed is split and cut again, as a build that keeps nothing would."""
    from builder.core.memo import Memo
    from builder.resolve.dossier import check
    from builder.resolve.excerpts import publish

    memo = Memo()
    runs = [publish(check(lighthouse, memo=memo), "excerpts", memo) for _ in range(2)]
    seed = sorted((lighthouse / "seeds").iterdir())[0]
    append(seed, "\n\nA paragraph added later.\n")
    runs.append(publish(check(lighthouse, memo=memo), "excerpts", memo))
    plain = publish(check(lighthouse), "excerpts")
    edited = next(i for i, a in runs[2].articles.items() if a.seed_name == seed.name)
    for source_id, article in runs[1].articles.items():
        assert article.paragraphs is runs[0].articles[source_id].paragraphs
        same = article.paragraphs is runs[2].articles[source_id].paragraphs
        assert same == (source_id != edited), source_id
        assert [(p.line, p.text) for p in runs[2].articles[source_id].paragraphs] == [
            (p.line, p.text) for p in plain.articles[source_id].paragraphs]


def test_claims_kept_in_memory_follow_a_change_of_the_article_they_cite(lighthouse):
    """An entity's claims are found again, with a memo, when an article they cite changes
    although their own sheet did not: words put before a quote in its paragraph move where
    the quote is found, as a check that keeps nothing finds it."""
    from builder.core.memo import Memo
    from builder.resolve.dossier import check

    def found(resolved) -> dict:
        return {(c.entity_id, c.number): [(r.source_id, r.line, r.anchor, r.match.spans) for r in c.citations]
                for e in resolved.entities.values() for c in e.claims}

    memo = Memo()
    first = check(lighthouse, memo=memo)
    cited = next(r for e in first.entities.values() for c in e.claims for r in c.citations)
    seed = lighthouse / "seeds" / first.articles[cited.source_id].seed_name
    lines = seed.read_text(encoding="utf-8").split("\n")
    lines[cited.line - 1] = "Indeed, " + lines[cited.line - 1]
    seed.write_text("\n".join(lines), encoding="utf-8")
    again = check(lighthouse, memo=memo)
    assert found(again) == found(check(lighthouse)) != found(first)
