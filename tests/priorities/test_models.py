import pytest
from django.db import IntegrityError, transaction

from priorities.models import Priority


def test_two_priorities_of_a_year_cannot_share_a_number(report):
    with pytest.raises(IntegrityError), transaction.atomic():
        Priority.objects.create(year=report, number=2, title="Again", published_title="AGAIN")


def test_a_priority_number_starts_at_one(report):
    with pytest.raises(IntegrityError), transaction.atomic():
        Priority.objects.create(year=report, number=0, title="Zero", published_title="ZERO")


def test_a_priority_reads_as_its_number_and_title(report):
    priority = report.priorities.get(number=6)
    assert str(priority) == "Priority 6: Youth related crime & disorder"
    assert priority.get_absolute_url() == "/years/2011-12/priorities/6/"
