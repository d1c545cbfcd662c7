"""Figures kept by LSOA, ward figures added up from them: a corrected lookup places every
month again and says how many crimes moved; two ward sets hold the same months side by side."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db.models import Sum
from django.urls import reverse

from stats import services
from stats.csvfiles import FileProblem
from stats.models import (
    ImportedMonth,
    LsoaCrimeCount,
    LsoaWard,
    PoliceMonth,
    Ward,
    WardCrimeCount,
    WardImport,
    WardSet,
    WardSetCrimeCount,
)

from .conftest import run_import
from .factories import HERTS, LSOAS, OUTSIDE_LSOA, csv_bytes, lookup_file, street_file, street_row

pytestmark = pytest.mark.usefixtures("lookup")

# An LSOA of the borough (by its name) that the first lookup leaves out.
MISSING_LSOA = "E01900031"


def april(month="2012-04"):
    """Seven rows: three burglaries in Adeyfield East's LSOAs, two crimes in Boxmoor's, one in
    a borough LSOA the lookup lacks, one outside the borough, and one with no location."""
    return street_file(
        [
            street_row(month=month, lsoa="E01900011", crime_type="Burglary"),
            street_row(month=month, lsoa="E01900012", crime_type="Burglary"),
            street_row(month=month, lsoa="E01900012", crime_type="Burglary"),
            street_row(month=month, lsoa="E01900021", crime_type="Anti-social behaviour"),
            street_row(month=month, lsoa="E01900021", crime_type="Drugs"),
            street_row(
                month=month, lsoa=MISSING_LSOA, lsoa_name="Dacorum 031A", crime_type="Drugs"
            ),
            street_row(month=month, lsoa=OUTSIDE_LSOA, crime_type="Burglary"),
            street_row(month=month, lsoa="", crime_type="Drugs"),
        ]
    )


def ward_counts(ward_set) -> dict:
    """(month, ward slug, crime type) -> count, as the set's ward pages read them."""
    rows = WardCrimeCount.objects.filter(ward__ward_set=ward_set).values_list(
        "source__month", "ward__slug", "crime_type__name", "count"
    )
    return {(month, ward, crime_type): n for month, ward, crime_type, n in rows}


def totals_match(ward_set) -> bool:
    """Whether the set's stored totals are the sums of its ward counts."""
    stored = {
        (month, crime_type): n
        for month, crime_type, n in WardSetCrimeCount.objects.filter(
            source__ward_set=ward_set
        ).values_list("source__month", "crime_type__name", "count")
    }
    sums = {
        (month, crime_type): n
        for month, crime_type, n in WardCrimeCount.objects.filter(ward__ward_set=ward_set)
        .values_list("source__month", "crime_type__name")
        .annotate(n=Sum("count"))
    }
    return bool(stored) and stored == sums


def corrected_lookup(wards) -> bytes:
    """The lookup corrected: E01900012 is in Boxmoor, and the missing LSOA in Grovehill."""
    return lookup_file(
        wards,
        {**LSOAS, "E01900012": "boxmoor", MISSING_LSOA: "grovehill"},
    )


def test_the_counts_are_kept_by_lsoa_crime_type_and_month(wards):
    ward_import = run_import(wards, april())

    assert ward_import.status == WardImport.Status.DONE, ward_import.error
    kept = {
        (code, crime_type): n
        for code, crime_type, n in LsoaCrimeCount.objects.values_list(
            "lsoa_code", "crime_type__name", "count"
        )
    }
    assert kept == {
        ("E01900011", "Burglary"): 1,
        ("E01900012", "Burglary"): 2,
        ("E01900021", "Anti-social behaviour"): 1,
        ("E01900021", "Drugs"): 1,
        (MISSING_LSOA, "Drugs"): 1,
    }  # the row outside the borough is kept in its district's count only
    police_month = PoliceMonth.objects.get()
    assert (police_month.month, police_month.reported_by) == (date(2012, 4, 1), HERTS)
    assert (police_month.rows_read, police_month.rows_unplaced) == (8, 1)
    assert LsoaCrimeCount.objects.get(lsoa_code=MISSING_LSOA).lsoa_name == "Dacorum 031A"
    # The ward counts are the LSOA counts added up through the lookup.
    month = date(2012, 4, 1)
    assert ward_counts(wards) == {
        (month, "adeyfield-east", "Burglary"): 3,
        (month, "boxmoor", "Anti-social behaviour"): 1,
        (month, "boxmoor", "Drugs"): 1,
    }
    placed = ImportedMonth.objects.get()
    assert placed.police_month == police_month
    assert (placed.rows_placed, placed.rows_unlisted, placed.rows_outside) == (5, 1, 1)
    assert totals_match(wards)


