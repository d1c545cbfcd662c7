"""The database itself keeps the ward figures' rules."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from stats.models import CrimeType, CrimeTypeAlias, ImportedMonth, Ward

from .factories import TWO_YEARS, figures_make


def test_a_ward_population_needs_its_year_and_source(wards):
    with pytest.raises(IntegrityError), transaction.atomic():
        Ward.objects.filter(slug="boxmoor").update(population=8000)
    ward = Ward.objects.get(slug="boxmoor")
    ward.population = 8000
    with pytest.raises(ValidationError):
        ward.full_clean()


def test_a_ward_code_is_unique_in_its_set(wards):
    with pytest.raises(IntegrityError), transaction.atomic():
        Ward.objects.create(ward_set=wards, name="Copy", slug="copy", code="E05004701")


def test_a_month_and_force_has_one_set_of_figures(wards):
    ward_import = figures_make(wards, period=TWO_YEARS)
    with pytest.raises(IntegrityError), transaction.atomic():
        ImportedMonth.objects.create(
            ward_import=ward_import,
            month=date(2011, 4, 1),
            reported_by="Hertfordshire Constabulary",
        )


def test_an_alias_cannot_be_another_types_own_name(wards):
    alias = CrimeTypeAlias(crime_type=CrimeType.objects.get(name="Drugs"), name="burglary")
    with pytest.raises(ValidationError):
        alias.full_clean()


def test_a_crime_type_knows_when_police_uk_changed_its_meaning(wards):
    drugs = CrimeType.objects.get(name="Drugs")
    assert drugs.changes() == [date(2011, 9, 1)]
    assert drugs.comparable(date(2011, 9, 1), date(2013, 3, 1))
    assert not drugs.comparable(date(2011, 8, 1), date(2012, 3, 1))
    drugs.changed_in = "September 2011"
    with pytest.raises(ValidationError):
        drugs.full_clean()
