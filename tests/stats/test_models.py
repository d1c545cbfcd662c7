import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from stats.models import CrimeCategory, CrimeStatistic, StatisticsSnapshot


def make_row(**fields):
    snapshot = StatisticsSnapshot.objects.get()
    values = {
        "snapshot": snapshot,
        "category": CrimeCategory.objects.create(name="Test", slug="test", position=99),
        "percent_change": -1,
        "percent_change_text": "-1%",
        "rate_position": 1,
        "rate_position_text": "1st",
        "reduction_position": 1,
        "reduction_position_text": "1st",
    }
    values.update(fields)
    return CrimeStatistic(**values)


def test_a_category_appears_once_in_a_snapshot(report):
    snapshot = StatisticsSnapshot.objects.get()
    existing = snapshot.rows.first()
    with pytest.raises(IntegrityError), transaction.atomic():
        make_row(category=existing.category).save()


def test_a_change_cannot_fall_below_minus_100_percent(report):
    with pytest.raises(IntegrityError), transaction.atomic():
        make_row(percent_change=-100.5).save()


def test_a_position_starts_at_one(report):
    with pytest.raises(IntegrityError), transaction.atomic():
        make_row(rate_position=0).save()


def test_a_position_cannot_pass_the_number_of_districts(report):
    with pytest.raises(ValidationError) as error:
        make_row(rate_position=11, reduction_position=12).full_clean()
    assert set(error.value.message_dict) == {"rate_position", "reduction_position"}


def test_a_year_has_one_snapshot_per_date(report):
    snapshot = StatisticsSnapshot.objects.get()
    snapshot.pk = None
    with pytest.raises(IntegrityError), transaction.atomic():
        snapshot.save()
