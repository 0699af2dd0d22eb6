from datetime import date

import pytest

from builder.model.dates import parse_date


@pytest.mark.parametrize("text, start, end, precision, label", [
    ("2018-12-30", date(2018, 12, 30), date(2018, 12, 30), "day", "30 December 2018"),
    ("2018-12", date(2018, 12, 1), date(2018, 12, 31), "month", "December 2018"),
    ("2019", date(2019, 1, 1), date(2019, 12, 31), "year", "2019"),
    ("late 2017", date(2017, 9, 2), date(2017, 12, 31), "part", "late 2017"),
    ("early 2019-07", date(2019, 7, 1), date(2019, 7, 10), "part", "early July 2019"),
    ("2018-08 to 2018-12", date(2018, 8, 1), date(2018, 12, 31), "range",
     "between August 2018 and December 2018"),
    ("spring 2019", date(2019, 3, 1), date(2019, 5, 31), "part", "spring 2019"),
    ("winter 2020", date(2019, 12, 1), date(2020, 2, 29), "part", "winter 2020"),
    ("fall 2018 to 2019-02", date(2018, 9, 1), date(2019, 2, 28), "range", "between fall 2018 and February 2019"),
])
def test_dates_keep_their_precision(text, start, end, precision, label):
    parsed = parse_date(text)
    assert (parsed.start, parsed.end, parsed.precision, parsed.label) == (start, end, precision, label)
    assert parsed.approximate == (precision in ("part", "range"))


def test_approximate_dates_sort_by_their_start():
    dates = [parse_date(t) for t in ("2018", "late 2017", "2017-12-01", "2017")]
    assert [d.text for d in sorted(dates, key=lambda d: d.sort_key)] == \
        ["2017", "late 2017", "2017-12-01", "2018"]


@pytest.mark.parametrize("text, fragment", [
    ("2018-13-01", "not a real date"),
    ("30/12/2018", "not a date"),
    ("soon", "not a date"),
    ("2019 to 2018", "ends before it starts"),
])
def test_bad_dates_say_what_to_write(text, fragment):
    with pytest.raises(ValueError, match=fragment):
        parse_date(text)


def test_an_unknown_date_sorts_last_and_says_so():
    unknown = parse_date("unknown")
    assert not unknown.known and unknown.label == "date unknown" and not unknown.approximate
    assert sorted([unknown, parse_date("2019"), parse_date("1999")], key=lambda d: d.sort_key)[-1] is unknown
