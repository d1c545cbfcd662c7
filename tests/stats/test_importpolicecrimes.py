"""Importing police.uk street-level files: good, bad and edge files, by service and command."""

from datetime import date

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Sum

from stats import services
from stats.models import ImportedMonth, WardCrimeCount, WardImport, WardSetCrimeCount

from .conftest import run_import
from .factories import (
    HERTS,
    OUTSIDE_LSOA,
    csv_bytes,
    old_street_file,
    old_street_row,
    street_file,
    street_row,
)

pytestmark = pytest.mark.usefixtures("lookup")


def ward_totals():
    rows = WardCrimeCount.objects.values("ward__slug", "crime_type__name").annotate(n=Sum("count"))
    return {(r["ward__slug"], r["crime_type__name"]): r["n"] for r in rows}


def ward_set_totals():
    """The ward set's stored counts by month and type, beside the sums of its wards' counts."""
    stored = {
        (month, crime_type): n
        for month, crime_type, n in WardSetCrimeCount.objects.values_list(
            "source__month", "crime_type__name", "count"
        )
    }
    sums = WardCrimeCount.objects.values_list("source__month", "crime_type__name").annotate(
        n=Sum("count")
    )
    return stored, {(month, crime_type): n for month, crime_type, n in sums}


def good_file(**options):
    return street_file(
        [
            street_row(lsoa="E01900011", crime_type="Burglary"),
            street_row(lsoa="E01900012", crime_type="Burglary"),
            street_row(lsoa="E01900021", crime_type="Anti-social behaviour"),
            street_row(lsoa="E01900021", crime_type="Violent crime"),
            street_row(lsoa=OUTSIDE_LSOA, crime_type="Burglary"),
            street_row(lsoa="", crime_type="Drugs"),
        ],
        **options,
    )


def test_it_counts_crimes_by_ward_crime_type_and_month(wards):
    ward_import = run_import(wards, good_file())

    assert ward_import.status == WardImport.Status.DONE, ward_import.error
    assert ward_totals() == {
        ("adeyfield-east", "Burglary"): 2,
        ("boxmoor", "Anti-social behaviour"): 1,
        ("boxmoor", "Violence and sexual offences"): 1,
    }
    month = ImportedMonth.objects.get()
    assert (month.month, month.reported_by) == (date(2012, 4, 1), HERTS)
    assert (month.rows_read, month.rows_placed, month.rows_outside, month.rows_unplaced) == (
        6,
        4,
        1,
        1,
    )


def test_rows_outside_the_borough_and_without_an_lsoa_are_counted_and_reported(wards):
    ward_import = run_import(wards, good_file())

    assert (ward_import.rows_placed, ward_import.rows_outside, ward_import.rows_unplaced) == (
        4,
        1,
        1,
    )
    assert "1 in LSOAs outside the borough" in ward_import.summary
    assert "1 with no LSOA, which cannot be placed in a ward" in ward_import.summary


def test_an_old_name_of_a_crime_type_counts_as_the_type_it_became(wards):
    run_import(wards, street_file([street_row(lsoa="E01900021", crime_type="Violent crime")]))
    assert ward_totals() == {("boxmoor", "Violence and sexual offences"): 1}


def test_a_byte_order_mark_and_crlf_line_ends_are_read_like_any_file(wards):
    ward_import = run_import(wards, good_file(bom=True, line_end="\r\n"))

    assert ward_import.status == WardImport.Status.DONE, ward_import.error
    assert ward_import.rows_read == 6
    assert sum(ward_totals().values()) == 4


def test_importing_a_month_again_replaces_it_rather_than_counting_it_twice(wards):
    run_import(wards, good_file())
    again = run_import(wards, good_file())

    assert sum(ward_totals().values()) == 4
    assert ImportedMonth.objects.get().ward_import == again
    stored, sums = ward_set_totals()
    assert (
        stored
        == sums
        == {
            (date(2012, 4, 1), "Burglary"): 2,
            (date(2012, 4, 1), "Anti-social behaviour"): 1,
            (date(2012, 4, 1), "Violence and sexual offences"): 1,
        }
    )
    assert "It replaced the figures for April 2012 (Hertfordshire Constabulary)" in again.summary


def test_a_file_of_another_force_is_counted_apart_and_replaces_nothing(wards):
    run_import(wards, good_file())
    thames = run_import(
        wards,
        street_file([street_row(lsoa="E01000001", force="Thames Valley Police")] * 3),
        file_name="2012-04-thames-valley-street.csv",
    )

    assert thames.status == WardImport.Status.DONE
    assert (thames.rows_read, thames.rows_placed, thames.rows_outside) == (3, 0, 3)
    assert "is it another force's file?" in thames.summary
    assert sum(ward_totals().values()) == 4
    assert set(ImportedMonth.objects.values_list("reported_by", flat=True)) == {
        HERTS,
        "Thames Valley Police",
    }


