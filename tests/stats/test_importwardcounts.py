"""Importing a plain CSV of counts: ward,month,crime_type,count."""

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Sum

from stats.models import ImportedMonth, WardAlias, WardCrimeCount, WardImport

from .conftest import run_import
from .factories import csv_bytes, street_file, street_row
from .unchanged import every_table_but_the_import_log

HEADER = ("ward", "month", "crime_type", "count")


def counts(rows, **options):
    return csv_bytes(HEADER, rows, **options)


def total():
    return WardCrimeCount.objects.aggregate(n=Sum("count"))["n"] or 0


def test_it_stores_each_count_by_ward_name_or_ons_code(wards):
    ward_import = run_import(
        wards,
        counts(
            [
                ["Boxmoor", "2012-04", "Burglary", "7"],
                ["E05004691", "2012-04", "burglary", "3"],
                ["bovingdon flaunden & chipperfield", "2012-05", "anti-social-behaviour", "0"],
            ]
        ),
        kind=WardImport.Kind.COUNTS,
    )

    assert ward_import.status == WardImport.Status.DONE, ward_import.error
    stored = {
        (c.ward.slug, c.crime_type.name, f"{c.source.month:%Y-%m}"): c.count
        for c in WardCrimeCount.objects.select_related("ward", "crime_type", "source")
    }
    assert stored == {
        ("boxmoor", "Burglary", "2012-04"): 7,
        ("adeyfield-east", "Burglary", "2012-04"): 3,
        ("bovingdon-flaunden-and-chipperfield", "Anti-social behaviour", "2012-05"): 0,
    }
    assert set(ImportedMonth.objects.values_list("reported_by", flat=True)) == {""}


def test_a_counts_file_replaces_every_figure_of_its_months(wards, lookup):
    run_import(wards, street_file([street_row(lsoa="E01900021")] * 5))
    run_import(wards, counts([["Boxmoor", "2012-04", "Burglary", "2"]]), kind="counts")
    assert total() == 2
    assert ImportedMonth.objects.count() == 1


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        (
            [["Nowhere", "2012-04", "Burglary", "1"]],
            "row 3, column “ward”: “Nowhere” is not the name of a ward of Dacorum",
        ),
        ([["Boxmoor", "04/2012", "Burglary", "1"]], "row 3, column “month”"),
        ([["Boxmoor", "2012-04", "Fraud", "1"]], "row 3, column “crime_type”: “Fraud”"),
        ([["Boxmoor", "2012-04", "Burglary", "-1"]], "row 3, column “count”: “-1” is not a whole"),
        (
            [["Boxmoor", "2012-04", "Burglary", "1"], ["boxmoor", "2012-04", "Burglary", "2"]],
            "row 4: this ward, month and crime type are already on row 3.",
        ),
    ],
    ids=["unknown ward", "bad month", "unknown crime type", "negative count", "repeated row"],
)
def test_a_bad_row_fails_the_whole_file(wards, rows, message):
    ward_import = run_import(
        wards, counts([["Gadebridge", "2012-04", "Drugs", "4"], *rows]), kind="counts"
    )
    assert ward_import.status == WardImport.Status.FAILED
    assert message in ward_import.error
    assert total() == 0


def test_a_wrong_header_is_named(wards):
    ward_import = run_import(
        wards,
        csv_bytes(("ward", "month", "type"), [["a", "b", "c"]]),
        kind="counts",
        file_name="c.csv",
    )
    assert ward_import.error == (
        "c.csv, row 1: the header has no “crime_type”, “count” column: a counts file starts "
        "with the header ward,month,crime_type,count."
    )


def test_the_command_needs_a_source_and_imports_the_file(wards, tmp_path, capsys):
    path = tmp_path / "counts.csv"
    path.write_bytes(counts([["Boxmoor", "2012-04", "Burglary", "7"]], bom=True, line_end="\r\n"))

    with pytest.raises(CommandError, match="--source"):
        call_command("importwardcounts", str(path))
    call_command("importwardcounts", str(path), "--source", "Herts Police ward report, May 2012")

    assert total() == 7
    assert WardImport.objects.get().source == "Herts Police ward report, May 2012"
    assert "counts.csv: 1 rows (counts by ward)" in capsys.readouterr().out


# --- Ward names matched as the lookup matches them ---------------------------------------


@pytest.mark.parametrize("name", ["Grove Hill", "GROVEHILL", "grove-hill", "e05004704"], ids=repr)
def test_ward_names_match_ignoring_case_spaces_and_punctuation(wards, name):
    ward_import = run_import(wards, counts([[name, "2012-04", "Burglary", "3"]]), kind="counts")
    assert ward_import.status == WardImport.Status.DONE, ward_import.error
    assert WardCrimeCount.objects.get().ward.slug == "grovehill"


def test_a_near_miss_is_refused_saying_did_you_mean(wards, lookup):
    before = every_table_but_the_import_log()
    rows = [["Boxmoor", "2012-04", "Burglary", "1"], ["Leverstoke Green", "2012-04", "Drugs", "2"]]
    ward_import = run_import(wards, counts(rows), kind="counts", file_name="c.csv")
    assert ward_import.error.startswith(
        "c.csv, row 3, column “ward”: “Leverstoke Green” is not the name of a ward of Dacorum "
        "wards, 2007. Did you mean “Leverstock Green”?"
    )
    assert every_table_but_the_import_log() == before


def test_a_code_of_another_review_is_refused_as_a_code(wards, lookup):
    before = every_table_but_the_import_log()
    data = counts([["E05999999", "2012-04", "Drugs", "2"]])
    ward_import = run_import(wards, data, kind="counts", file_name="c.csv")
    assert ward_import.error.startswith(
        "c.csv, row 2, column “ward”: “E05999999” is not the ONS code of a ward of Dacorum "
        "wards, 2007: is the file for another review's wards?"
    )
    assert every_table_but_the_import_log() == before


def test_a_ward_alias_is_read_as_its_ward(wards):
    grovehill = wards.wards.get(slug="grovehill")
    WardAlias.objects.create(ward=grovehill, name="Grovehill and Woodhall")
    data = counts([["Grovehill & Woodhall", "2012-04", "Burglary", "3"]])
    ward_import = run_import(wards, data, kind="counts")
    assert ward_import.status == WardImport.Status.DONE, ward_import.error
    assert WardCrimeCount.objects.get().ward == grovehill
