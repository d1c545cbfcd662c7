"""Importing an ONS LSOA-to-ward lookup: only the district's rows, each to one ward."""

import pytest
from django.core.management import CommandError, call_command

from stats import services
from stats.csvfiles import FileProblem
from stats.models import LsoaWard, WardAlias, WardLookup

from .factories import LSOAS, csv_bytes, lookup_file
from .unchanged import every_table_but_the_import_log


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
            "row 2, column “WD19CD”: the ward code “E05011111” is not the code of a ward of "
            "Dacorum wards, 2007, and the ward name “Hemel Hempstead Central” in column "
            "“WD19NM” names none of its wards either.",
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


# --- A row's ward code and ward name must name the same ward of the set -----------------

LOOKUP_HEADER = ("LSOA11CD", "LSOA11NM", "WD18CD", "WD18NM", "LAD18CD", "LAD18NM")


def lookup_rows(*wards_of_rows) -> bytes:
    """A lookup in the district whose rows name these (ward code, ward name) pairs."""
    return csv_bytes(
        LOOKUP_HEADER,
        [
            [f"E019000{n:02d}", f"Dacorum {n:03d}A", code, name, "E07000096", "Dacorum"]
            for n, (code, name) in enumerate(wards_of_rows, start=1)
        ],
    )


ADEYFIELD_EAST = ("E05004691", "Adeyfield East")


def refused(ward_set, data, *, file_name="wd18.csv") -> str:
    """The refusal's message; every table but the import log is as it was before."""
    before = every_table_but_the_import_log()
    with pytest.raises(FileProblem) as refusal:
        services.ward_lookup_import(ward_set=ward_set, data=data, file_name=file_name, source="x")
    assert every_table_but_the_import_log() == before
    return str(refusal.value)


def test_a_row_whose_code_and_name_name_different_wards_is_refused(wards, lookup):
    message = refused(wards, lookup_rows(ADEYFIELD_EAST, ("E05004691", "Boxmoor")))
    assert message == (
        "wd18.csv, row 3, column “WD18CD”: the row contradicts itself: the ward code "
        "“E05004691” is Adeyfield East (E05004691), but the ward name “Boxmoor” in column "
        "“WD18NM” is Boxmoor (E05004701). Nothing was imported."
    )


def test_a_code_the_set_does_not_have_is_refused_naming_what_the_name_is(wards, lookup):
    message = refused(wards, lookup_rows(ADEYFIELD_EAST, ("E05999999", "Boxmoor")))
    assert message.startswith(
        "wd18.csv, row 3, column “WD18CD”: the ward code “E05999999” is not the code of a ward "
        "of Dacorum wards, 2007, though the ward name “Boxmoor” in column “WD18NM” is Boxmoor "
        "(E05004701)."
    )


def test_a_name_the_set_does_not_have_is_refused_with_a_near_miss(wards, lookup):
    message = refused(wards, lookup_rows(("E05004704", "Grove Hil")))
    assert message.startswith(
        "wd18.csv, row 2, column “WD18NM”: the ward name “Grove Hil” is not the name of a ward "
        "of Dacorum wards, 2007, though the ward code “E05004704” in column “WD18CD” is "
        "Grovehill (E05004704). Did you mean “Grovehill”? If the file calls a ward by another "
        "name, add that name as a ward alias"
    )


def test_a_name_far_from_every_ward_gets_no_suggestion(wards):
    message = refused(wards, lookup_rows(("E05004704", "Somewhere Else Entirely")))
    assert "row 2, column “WD18NM”" in message
    assert "Did you mean" not in message


@pytest.mark.parametrize(
    "name", ["Grovehill", "Grove Hill", "GROVE-HILL", " grove  hill. "], ids=repr
)
def test_ward_names_match_ignoring_case_spaces_and_punctuation(wards, name):
    services.ward_lookup_import(
        ward_set=wards, data=lookup_rows(("E05004704", name)), file_name="l.csv", source="x"
    )
    assert LsoaWard.objects.get().ward.slug == "grovehill"


def test_names_alone_match_the_same_way(wards):
    data = csv_bytes(
        ("LSOA21CD", "WD22NM", "LAD22NM"),
        [["E01900001", "kings-langley", "Dacorum"], ["E01900002", "Tring West & Rural", "Dacorum"]],
    )
    services.ward_lookup_import(ward_set=wards, data=data, file_name="l.csv", source="x")
    assert set(LsoaWard.objects.values_list("ward__slug", flat=True)) == {
        "kings-langley",
        "tring-west-and-rural",
    }


def test_a_ward_alias_is_read_as_its_ward(wards):
    grovehill = wards.wards.get(slug="grovehill")
    WardAlias.objects.create(ward=grovehill, name="Grovehill and Woodhall")
    data = lookup_rows(("E05004704", "Grovehill & Woodhall"))
    services.ward_lookup_import(ward_set=wards, data=data, file_name="l.csv", source="x")
    assert LsoaWard.objects.get().ward == grovehill


def test_an_alias_does_not_make_a_contradiction_agree(wards):
    WardAlias.objects.create(ward=wards.wards.get(slug="boxmoor"), name="Two Waters")
    message = refused(wards, lookup_rows(("E05004704", "Two Waters")))
    assert "the ward code “E05004704” is Grovehill (E05004704), but the ward name “Two Waters”" in (
        message
    )
    assert "is Boxmoor (E05004701)" in message


def test_the_command_refuses_a_contradicting_lookup_and_changes_nothing(wards, lookup, tmp_path):
    path = tmp_path / "wd18.csv"
    path.write_bytes(lookup_rows(("E05004701", "Adeyfield East")))
    before = every_table_but_the_import_log()
    with pytest.raises(CommandError) as refusal:
        call_command("importwardlookup", str(path))
    assert str(refusal.value).startswith(
        "wd18.csv, row 2, column “WD18CD”: the row contradicts itself: the ward code "
        "“E05004701” is Boxmoor (E05004701), but the ward name “Adeyfield East” in column "
        "“WD18NM” is Adeyfield East (E05004691)."
    )
    assert every_table_but_the_import_log() == before
