"""The database itself keeps the ward figures' rules."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from stats import selectors
from stats.models import CrimeType, CrimeTypeAlias, ImportedMonth, Ward, WardSet
from stats.periods import Period

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
            ward_set=wards,
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


def test_a_sets_imported_months_are_its_own_oldest_import_first_with_their_imports(wards):
    first = figures_make(wards, period=Period(date(2011, 4, 1), date(2011, 6, 1)))
    second = figures_make(
        wards, period=Period(date(2011, 7, 1), date(2011, 8, 1)), force="Other", is_sample=False
    )
    other_set = WardSet.objects.create(
        name="Elsewhere",
        slug="elsewhere",
        district="Elsewhere",
        district_code="E07999999",
        effective_from=date(2007, 5, 1),
        source="A test",
    )
    figures_make(other_set, period=Period(date(2011, 4, 1), date(2011, 4, 1)), force="Elsewhere")

    rows = selectors.imported_months(wards)

    expected = ImportedMonth.objects.filter(ward_set=wards).order_by(
        "ward_import__created_at", "month"
    )
    assert [row.pk for row in rows] == [month.pk for month in expected]
    for row, month in zip(rows, expected, strict=True):
        assert (row.month, row.reported_by, row.rows_placed, row.rows_outside) == (
            month.month,
            month.reported_by,
            month.rows_placed,
            month.rows_outside,
        )
        assert row.rows_unplaced == month.rows_unplaced
        ward_import = month.ward_import
        assert row.ward_import.pk == ward_import.pk
        for name in ("file_name", "source", "is_sample", "created_at"):
            assert getattr(row.ward_import, name) == getattr(ward_import, name), name
    assert {row.ward_import.pk for row in rows} == {first.pk, second.pk}
    assert [row.ward_import.is_sample for row in rows] == [True] * 3 + [False] * 2
