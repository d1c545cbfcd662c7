from datetime import date

import pytest

from stats.periods import Period, month_label, month_value, parse_month_value, period_latest


def test_a_period_knows_its_months_and_the_same_months_a_year_earlier():
    period = Period(date(2011, 11, 1), date(2012, 2, 1))
    assert len(period) == 4
    assert period.year_earlier() == Period(date(2010, 11, 1), date(2011, 2, 1))
    assert period.label == "November 2011 to February 2012"


def test_the_default_period_is_the_latest_12_months_with_figures():
    months = [date(2011, m, 1) for m in range(1, 13)] + [date(2012, 1, 1)]
    assert period_latest(months) == Period(date(2011, 2, 1), date(2012, 1, 1))
    assert period_latest(months[:3]) == Period(date(2011, 1, 1), date(2011, 3, 1))
    assert period_latest([]) is None


def test_a_period_cannot_run_backwards():
    with pytest.raises(ValueError, match="end before"):
        Period(date(2012, 2, 1), date(2012, 1, 1))


def test_months_are_written_in_english_and_as_a_form_writes_them():
    months = [date(2011, m, 1) for m in range(1, 13)]
    assert [month_label(m) for m in months[:3]] == ["January 2011", "February 2011", "March 2011"]
    assert month_label(date(2012, 12, 1)) == "December 2012"
    assert [month_value(m) for m in (date(2012, 4, 1), date(2012, 11, 1))] == ["2012-04", "2012-11"]
    assert all(parse_month_value(month_value(m)) == m for m in months)
