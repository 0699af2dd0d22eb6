"""Publication in excerpts: a dossier can be published without republishing whole articles.
Every sentence of every seed is looked for in every byte a build publishes (the site, its
search index and data files, the offline copy's zip, `dossier export`): only the sentences a
published claim or key fact cites may be there (resolve/excerpts.py says how much of them)."""

from __future__ import annotations

import re

import pytest
from conftest import FIXTURES, REPO, copy_dossier, edit, run_dossier
from published import corpus, same

from builder.commands.build import Project, build
from builder.commands.bundle import bundle
from builder.resolve.dossier import check
from builder.resolve.excerpts import CONTEXT, GAP, SENTENCE_END, excerpt, publish, published_spans
from builder.resolve.resolved import name_key

pytestmark = pytest.mark.slow

MIN_WORDS = 5  # shorter sentences ("He said no.") may stand anywhere


def sentences(text: str) -> list[tuple[int, int]]:
    """The sentences of a text as the documented rule splits them (SENTENCE_END)."""
    starts = [0] + [m.end() for m in SENTENCE_END.finditer(text)] + [len(text)]
    return [(a, b) for a, b in zip(starts, starts[1:]) if text[a:b].strip()]


def uncited_sentences(root) -> tuple[list[str], str]:
    """Every sentence of every seed that no claim or key fact cites (of MIN_WORDS words or
    more), and the text of the cited ones."""
    resolved = check(root, use_cache=False)
    cited, candidates = [], []
    for article in resolved.articles.values():
        marked: dict[int, list[tuple[int, int]]] = {}
        for h in article.highlights:
            marked.setdefault(h.paragraph, []).append((h.start, h.end))
        for i, paragraph in enumerate(article.paragraphs):
            for a, b in sentences(paragraph.text):
                hit = any(s < b and a < e for s, e in marked.get(i, []))
                (cited if hit else candidates).append(same(paragraph.text[a:b]))
        for line in article.raw_text.splitlines():  # page furniture and every line as written
            candidates += [same(line[a:b]) for a, b in sentences(line)]
    allowed = "\n".join(cited)
    sheets = same(" ".join(p.read_text(encoding="utf-8") for p in (root / "content").rglob("*.yml")))
    return sorted({s for s in candidates if len(s.split()) >= MIN_WORDS and s not in allowed
                   and s not in sheets}), allowed


@pytest.mark.parametrize("fixture", ["bundled", "delta", "lighthouse"])
def test_no_uncited_sentence_of_any_article_is_published(fixture, tmp_path):
    root = copy_dossier(REPO if fixture == "bundled" else FIXTURES / fixture, tmp_path / "dossier")
    project = Project(root, publication="excerpts")
    build(project)
    zipped = bundle(project, tmp_path / "offline.zip").path
    done = run_dossier("export", "--root", str(root), "--output", str(tmp_path / "export"), "--publication", "excerpts")
    assert done.returncode == 0, done.stderr
    published = corpus(root / "site", zipped, tmp_path / "export")
    hidden, allowed = uncited_sentences(root)
    assert len(hidden) >= 5  # the test has something to find
    assert [s for s in hidden if s in published] == []
    # and the cited passages themselves are there
    cited = [s for s in allowed.splitlines() if len(s.split()) >= MIN_WORDS and len(s) <= CONTEXT]
    assert cited and sum(s in published for s in cited) / len(cited) > 0.9
    assert not (root / "site/sources/raw").exists()


def test_the_scan_finds_a_whole_article(tmp_path):
    """The same scan on a site in full: it finds the sentences (so its silence above means something)."""
    root = copy_dossier(FIXTURES / "lighthouse", tmp_path / "dossier")
    build(Project(root, publication="full"))
    hidden, _ = uncited_sentences(root)
    published = corpus(root / "site")
    assert sum(s in published for s in hidden) >= 0.9 * len(hidden)


def test_context_is_the_sentence_and_no_more_than_its_limit():
    text = "First sentence here. The cited words stand in this second one, which goes on. Third."
    start = text.index("cited words")
    (a, b), = published_spans(text, [(start, start + len("cited words"))])
    assert text[a:b] == "The cited words stand in this second one, which goes on."
    long = "Words " * 100 + "cited" + " more" * 100 + "."
    at = long.index("cited")
    (a, b), = published_spans(long, [(at, at + 5)])
    assert at - a <= CONTEXT and b - at - 5 <= CONTEXT
    assert long[a - 1] == " " and long[b] == " "  # cut at a word
    # two passages in one sentence: one span
    spans = published_spans(text, [(start, start + 5), (start + 20, start + 30)])
    assert len(spans) == 1


def test_an_excerpt_marks_what_is_left_out_and_keeps_its_marks_on_the_words(lighthouse):
    resolved = check(lighthouse, use_cache=False)
    article = max(resolved.articles.values(),  # the one with the most paragraphs not cited
                  key=lambda a: len(a.paragraphs) - len({h.paragraph for h in a.highlights}))
    cut = excerpt(article)
    assert cut.raw_text == "" and cut.publication == "excerpts"
    assert len(cut.paragraphs) < len(article.paragraphs)
    for h in cut.highlights:  # each mark covers the same words as before
        original = next(o for o in article.highlights if o.by is h.by)
        before = article.paragraphs[original.paragraph].text[original.start:original.end]
        assert cut.paragraphs[h.paragraph].text[h.start:h.end] == before
    assert cut.mentions
    for m in cut.mentions:  # each link on the same words as before
        assert name_key(cut.paragraphs[m.paragraph].text[m.start:m.end]) == name_key(m.name)
    assert any(GAP in p.text for p in cut.paragraphs) or cut.gaps


def test_modes_per_source_and_per_run(lighthouse, tmp_path):
    edit(lighthouse / "content/dossier.yml", "publication: full", "publication: excerpts")
    edit(lighthouse / "content/sources/wire-brief.yml", "file:", "publication: full\nfile:")
    build(Project(lighthouse))
    site = lighthouse / "site"
    assert (site / "sources/raw/wire-brief.txt").exists()
    assert not (site / "sources/raw/coastal-review.txt").exists()
    page = (site / "sources/coastal-review/index.html").read_text(encoding="utf-8")
    assert "Published here:" in page and "Cited passages" in page and "raw/" not in page
    assert "Subscribe for more coastal news" not in page
    # the run's mode wins over the sheets'
    build(Project(lighthouse, publication="full"))
    assert (site / "sources/raw/coastal-review.txt").exists()
    build(Project(lighthouse, publication="excerpts"))
    assert not (site / "sources/raw/wire-brief.txt").exists()


def test_names_are_linked_and_listed_only_from_published_text(lighthouse):
    resolved = check(lighthouse, use_cache=False)
    before = {sid: {m.entity_id for m in a.mentions} for sid, a in resolved.articles.items()}
    published = publish(resolved, "excerpts")
    after = {sid: {m.entity_id for m in a.mentions} for sid, a in published.articles.items()}
    assert any(after[s] < before[s] for s in before)  # some names stand only in left-out text
    for info in published.entities.values():
        for source_id, mention in info.mentions:
            text = published.articles[source_id].paragraphs[mention.paragraph].text
            assert re.search(re.escape(text[mention.start:mention.end]), text)
            assert mention in published.articles[source_id].mentions
