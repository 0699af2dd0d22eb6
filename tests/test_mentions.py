from builder.article import split_paragraphs
from builder.mentions import MentionFinder


def found(text, names):
    paragraphs = split_paragraphs(text, set())
    return [(paragraphs[m.paragraph].text[m.start:m.end], m.entity_id)
            for m in MentionFinder(names).find(paragraphs)]


def test_longest_name_wins_where_names_overlap():
    names = {"is": ["Islamic State", "Islamic State group"], "state": ["State Duma"]}
    assert found("The Islamic State group and the State Duma.", names) == [
        ("Islamic State group", "is"), ("State Duma", "state")]


def test_only_whole_words_and_case_sensitive():
    names = {"is": ["IS"], "iraq": ["Iraq"]}
    assert found("This is IS in Iraq, not Iraqi or ISIS.", names) == [("IS", "is"), ("Iraq", "iraq")]


def test_typographic_variants_and_possessives_match():
    names = {"am": ["Abdul-Mahdi"], "ru": ["Russia"]}
    assert found("Abdul–Mahdi met Russia’s envoy.", names) == [("Abdul–Mahdi", "am"), ("Russia", "ru")]


def test_many_aliases_one_scan():
    names = {f"e{i}": [f"Name{i}"] for i in range(5000)}
    assert found("Name4999 and Name0 but not Name50000.", names) == [("Name4999", "e4999"), ("Name0", "e0")]
