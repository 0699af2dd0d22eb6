"""Typography a reader notices: a quotation inside quotes with single ones (never “““), a
scraper's placeholder said in words; contributors' and articles' words shown as written."""

from __future__ import annotations

from builder.core.markup import curly, md, quoted_text


def test_quote_marks_inside_a_quotation_are_curled_and_other_text_is_shown_as_written():
    assert curly('He said "no" to the plan\'s "second phase".') == "He said “no” to the plan’s “second phase”."
    assert curly("'Tis (\"quoted\")") == "‘Tis (“quoted”)"
    assert md('More precise than "prisons in Iraq"') == 'More precise than "prisons in Iraq"'


def test_a_quotation_that_opens_with_a_quote_mark_shows_single_ones_inside():
    assert quoted_text("“The plane has landed” at Moscow's airport") == \
        "“‘The plane has landed’ at Moscow’s airport”"
    assert quoted_text('He said "no" & <left>') == "“He said ‘no’ &amp; &lt;left&gt;”"


def test_a_scrapers_e_mail_placeholder_is_said_in_words():
    shown = md("email [email\u00a0protected] if they recognized")
    assert "protected" not in shown and "an e\\-mail address, hidden by the site" in shown


def test_the_bundled_site_shows_no_doubled_quote_marks(real_dossier):
    pages = sorted((real_dossier / "site").rglob("*.html"))
    assert len(pages) > 50
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert "““" not in text and "””" not in text, page
        assert "[email\u00a0protected]" not in text and "[email protected]" not in text, page
