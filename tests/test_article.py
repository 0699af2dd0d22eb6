import pytest

from builder.article import closest_passage, find_quote, normalise, normalise_text, split_paragraphs

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
    paragraph, shared = closest_passage(paragraphs, "He said it was done")
    assert paragraph.line == 6 and shared.startswith("He said")
