"""Importing an ONS LSOA-to-ward lookup: only the district's rows, each to one ward."""

import pytest
from django.core.management import CommandError, call_command

from stats import services
from stats.csvfiles import FileProblem
from stats.models import LsoaWard, WardLookup

from .factories import LSOAS, csv_bytes, lookup_file


def test_it_keeps_the_districts_rows_and_counts_the_others(wards):
    lookup = services.ward_lookup_import(
        ward_set=wards,
        data=lookup_file(wards, other_district_rows=3),
        file_name="l.csv",
        source="ONS",
    )
    assert (lookup.lsoa_geography, lookup.ward_geography) == ("LSOA11", "WD18")
    assert (lookup.rows_read, lookup.rows_other_districts) == (7, 3)
    assert dict(LsoaWard.objects.values_list("lsoa_code", "ward__slug")) == LSOAS


def test_any_year_suffix_and_ward_names_without_codes_are_accepted(wards):
    data = csv_bytes(
        ("FID", "LSOA21CD", "LSOA21NM", "WD22NM", "LAD22NM"),
        [["1", "E01900001", "X", "Bovingdon, Flaunden & Chipperfield", "Dacorum"]],
    )
    wards.district_code = ""
    lookup = services.ward_lookup_import(ward_set=wards, data=data, file_name="l.csv", source="x")
    assert (lookup.lsoa_geography, lookup.ward_geography) == ("LSOA21", "WD22")
    assert lookup.entries.get().ward.code == "E05004700"


def test_importing_the_same_geography_again_replaces_the_lookup(wards):
    for _ in range(2):
        services.ward_lookup_import(
            ward_set=wards, data=lookup_file(wards), file_name="l.csv", source="x"
        )
    assert WardLookup.objects.count() == 1
    assert LsoaWard.objects.count() == len(LSOAS)


@pytest.mark.parametrize(
    ("header", "row", "message"),
    [
        (("LSOA11CD", "WD18CD"), ["E01900001", "E05004691"], "row 1: this is not an ONS"),
        (
            ("LSOA11CD", "WD19CD", "WD19NM", "LAD19CD"),
            ["E01900001", "E05011111", "Hemel Hempstead Central", "E07000096"],
            "row 2, column “WD19CD”: the ward “Hemel Hempstead Central E05011111” is not one",
        ),
        (
            ("LSOA11CD", "WD18CD", "LAD18CD"),
            ["Dacorum 001A", "E05004691", "E07000096"],
            "row 2, column “LSOA11CD”",
        ),
        (
            ("LSOA11CD", "WD18CD", "LAD18CD"),
            ["E01900001", "E05000001", "E09000001"],
            "no row of the lookup is in Dacorum (E07000096).",
        ),
    ],
    ids=["no district column", "another review's wards", "bad LSOA", "another district"],
)
def test_a_bad_lookup_is_refused_with_row_and_column(wards, header, row, message):
    with pytest.raises(FileProblem, match=message.replace("(", r"\(").replace(")", r"\)")):
        services.ward_lookup_import(
            ward_set=wards, data=csv_bytes(header, [row]), file_name="l.csv", source="x"
        )
    assert not WardLookup.objects.exists()


def test_an_lsoa_in_two_wards_is_refused(wards):
    data = csv_bytes(
        ("LSOA11CD", "WD18CD", "LAD18CD"),
        [["E01900001", "E05004691", "E07000096"], ["E01900001", "E05004692", "E07000096"]],
    )
    with pytest.raises(
        FileProblem, match="row 3, column “LSOA11CD”: E01900001 is already on row 2"
    ):
        services.ward_lookup_import(ward_set=wards, data=data, file_name="l.csv", source="x")


def test_the_command_imports_the_lookup_and_reports_a_bad_one(wards, tmp_path, capsys):
    good, bad = tmp_path / "good.csv", tmp_path / "bad.csv"
    good.write_bytes(lookup_file(wards))
    bad.write_bytes(b"")
    call_command("importwardlookup", str(good))
    assert "good.csv: 4 LSOA11 LSOAs placed in Dacorum wards, 2007's wards" in (
        capsys.readouterr().out
    )
    with pytest.raises(CommandError, match="bad.csv: the file is empty"):
        call_command("importwardlookup", str(bad))