def test_a_corrected_lookup_places_every_month_again_and_says_what_moved(wards):
    first = run_import(wards, april(), file_name="2012-04-hertfordshire-street.csv")
    run_import(wards, april("2012-05"), file_name="2012-05-hertfordshire-street.csv")

    lookup = services.ward_lookup_import(
        ward_set=wards, data=corrected_lookup(wards), file_name="corrected.csv", source="x"
    )

    # Each month: E01900012's two burglaries moved, the missing LSOA's crime newly placed.
    assert lookup.summary == (
        "2 months of police.uk figures placed in Dacorum wards, 2007's wards again: "
        "4 crimes moved to another ward, 2 newly in a ward, 0 no longer in one."
    )
    for month in (date(2012, 4, 1), date(2012, 5, 1)):
        assert {k[1:]: n for k, n in ward_counts(wards).items() if k[0] == month} == {
            ("adeyfield-east", "Burglary"): 1,
            ("boxmoor", "Burglary"): 2,
            ("boxmoor", "Anti-social behaviour"): 1,
            ("boxmoor", "Drugs"): 1,
            ("grovehill", "Drugs"): 1,
        }
    months = ImportedMonth.objects.filter(ward_set=wards).order_by("month")
    assert [(m.rows_placed, m.rows_unlisted, m.rows_outside) for m in months] == [(6, 0, 1)] * 2
    assert months[0].ward_import == first  # still says which file the figures came from
    assert totals_match(wards)


def test_the_command_says_what_moved(wards, tmp_path, capsys):
    run_import(wards, april())
    path = tmp_path / "corrected.csv"
    path.write_bytes(corrected_lookup(wards))

    call_command("importwardlookup", str(path))

    assert "2 crimes moved to another ward, 1 newly in a ward" in capsys.readouterr().out


def test_a_lookup_uploaded_in_the_browser_says_what_moved(wards, client, django_user_model):
    run_import(wards, april())
    admin = django_user_model.objects.create_superuser("admin", password="not-used-in-tests")
    client.force_login(admin)
    upload = SimpleUploadedFile("corrected.csv", corrected_lookup(wards), "text/csv")
    response = client.post(
        reverse("stats:import_lookup"), {"file": upload, "source": "Made up"}, follow=True
    )

    assert "2 crimes moved to another ward, 1 newly in a ward" in response.content.decode()
    assert ward_counts(wards)[(date(2012, 4, 1), "boxmoor", "Burglary")] == 2


def test_a_refused_lookup_moves_nothing(wards):
    run_import(wards, april())
    before = (ward_counts(wards), list(LsoaWard.objects.values_list("lsoa_code", "ward__slug")))
    boxmoor = Ward.objects.get(ward_set=wards, slug="boxmoor")
    bad = csv_bytes(
        ("LSOA11CD", "LSOA11NM", "WD18CD", "WD18NM", "LAD18CD", "LAD18NM"),
        [
            ["E01900011", "x", boxmoor.code, "Adeyfield East", wards.district_code, "Dacorum"],
        ],
    )

    with pytest.raises(FileProblem):
        services.ward_lookup_import(ward_set=wards, data=bad, file_name="bad.csv", source="x")

    after = (ward_counts(wards), list(LsoaWard.objects.values_list("lsoa_code", "ward__slug")))
    assert after == before


def test_a_month_imported_again_is_replaced_once_everywhere(wards):
    run_import(wards, april())
    again = run_import(wards, april())

    assert PoliceMonth.objects.get().ward_import == again
    assert ImportedMonth.objects.get().ward_import == again
    assert LsoaCrimeCount.objects.aggregate(n=Sum("count"))["n"] == 6  # not the one outside
    assert "It replaced the figures for April 2012 (Hertfordshire Constabulary)" in again.summary


def test_a_counts_files_month_is_left_as_it_is_when_placing_again(wards):
    run_import(wards, april())
    counts = run_import(
        wards,
        csv_bytes(("ward", "month", "crime_type", "count"), [["Boxmoor", "2012-06", "Drugs", "9"]]),
        kind=WardImport.Kind.COUNTS,
        file_name="june.csv",
    )
    assert counts.status == WardImport.Status.DONE, counts.error

    lookup = services.ward_lookup_import(
        ward_set=wards, data=corrected_lookup(wards), file_name="corrected.csv", source="x"
    )

    assert "1 month of police.uk figures placed" in lookup.summary
    assert "1 month from files without LSOAs" in lookup.summary
    assert ward_counts(wards)[(date(2012, 6, 1), "boxmoor", "Drugs")] == 9


