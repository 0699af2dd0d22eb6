from builder.resolve.article import split_paragraphs
from builder.resolve.mentions import MentionFinder


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


def test_capitals_and_headline_case_match_but_acronyms_only_as_written():
    names = {"erbil": ["Erbil"], "doe": ["Jane Doe"], "police": ["border police"], "is": ["IS"],
             "us": ["US"], "trust": ["Trust"], "bp": ["Border Patrol"]}
    text = ("ERBIL, Iraq - Photo: Jane DOE. Border Police Say IS fighters left. It is here, is it? "
            "Is it US or us? We trust the Trust; the border patrol and the BORDER PATROL came. jane doe wrote.")
    assert found(text, names) == [
        ("ERBIL", "erbil"), ("Jane DOE", "doe"), ("Border Police", "police"), ("IS", "is"), ("US", "us"),
        ("Trust", "trust"), ("border patrol", "bp"), ("BORDER PATROL", "bp"), ("jane doe", "doe")]


def test_a_name_listed_as_exact_matches_only_as_written():
    paragraphs = split_paragraphs("The Trust met. THE TRUST met. the trust met.", set())
    finder = MentionFinder({"t": ["The Trust"]}, exact={"The Trust"})
    assert [paragraphs[0].text[m.start:m.end] for m in finder.find(paragraphs)] == ["The Trust"]


def test_letters_that_change_length_in_lower_case_keep_offsets_right():
    names = {"ist": ["İstanbul"], "x": ["Ankara"]}
    assert found("İSTANBUL and ANKARA, İstanbul", names) == [
        ("İSTANBUL", "ist"), ("ANKARA", "x"), ("İstanbul", "ist")]
