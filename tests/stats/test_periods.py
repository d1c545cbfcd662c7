from datetime import date

import pytest

from stats.periods import Period, period_latest


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
