from builder.article import closest_passage, find_quote, normalise, split_paragraphs

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


def test_normalisation_folds_quotes_dashes_and_space_and_maps_back():
    norm = normalise("a  “b’s”\t–  c")
    assert norm.text == "a \"b's\" - c"
    assert len(norm.offsets) == len(norm.text) + 1


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
    paragraph, shared = closest_passage(paragraphs, "He said it was done")
    assert paragraph.line == 6 and shared.startswith("He said")
