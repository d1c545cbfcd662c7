"""Every district of the force: each month's crimes by district, from the LSOAs' names."""

from datetime import date

import pytest

from stats.districts import district_name
from stats.models import District, DistrictCrimeCount, PoliceMonth, WardImport

from .conftest import run_import
from .factories import street_file, street_row

pytestmark = pytest.mark.usefixtures("lookup")


def a_force(month="2012-04"):
    """Nine rows over three districts, one LSOA whose name names no district and one crime
    with no location."""
    return street_file(
        [
            street_row(month=month, lsoa="E01900011", lsoa_name="Dacorum 001A"),
            street_row(month=month, lsoa="E01900012", lsoa_name="Dacorum 002B"),
            street_row(month=month, lsoa="E01900021", lsoa_name="Dacorum 003C", crime_type="Drugs"),
            street_row(month=month, lsoa="E01950001", lsoa_name="St Albans 001A"),
            street_row(month=month, lsoa="E01950001", lsoa_name="St Albans 001A"),
            street_row(
                month=month, lsoa="E01950002", lsoa_name="St Albans 014D", crime_type="Robbery"
            ),
            street_row(month=month, lsoa="E01960001", lsoa_name="Watford 010A"),
            street_row(month=month, lsoa="E01970001", lsoa_name="Somewhere"),
            street_row(month=month, lsoa=""),
        ]
    )


def district_totals() -> dict:
    rows = DistrictCrimeCount.objects.values_list(
        "source__month", "district__name", "crime_type__name", "count"
    )
    return {(month, district, crime_type): n for month, district, crime_type, n in rows}


def test_district_names_come_from_the_lsoa_names():
    assert district_name("St Albans 012B") == "St Albans"
    assert district_name("  Welwyn Hatfield  001A ") == "Welwyn Hatfield"
    assert district_name("Somewhere") is None
    assert district_name("") is None


def test_every_districts_crimes_are_counted_by_month_and_type(wards):
    ward_import = run_import(wards, a_force())

    assert ward_import.status == WardImport.Status.DONE, ward_import.error
    april = date(2012, 4, 1)
    assert district_totals() == {
        (april, "Dacorum", "Burglary"): 2,
        (april, "Dacorum", "Drugs"): 1,
        (april, "St Albans", "Burglary"): 2,
        (april, "St Albans", "Robbery"): 1,
        (april, "Watford", "Burglary"): 1,
    }
    assert list(District.objects.values_list("name", "slug")) == [
        ("Dacorum", "dacorum"),
        ("St Albans", "st-albans"),
        ("Watford", "watford"),
    ]
    month = PoliceMonth.objects.get()
    assert (month.rows_read, month.rows_unplaced, month.rows_no_district) == (9, 1, 1)
    assert "Counted in 3 districts; 1 row in an LSOA whose name names no district" in (
        ward_import.summary
    )


def test_importing_a_month_again_replaces_its_district_counts(wards):
    run_import(wards, a_force())
    run_import(wards, a_force())
    run_import(wards, a_force("2012-05"), file_name="2012-05-hertfordshire-street.csv")

    assert district_totals()[(date(2012, 4, 1), "St Albans", "Burglary")] == 2
    assert district_totals()[(date(2012, 5, 1), "St Albans", "Burglary")] == 2
    assert District.objects.count() == 3
    assert DistrictCrimeCount.objects.count() == 10


def test_a_district_is_matched_whatever_its_capitals(wards):
    run_import(wards, a_force())
    run_import(
        wards,
        street_file([street_row(month="2012-05", lsoa="E01950001", lsoa_name="ST ALBANS 001A")]),
        file_name="2012-05-hertfordshire-street.csv",
    )

    assert District.objects.count() == 3
    assert district_totals()[(date(2012, 5, 1), "St Albans", "Burglary")] == 1