def test_an_older_file_without_lsoas_is_imported_with_every_row_reported_unplaced(wards):
    ward_import = run_import(
        wards, old_street_file([old_street_row(), old_street_row(crime_type="Robbery")])
    )

    assert ward_import.status == WardImport.Status.DONE, ward_import.error
    assert (ward_import.rows_read, ward_import.rows_placed, ward_import.rows_unplaced) == (2, 0, 2)
    assert "older layout without LSOAs" in ward_import.summary
    assert "2 with no LSOA, which cannot be placed in a ward and are in no ward figure" in (
        ward_import.summary
    )
    assert not WardCrimeCount.objects.exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "test.csv: the file is empty: there is no header row."),
        (b"\n\n", "test.csv: the file is empty: there is no header row."),
        (street_file([]), "test.csv: the file has a header but no rows: nothing to import."),
        (
            b"Month,Crime type\n2012-04,Burglary\n",
            "test.csv, row 1: this is not a police.uk street-level file: the header has no "
            "“Crime ID”, “Reported by”",
        ),
        (
            street_file([street_row(), street_row(lsoa="E01900099"), street_row(month="April")]),
            "test.csv, row 4, column “Month”: “April” is not a month written YYYY-MM.",
        ),
        (
            street_file([street_row(), street_row(crime_type="Fraud")]),
            "test.csv, row 3, column “Crime type”: “Fraud” is not a crime type this site knows.",
        ),
        (
            street_file([street_row(lsoa="Dacorum 001A")]),
            "test.csv, row 2, column “LSOA code”: “Dacorum 001A” is not an LSOA code",
        ),
        (
            street_file([street_row(force="")]),
            "test.csv, row 2, column “Reported by”: the force that reported the crime is missing.",
        ),
        (
            street_file([street_row()]) + b"x,2012-04\n",
            "test.csv, row 3, column “Reported by”: this row has 2 fields but the header has 12",
        ),
        (
            street_file([street_row(crime_type="Caf\xe9")]).replace("é".encode(), b"\xe9"),
            "test.csv, row 2, column “Crime type”: this is not UTF-8 text",
        ),
    ],
    ids=[
        "empty",
        "blank lines",
        "header only",
        "wrong header",
        "bad month",
        "unknown crime type",
        "bad LSOA code",
        "no force",
        "short row",
        "not UTF-8",
    ],
)
def test_a_bad_file_fails_naming_file_row_and_column_and_changes_nothing(wards, data, message):
    before = run_import(wards, good_file())
    counts = ward_totals()

    failed = run_import(wards, data, file_name="test.csv")

    assert failed.status == WardImport.Status.FAILED
    assert failed.error.startswith(message), failed.error
    assert ward_totals() == counts
    assert ImportedMonth.objects.get().ward_import == before
    assert failed.content is None


def test_an_unknown_lsoa_is_outside_the_borough_not_an_error(wards):
    ward_import = run_import(wards, street_file([street_row(lsoa="E01234567")]))
    assert ward_import.status == WardImport.Status.DONE
    assert ward_import.rows_outside == 1