@pytest.fixture
def wards_2019(wards) -> WardSet:
    """A later ward set of the same district, with two wards, made up for the test."""
    later = WardSet.objects.create(
        name="Dacorum wards, 2019 (test)",
        slug="dacorum-2019-test",
        district=wards.district,
        district_code=wards.district_code,
        effective_from=date(2019, 5, 2),
        source="Made up in a test",
    )
    Ward.objects.create(ward_set=later, name="Hemel East", slug="hemel-east", code="E05999901")
    Ward.objects.create(ward_set=later, name="Hemel West", slug="hemel-west", code="E05999902")
    return later


def later_lookup(later) -> bytes:
    return lookup_file(
        later,
        {
            "E01900011": "hemel-east",
            "E01900012": "hemel-east",
            "E01900021": "hemel-west",
            MISSING_LSOA: "hemel-west",
        },
    )


def test_two_ward_sets_hold_the_same_months_side_by_side(wards, wards_2019):
    run_import(wards, april("2012-03"), file_name="2012-03-hertfordshire-street.csv")

    # A new set's lookup places the months already imported.
    lookup = services.ward_lookup_import(
        ward_set=wards_2019, data=later_lookup(wards_2019), file_name="later.csv", source="x"
    )
    assert "1 month of police.uk figures placed" in lookup.summary
    assert "6 newly in a ward" in lookup.summary

    # A file imported now is placed in both.
    ward_import = run_import(wards, april())
    assert "Also placed in the wards of Dacorum wards, 2019 (test)." in ward_import.summary

    for month in (date(2012, 3, 1), date(2012, 4, 1)):
        assert {k[1:]: n for k, n in ward_counts(wards_2019).items() if k[0] == month} == {
            ("hemel-east", "Burglary"): 3,
            ("hemel-west", "Anti-social behaviour"): 1,
            ("hemel-west", "Drugs"): 2,
        }
        assert {k[1:]: n for k, n in ward_counts(wards).items() if k[0] == month} == {
            ("adeyfield-east", "Burglary"): 3,
            ("boxmoor", "Anti-social behaviour"): 1,
            ("boxmoor", "Drugs"): 1,
        }
    assert totals_match(wards)
    assert totals_match(wards_2019)
    assert PoliceMonth.objects.count() == 2
    assert ImportedMonth.objects.filter(ward_set=wards_2019).count() == 2

    # Correcting one set's lookup leaves the other's figures as they were.
    before = ward_counts(wards_2019)
    services.ward_lookup_import(
        ward_set=wards, data=corrected_lookup(wards), file_name="corrected.csv", source="x"
    )
    assert ward_counts(wards_2019) == before


def test_each_sets_ward_pages_show_its_own_figures(wards, wards_2019, client, django_user_model):
    services.ward_lookup_import(
        ward_set=wards_2019, data=later_lookup(wards_2019), file_name="later.csv", source="x"
    )
    run_import(wards, april())
    admin = django_user_model.objects.create_superuser("admin", password="not-used-in-tests")
    client.force_login(admin)

    page = client.get(
        reverse("stats:ward_detail", kwargs={"ward_set": wards_2019.slug, "ward": "hemel-east"}),
        {"start": "2012-04", "end": "2012-04"},
    )

    assert page.status_code == 200
    assert "2012-04-hertfordshire-street.csv" in page.content.decode()


def test_a_month_with_no_crimes_is_kept_in_every_set(wards, wards_2019):
    services.ward_lookup_import(
        ward_set=wards_2019, data=later_lookup(wards_2019), file_name="later.csv", source="x"
    )
    run_import(wards, april())
    empty = run_import(wards, street_file([]), file_name="2012-05-hertfordshire-street.csv")
    assert empty.status == WardImport.Status.DONE, empty.error

    services.ward_lookup_import(
        ward_set=wards, data=corrected_lookup(wards), file_name="corrected.csv", source="x"
    )

    for ward_set in (wards, wards_2019):
        may = ImportedMonth.objects.get(ward_set=ward_set, month=date(2012, 5, 1))
        assert (may.reported_by, may.rows_read) == (HERTS, 0)
        assert not WardCrimeCount.objects.filter(source=may).exists()
