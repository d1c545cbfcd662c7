"""Indicators' figures, from ward counts and values chosen so that each is known by hand."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from indicators import figures as f
from indicators.models import Indicator
from indicators.selectors import priority_indicators
from stats.models import Ward
from tests.factories import priority_make, year_make
from tests.stats.factories import wards_load

from .factories import ASB, BURGLARY, counts_make, indicator_make, value_make

APR, MAY, JUN, JUL, AUG, SEP = (date(2011, m, 1) for m in range(4, 10))
A, B = "adeyfield-east", "boxmoor"


def month_counts(a_asb, b_asb, a_burglary=3):
    return {(A, ASB): a_asb, (B, ASB): b_asb, (A, BURGLARY): a_burglary}


@pytest.fixture
def priority(db):
    return priority_make(year_make(label="2011/12"), 1, "Antisocial behaviour")


@pytest.fixture
def ward_set(db):
    """Six months of counts: ASB in Adeyfield East 10, 10, 10 then 8, 9, 8; in Boxmoor 5 a
    month throughout; 3 burglaries a month in Adeyfield East (never counted as ASB)."""
    ward_set = wards_load()
    counts_make(
        ward_set,
        {
            APR: month_counts(10, 5),
            MAY: month_counts(10, 5),
            JUN: month_counts(10, 5),
            JUL: month_counts(8, 5),
            AUG: month_counts(9, 5),
            SEP: month_counts(8, 5),
        },
    )
    return ward_set


def one(priority) -> f.IndicatorFigures:
    (figures,) = priority_indicators(priority)
    return figures


def test_a_borough_count_is_its_types_over_every_ward(priority, ward_set):
    indicator_make(priority, crime_types=[ASB])
    figures = one(priority)
    # Baseline April to June: (10 + 5) × 3 = 45; latest July to September: 13 + 14 + 13 = 40.
    assert figures.baseline == 45
    assert figures.latest == 40
    assert figures.latest_period.start == JUL
    assert figures.latest_period.end == SEP
    assert figures.change == -5
    assert figures.change_percent == Decimal("-11.1")
    assert figures.series == [15, 15, 15, 13, 14, 13]
    assert figures.months == [APR, MAY, JUN, JUL, AUG, SEP]
    # Target: 10% fewer than 45 = 40.5; 40 is at or under it.
    assert figures.target == Decimal("40.5")
    assert figures.status == f.ON_TRACK
    assert figures.where == "the whole borough"


def test_chosen_wards_count_only_their_own_figures(priority, ward_set):
    boxmoor = Ward.objects.get(ward_set=ward_set, slug=B)
    indicator_make(priority, crime_types=[ASB], wards=[boxmoor])
    figures = one(priority)
    assert (figures.baseline, figures.latest, figures.change) == (15, 15, 0)
    assert figures.change_percent == Decimal("0.0")
    assert figures.target == Decimal("13.5")
    assert figures.status == f.NOT_ON_TRACK
    assert figures.where == "Boxmoor"


def test_two_types_are_added_up(priority, ward_set):
    indicator_make(priority, crime_types=[ASB, BURGLARY], target_change=None, target_value=50)
    figures = one(priority)
    assert (figures.baseline, figures.latest) == (54, 49)
    # A number as the target: 49 is under 50, and lower is better.
    assert figures.target == 50
    assert figures.status == f.ON_TRACK


def test_higher_is_better_turns_the_verdict_round(priority, ward_set):
    indicator_make(priority, crime_types=[ASB], direction=Indicator.Direction.HIGHER)
    assert one(priority).status == f.NOT_ON_TRACK
    Indicator.objects.update(target_change=None, target_value=40)
    assert one(priority).status == f.ON_TRACK
    Indicator.objects.update(target_value=41)
    assert one(priority).status == f.NOT_ON_TRACK


def test_a_rise_target_with_higher_is_better(priority, ward_set):
    indicator_make(
        priority, crime_types=[ASB], direction=Indicator.Direction.HIGHER, target_change=-12
    )
    figures = one(priority)
    # 12% fewer than 45 = 39.6: 40 is above it, and higher is better.
    assert figures.target == Decimal("39.6")
    assert figures.status == f.ON_TRACK


def test_a_month_without_figures_is_never_counted_as_zero(priority, db):
    ward_set = wards_load()
    counts_make(
        ward_set,
        {
            APR: month_counts(10, 5),
            MAY: month_counts(10, 5),
            JUN: month_counts(10, 5),
            JUL: month_counts(8, 5),
            # No August.
            SEP: month_counts(8, 5),
        },
    )
    indicator_make(priority, crime_types=[ASB])
    figures = one(priority)
    assert figures.series == [15, 15, 15, 13, None, 13]
    assert figures.latest == 26
    assert figures.latest_missing == [AUG]
    assert figures.change is None
    assert figures.change_percent is None
    assert figures.status == f.NOT_KNOWN
    assert figures.reason == "No figures for August 2011."
    assert figures.missing_text == "August 2011"


def test_a_baseline_before_any_figures_is_said_to_be_missing(priority, ward_set):
    indicator_make(priority, crime_types=[ASB], baseline_start=date(2011, 1, 1))
    figures = one(priority)
    # Baseline January to June, 6 months: so the latest figure is 6 months too.
    assert figures.latest_period.start == APR
    assert figures.baseline == 45
    assert figures.baseline_missing == [date(2011, 1, 1), date(2011, 2, 1), date(2011, 3, 1)]
    assert figures.status == f.NOT_KNOWN


def test_without_ward_figures_there_are_no_figures_yet(priority, db):
    wards_load()
    indicator_make(priority, crime_types=[ASB])
    figures = one(priority)
    assert figures.latest is None
    assert figures.baseline is None
    assert figures.status == f.NO_FIGURES
    assert not figures.is_sample


def test_figures_from_generated_sample_data_say_so(priority, ward_set):
    indicator_make(priority, crime_types=[ASB])
    assert one(priority).is_sample


def test_figures_from_real_imports_are_not_called_sample(priority, db):
    ward_set = wards_load()
    counts_make(ward_set, {APR: month_counts(1, 1)}, is_sample=False)
    indicator_make(priority, crime_types=[ASB])
    assert not one(priority).is_sample


def manual(priority, **fields):
    return indicator_make(
        priority,
        name="Young people reached",
        kind=Indicator.Kind.MANUAL,
        unit="young people",
        baseline_start=APR,
        baseline_end=JUN,
        direction=Indicator.Direction.HIGHER,
        **{"target_change": 20, **fields},
    )


def test_a_manual_indicator_compares_its_latest_value_with_its_baseline(priority, db):
    indicator = manual(priority)
    value_make(indicator, APR, JUN, 100)
    value_make(indicator, JUL, SEP, 125)
    figures = one(priority)
    assert (figures.baseline, figures.latest, figures.change) == (100, 125, 25)
    assert figures.change_percent == Decimal("25.0")
    assert figures.target == Decimal("120.0")
    assert figures.status == f.ON_TRACK
    assert figures.series == [100, 125]
    assert figures.months == [APR, JUL]


def test_a_manual_baseline_is_the_values_over_its_months(priority, db):
    indicator = manual(priority)
    value_make(indicator, APR, APR, 30)
    value_make(indicator, MAY, JUN, 60)
    value_make(indicator, JUL, SEP, 100)
    figures = one(priority)
    assert figures.baseline == 90
    # 90 × 1.2 = 108: 100 falls short, higher being better.
    assert figures.target == Decimal("108.0")
    assert figures.status == f.NOT_ON_TRACK


def test_a_manual_baseline_with_a_month_uncovered_gives_no_verdict(priority, db):
    indicator = manual(priority)
    value_make(indicator, APR, MAY, 60)
    value_make(indicator, JUL, SEP, 100)
    figures = one(priority)
    assert figures.baseline_missing == [JUN]
    assert figures.target is None
    assert figures.status == f.NOT_KNOWN


def test_a_manual_value_of_another_length_is_not_compared(priority, db):
    indicator = manual(priority, target_change=None, target_value=40)
    value_make(indicator, APR, JUN, 100)
    value_make(indicator, JUL, JUL, 45)
    figures = one(priority)
    assert figures.change is None
    assert "covers 1 month(s) and the baseline 3" in figures.reason
    # A number as the target needs no baseline: 45 reaches 40.
    assert figures.status == f.ON_TRACK


def test_a_manual_indicator_without_values_has_no_figures_yet(priority, db):
    manual(priority)
    assert one(priority).status == f.NO_FIGURES


def test_the_database_refuses_two_targets_or_none(priority, db):
    with pytest.raises(IntegrityError), transaction.atomic():
        indicator_make(priority, target_value=5)
    with pytest.raises(IntegrityError), transaction.atomic():
        indicator_make(priority, target_change=None)


def test_the_database_refuses_a_baseline_ending_before_it_starts(priority, db):
    with pytest.raises(IntegrityError), transaction.atomic():
        indicator_make(priority, baseline_start=JUN, baseline_end=APR)


def test_the_database_refuses_two_values_for_one_period_start(priority, db):
    indicator = manual(priority)
    value_make(indicator, APR, JUN, 1)
    with pytest.raises(IntegrityError), transaction.atomic():
        value_make(indicator, APR, APR, 2)


def test_figures_take_the_same_queries_however_many_indicators(
    priority, ward_set, django_assert_num_queries
):
    boxmoor = Ward.objects.get(ward_set=ward_set, slug=B)
    indicator_make(priority, crime_types=[ASB])
    indicator_make(priority, crime_types=[ASB], wards=[boxmoor])
    value_make(manual(priority), APR, JUN, 5)
    # Indicators; their crime types, wards, values; the newest ward set; its months; the
    # borough's counts; the wards' counts; sample lookups.
    with django_assert_num_queries(9):
        assert len(priority_indicators(priority)) == 3
    for _ in range(5):
        indicator_make(priority, crime_types=[ASB, BURGLARY])
        indicator_make(priority, crime_types=[BURGLARY], wards=[boxmoor])
        value_make(manual(priority), APR, JUN, 5)
    with django_assert_num_queries(9):
        assert len(priority_indicators(priority)) == 18