def test_a_failure_while_storing_changes_nothing(wards, monkeypatch):
    run_import(wards, good_file())
    counts = ward_totals()

    def broken(*args, **kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(WardCrimeCount.objects, "bulk_create", broken)
    with pytest.raises(RuntimeError):
        run_import(wards, good_file())

    assert ward_totals() == counts
    stored, sums = ward_set_totals()
    assert stored == sums
    assert sum(stored.values()) == 4
    assert WardImport.objects.filter(status=WardImport.Status.FAILED).count() == 1
    assert "Nothing was changed" in WardImport.objects.get(status="failed").error


def test_a_failure_while_adding_up_the_ward_set_changes_nothing(wards, monkeypatch):
    """The ward set's totals are stored in the import's transaction: no counts without them."""
    run_import(wards, good_file())
    counts = ward_totals()

    def broken(*args, **kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(WardSetCrimeCount.objects, "bulk_create", broken)
    with pytest.raises(RuntimeError):
        run_import(wards, street_file([street_row(lsoa="E01900011")] * 5))

    assert ward_totals() == counts
    stored, sums = ward_set_totals()
    assert stored == sums
    assert sum(stored.values()) == 4


def test_an_import_runs_once_however_often_it_is_started(wards):
    ward_import = run_import(wards, good_file())
    again = services.ward_import_run(ward_import_id=ward_import.pk)
    assert again.status == WardImport.Status.DONE
    assert sum(ward_totals().values()) == 4


def test_the_command_imports_each_file_and_says_what_became_of_its_rows(wards, tmp_path, capsys):
    path = tmp_path / "2012-04-hertfordshire-street.csv"
    path.write_bytes(good_file())

    call_command("importpolicecrimes", str(path))

    out = capsys.readouterr().out
    assert "2012-04-hertfordshire-street.csv: 6 rows" in out
    assert "4 placed in a ward" in out
    assert sum(ward_totals().values()) == 4


def test_the_command_fails_with_the_files_problem(wards, tmp_path):
    path = tmp_path / "2012-04-hertfordshire-street.csv"
    path.write_bytes(street_file([street_row(crime_type="Fraud")]))

    with pytest.raises(CommandError, match="row 2, column “Crime type”"):
        call_command("importpolicecrimes", str(path))
    assert not WardCrimeCount.objects.exists()


def test_the_command_reports_a_missing_file(wards, tmp_path):
    with pytest.raises(CommandError, match="No such file"):
        call_command("importpolicecrimes", str(tmp_path / "missing.csv"))


def test_the_first_bad_row_of_the_file_is_the_one_named(wards):
    rows = [street_row()] * 3 + [street_row(crime_type="Fraud")] + [street_row()] * 30_000
    data = street_file(rows) + b"short,row\n" + street_file([street_row(month="bad")])
    ward_import = run_import(wards, data, file_name="t.csv")
    assert ward_import.error.startswith("t.csv, row 5, column “Crime type”")


def test_blank_lines_are_skipped_and_later_rows_keep_their_numbers(wards):
    data = street_file([street_row()]) + b"\n\n" + csv_bytes(None, [street_row(month="bad")])
    ward_import = run_import(wards, data, file_name="t.csv")
    assert ward_import.error.startswith("t.csv, row 5, column “Month”"), ward_import.error


def test_an_import_is_written_to_the_audit_trail(ward_figures):
    from audit.models import AuditEntry

    entry = AuditEntry.objects.get(
        kind="loaded", content_type__model="wardimport", object_id=str(ward_figures.pk)
    )
    assert entry.note == "Ward figures imported from 2012-04-test-street.csv"


# --- LSOAs of the borough the lookup does not have: reported apart -----------------------


def file_with_unlisted_lsoas() -> bytes:
    return street_file(
        [
            street_row(lsoa="E01900011"),  # row 2: placed
            street_row(lsoa="E01023456", lsoa_name="Dacorum 012B"),  # row 3: unlisted
            street_row(lsoa="E01999001", lsoa_name="St Albans 001A"),  # row 4: outside
            street_row(lsoa=""),  # row 5: no location
            *[street_row(lsoa="E01023456", lsoa_name="Dacorum 012B", crime_type="Drugs")] * 7,
            street_row(lsoa="E01023457", lsoa_name="DACORUM 013A"),  # row 13
        ]
    )


UNLISTED = [
    {"code": "E01023456", "name": "Dacorum 012B", "rows": 8, "first_rows": [3, 6, 7, 8, 9]},
    {"code": "E01023457", "name": "DACORUM 013A", "rows": 1, "first_rows": [13]},
]


def test_rows_in_lsoas_of_the_borough_missing_from_the_lookup_are_reported_apart(wards):
    ward_import = run_import(wards, file_with_unlisted_lsoas())

    assert ward_import.status == WardImport.Status.DONE, ward_import.error
    assert (
        ward_import.rows_placed,
        ward_import.rows_unlisted,
        ward_import.rows_outside,
        ward_import.rows_unplaced,
    ) == (1, 9, 1, 1)
    assert ward_import.unlisted_lsoas == UNLISTED
    assert ImportedMonth.objects.get().rows_unlisted == 9
    assert (
        "9 in 2 LSOAs of the borough missing from the lookup, which are in no ward figure "
        "until the lookup has them, 1 in LSOAs outside the borough"
    ) in ward_import.summary
    assert sum(ward_totals().values()) == 1


def test_first_rows_are_numbered_as_the_file_numbers_them_past_blank_lines(wards):
    data = b"\r\n".join(
        [
            street_file([street_row()]).rstrip(b"\n"),  # rows 1 and 2
            b"",  # row 3: blank
            street_file([street_row(lsoa="E01023456", lsoa_name="Dacorum 012B")]).split(b"\n")[
                1
            ],  # row 4
        ]
    )
    ward_import = run_import(wards, data)
    assert ward_import.status == WardImport.Status.DONE, ward_import.error
    assert ward_import.unlisted_lsoas[0]["first_rows"] == [4]


def test_an_lsoa_named_for_another_district_stays_outside_the_borough(wards):
    rows = [
        street_row(lsoa="E01999001", lsoa_name="Dacorum Hill 001A"),
        street_row(lsoa="E01999002", lsoa_name="Three Rivers 004C"),
        street_row(lsoa="E01999003", lsoa_name="Dacorum"),
    ]
    ward_import = run_import(wards, street_file(rows))
    assert (ward_import.rows_outside, ward_import.rows_unlisted) == (3, 0)
    assert ward_import.unlisted_lsoas == []


def test_the_command_lists_the_boroughs_lsoas_missing_from_the_lookup(wards, tmp_path, capsys):
    path = tmp_path / "2012-04-hertfordshire-street.csv"
    path.write_bytes(file_with_unlisted_lsoas())
    call_command("importpolicecrimes", str(path))
    out = capsys.readouterr().out
    assert (
        "2012-04-hertfordshire-street.csv: E01023456 “Dacorum 012B” is in Dacorum but not in "
        "the LSOA-to-ward lookup: 8 rows (rows 3, 6, 7, 8, 9, …) in no ward figure."
    ) in out
    assert "E01023457 “DACORUM 013A” is in Dacorum but not in the LSOA-to-ward lookup: 1 row " in (
        out
    )
    assert "E01999001" not in out
