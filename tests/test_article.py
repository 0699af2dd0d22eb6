import pytest

from builder.resolve.article import closest_passage, find_quote, normalise, normalise_text, split_paragraphs

TEXT = """Headline

First line of a paragraph
that goes on here.

He said “it’s done” – and left… quickly.
Share this
"""


def test_paragraphs_are_split_on_blank_lines_and_furniture_and_keep_their_line():
    paragraphs = split_paragraphs(TEXT, furniture={1, 7})
    assert [(p.line, p.text) for p in paragraphs] == [
        (3, "First line of a paragraph that goes on here."),
        (6, "He said “it’s done” – and left… quickly."),
    ]
    assert paragraphs[1].anchor == "line-6"


def character_map(original: str) -> tuple[str, list[int]]:
    """The normalisation spelled out one character at a time: the reference."""
    chars, offsets, in_space = [], [], True
    for i, ch in enumerate(original):
        if ch.isspace():
            if not in_space:
                chars.append(" ")
                offsets.append(i)
            in_space = True
            continue
        in_space = False
        chars.append(ch)
        offsets.append(i)
    if chars and chars[-1] == " ":
        chars.pop()
        offsets.pop()
    return "".join(chars), offsets + [len(original)]


@pytest.mark.parametrize("original", [
    "a  “b’s”\t–  c", "  lead and trail \n ", "one\ntwo\u00a0three \u2003 four", "", "   ",
    "x", "no  double   spaces\t\t\there", "a\x1cb\u3000\u3000c\u2028", "\n\nSaid: «yes»…  \r\n\tthen left",
])
def test_normalisation_folds_typography_and_space_and_maps_back_to_each_character(original):
    norm = normalise(original)
    text, offsets = character_map(original)
    assert norm.text == text.translate(str.maketrans("“”’–«»", "\"\"'-\"\""))
    assert [norm.offset(i) for i in range(len(norm.text) + 1)] == offsets
    assert normalise_text(original) == norm.text


def test_quotes_match_after_folding_typography():
    paragraphs = split_paragraphs(TEXT, set())
    match = find_quote(paragraphs, 'He said "it\'s done" - and left')
    assert match is not None and paragraphs[match.paragraph].line == 6
    start, end = match.spans[0]
    assert paragraphs[match.paragraph].text[start:end] == "He said “it’s done” – and left"


def test_ellipsis_parts_must_be_in_order_within_one_paragraph():
    paragraphs = split_paragraphs(TEXT, set())
    assert find_quote(paragraphs, "First line ... goes on here") is not None
    assert find_quote(paragraphs, "First line … goes on here") is not None
    assert find_quote(paragraphs, "goes on here ... First line") is None  # wrong order
    assert find_quote(paragraphs, "goes on here ... He said") is None  # two paragraphs


def test_nothing_more_lenient_than_typography():
    paragraphs = split_paragraphs(TEXT, set())
    assert find_quote(paragraphs, "first line of a paragraph") is None  # case differs
    assert find_quote(paragraphs, "First line of the paragraph") is None  # one word differs
    assert find_quote(paragraphs, "Share this") is not None
    assert find_quote(split_paragraphs(TEXT, {7}), "Share this") is None  # furniture is not article


def test_closest_passage_points_at_the_likely_paragraph():
    paragraphs = split_paragraphs(TEXT, set())
    passage = closest_passage(paragraphs, "He said it was done")
    assert passage.paragraph.line == 6 and passage.text.startswith("He said")


REPORT = """The council met on Tuesday.

By the evening, the harbour board had counted 41 boats and 12 barges, said Mira Olsen, its chair.

She added that the “new quay” would open in May, not in April."""


@pytest.mark.parametrize("typo, passage, differences", [
    # a wrong figure: the article's wording, whole words, and the word that differs
    ("had counted 40 boats and 12 barges", "had counted 41 boats and 12 barges", [("40", "41")]),
    # a word left out, a word added, a word in the wrong case
    ("the harbour board counted 41 boats", "the harbour board had counted 41 boats", [("", "had")]),
    ("the harbour board had counted all 41 boats", "the harbour board had counted 41 boats", [("all", "")]),
    ("said mira Olsen", "said Mira Olsen", [("mira", "Mira")]),
    # punctuation is compared as it is, and the article's own quotation marks are shown
    ("the new quay would open in May", "the “new quay” would open in May", [("", '"'), ("", '"')]),
    # an ellipsis leaves out words: only the wrong word after it differs
    ("By the evening ... 12 barge,", "By the evening, the harbour board had counted 41 boats and 12 barges,",
     [("barge", "barges")]),
])
def test_a_quote_not_found_is_shown_the_articles_wording_with_what_differs(typo, passage, differences):
    paragraphs = split_paragraphs(REPORT, set())
    assert find_quote(paragraphs, typo) is None
    found = closest_passage(paragraphs, typo)
    assert found.text == passage and found.differences == differences
    assert find_quote(paragraphs, found.text) is not None  # copied, it verifies


def test_a_quote_with_nothing_in_common_gets_no_passage():
    assert closest_passage(split_paragraphs(REPORT, set()), "Unrelated words entirely") is None


def test_a_dateline_that_opens_a_paragraph_is_its_own_citable_span(lighthouse):
    """`datelines: [{line: N, text: ...}]`: the words a line begins with become a dateline
    of their own (shown with the source's details, citable, anchored line-N-dateline); the
    paragraph keeps them and its anchor, so a quote may still run from one into the other."""
    from builder.commands.build import Project, generate
    from builder.resolve.dossier import check
    from conftest import edit

    seed = lighthouse / "seeds/wire-brief.txt"
    seed.write_text(seed.read_text().replace("FARROWDEN, 13 March 2021\n", "FARROWDEN, 13 March 2021 - "))
    edit(lighthouse / "content/sources/wire-brief.yml", "datelines: [3]",
         'datelines: [{line: 3, text: "FARROWDEN, 13 March 2021 -"}]')
    article = check(lighthouse, use_cache=False).articles["wire-brief"]
    first, second = article.paragraphs[:2]
    assert (first.role, first.anchor, first.text) == ("dateline", "line-3-dateline", "FARROWDEN, 13 March 2021 -")
    assert (second.role, second.anchor) == ("body", "line-3")
    assert second.text.startswith("FARROWDEN, 13 March 2021 - The keeper of the Farrow Point light")
    generate(Project(lighthouse))
    page = (lighthouse / "build/docs/sources/wire-brief/index.md").read_text(encoding="utf-8")
    assert '<p class="dossier-para dossier-byline" id="line-3-dateline">' in page
    assert 'href="#line-3-dateline"' in page
    assert page.index("<strong>Dateline:</strong>") < page.index("## Article")


def test_a_dateline_whose_words_do_not_open_the_line_is_an_error(lighthouse):
    from builder.core.errors import DossierError
    from builder.resolve.dossier import check
    from conftest import edit

    edit(lighthouse / "content/sources/wire-brief.yml", "datelines: [3]",
         'datelines: [{line: 4, text: "FARROWDEN -"}]')
    with pytest.raises(DossierError) as caught:
        check(lighthouse, use_cache=False)
    message = str(caught.value.diagnostics[0])
    assert message.startswith("content/sources/wire-brief.yml:9:29: error: ")
    assert "line 4 of seeds/wire-brief.txt does not begin with these words" in message
