"""Importing ward populations (`ward,population,year,source`): matched by name, every fault
refused at its file, row and column, and nothing changed then."""

import pytest
from django.core.management import CommandError, call_command

from audit.models import AuditEntry
from stats import services
from stats.csvfiles import FileProblem
from stats.models import GENERATED_SAMPLE_SOURCE, Ward

from .factories import csv_bytes
from .unchanged import every_table_but_the_import_log

HEADER = ("ward", "population", "year", "source")
CENSUS = "ONS, 2011 Census (table KS101EW)"


def populations_file(rows, header=HEADER) -> bytes:
    return csv_bytes(header, rows)


def population_of(slug: str) -> tuple:
    return Ward.objects.filter(slug=slug).values_list(
        "population", "population_year", "population_source"
    )[0]


def test_it_stores_each_wards_population_year_and_source(wards):
    data = populations_file(
        [["Boxmoor", "8123", "2011", CENSUS], ["E05004691", "6010", "2011", CENSUS]]
    )
    imported = services.ward_populations_import(ward_set=wards, data=data, file_name="p.csv")

    assert population_of("boxmoor") == (8123, 2011, CENSUS)
    assert population_of("adeyfield-east") == (6010, 2011, CENSUS)  # by its ONS code
    assert (imported.changed, imported.unchanged, imported.wards_without) == (2, 0, 23)


def test_names_are_matched_ignoring_case_spaces_and_punctuation(wards):
    data = populations_file(
        [
            ["grove hill", "7000", "2011", CENSUS],
            ["BOVINGDON FLAUNDEN & CHIPPERFIELD", "6500", "2011", CENSUS],
        ]
    )
    services.ward_populations_import(ward_set=wards, data=data, file_name="p.csv")
    assert population_of("grovehill")[0] == 7000
    assert population_of("bovingdon-flaunden-and-chipperfield")[0] == 6500


def test_each_ward_changed_is_in_the_audit_trail_with_before_and_after(wards, administrator):
    data = populations_file([["Boxmoor", "8123", "2011", CENSUS]])
    services.ward_populations_import(
        ward_set=wards, data=data, file_name="p.csv", user=administrator
    )
    entry = AuditEntry.objects.get(content_type__model="ward")
    assert entry.user == administrator
    assert entry.changes["population"] == [None, 8123]
    assert entry.note == "Population imported from p.csv"


def test_importing_the_same_file_again_changes_nothing(wards):
    data = populations_file([["Boxmoor", "8123", "2011", CENSUS]])
    services.ward_populations_import(ward_set=wards, data=data, file_name="p.csv")
    again = services.ward_populations_import(ward_set=wards, data=data, file_name="p.csv")
    assert (again.changed, again.unchanged) == (0, 1)
    assert AuditEntry.objects.filter(content_type__model="ward").count() == 1


def test_real_populations_replace_generated_ones_even_of_wards_the_file_leaves_out(wards):
    Ward.objects.update(
        population=5000, population_year=2011, population_source=GENERATED_SAMPLE_SOURCE
    )
    data = populations_file([["Boxmoor", "8123", "2011", CENSUS]])
    imported = services.ward_populations_import(ward_set=wards, data=data, file_name="p.csv")

    assert population_of("boxmoor") == (8123, 2011, CENSUS)
    assert population_of("tring-central") == (None, None, "")
    assert not Ward.objects.filter(population_source=GENERATED_SAMPLE_SOURCE).exists()
    assert imported.samples_cleared == 24
    assert "24 generated sample populations of wards not in the file were removed" in (
        imported.summary
    )


def test_a_published_population_of_a_ward_left_out_is_kept(wards):
    Ward.objects.filter(slug="tring-central").update(
        population=5500, population_year=2001, population_source="ONS, 2001 Census"
    )
    data = populations_file([["Boxmoor", "8123", "2011", CENSUS]])
    services.ward_populations_import(ward_set=wards, data=data, file_name="p.csv")
    assert population_of("tring-central") == (5500, 2001, "ONS, 2001 Census")


# --- Every fault: refused at its file, row and column; nothing changed --------------------

GOOD = ["Boxmoor", "8123", "2011", CENSUS]


@pytest.mark.parametrize(
    ("data", "where", "message"),
    [
        (
            populations_file([GOOD, ["Grove Hil", "7000", "2011", CENSUS]]),
            "p.csv, row 3, column “ward”",
            "“Grove Hil” is not the name of a ward of Dacorum wards, 2007. "
            "Did you mean “Grovehill”?",
        ),
        (
            populations_file([GOOD, ["E05099999", "7000", "2011", CENSUS]]),
            "p.csv, row 3, column “ward”",
            "“E05099999” is not the ONS code of a ward",
        ),
        (
            populations_file([GOOD, ["", "7000", "2011", CENSUS]]),
            "p.csv, row 3, column “ward”",
            "the ward is missing",
        ),
        (
            populations_file([GOOD, ["boxmoor", "7000", "2011", CENSUS]]),
            "p.csv, row 3, column “ward”",
            "Boxmoor (E05004701) is already on row 2",
        ),
        (
            populations_file([GOOD, ["Grovehill", "8,123", "2011", CENSUS]]),
            "p.csv, row 3, column “population”",
            "“8,123” is not a ward's population: a whole number of residents from 100 to 100,000",
        ),
        (
            populations_file([GOOD, ["Grovehill", "7000.5", "2011", CENSUS]]),
            "p.csv, row 3, column “population”",
            "is not a ward's population",
        ),
        (
            populations_file([GOOD, ["Grovehill", "-7000", "2011", CENSUS]]),
            "p.csv, row 3, column “population”",
            "is not a ward's population",
        ),
        (
            populations_file([GOOD, ["Grovehill", "20", "2011", CENSUS]]),
            "p.csv, row 3, column “population”",
            "“20” is not a ward's population",
        ),
        (
            populations_file([GOOD, ["Grovehill", "700000", "2011", CENSUS]]),
            "p.csv, row 3, column “population”",
            "“700000” is not a ward's population",
        ),
        (
            populations_file([GOOD, ["Grovehill", "", "2011", CENSUS]]),
            "p.csv, row 3, column “population”",
            "“” is not a ward's population",
        ),
        (
            populations_file([GOOD, ["Grovehill", "7000", "11", CENSUS]]),
            "p.csv, row 3, column “year”",
            "“11” is not a year: write the year the population is for in four digits",
        ),
        (
            populations_file([GOOD, ["Grovehill", "7000", "2011-12", CENSUS]]),
            "p.csv, row 3, column “year”",
            "“2011-12” is not a year",
        ),
        (
            populations_file([GOOD, ["Grovehill", "7000", "0201", CENSUS]]),
            "p.csv, row 3, column “year”",
            "“0201” is not a year",
        ),
        (
            populations_file([GOOD, ["Grovehill", "7000", "2011", "  "]]),
            "p.csv, row 3, column “source”",
            "the source is empty",
        ),
        (
            populations_file([GOOD, ["Grovehill", "7000", "2011"]]),
            "p.csv, row 3, column “source”",
            "this row has 3 fields but the header has 4",
        ),
        (
            populations_file([GOOD, ["Grovehill", "7000", "2011", CENSUS, "extra"]]),
            "p.csv, row 3, column 5",
            "this row has 5 fields but the header has 4",
        ),
        (
            populations_file([GOOD], header=("ward", "population", "source")),
            "p.csv, row 1",
            "the header has no “year” column",
        ),
        (
            populations_file([[*GOOD, "x"]], header=(*HEADER, "notes")),
            "p.csv, row 1",
            "the header has a column “notes” that a file of ward populations",
        ),
        (
            b'ward,population,year,source\nBoxmoor,8123,2011,"ONS\n',
            "p.csv, row 2, column “source”",
            "a quote opens here and is never closed",
        ),
        (
            "ward,population,year,source\nBoxmoor,8123,2011,Recensement équipe\n".encode("cp1252"),
            "p.csv, row 2, column “source”",
            "this is not UTF-8 text",
        ),
        (b"ward,population,year,source\n", "p.csv:", "the file has a header but no rows"),
        (b"", "p.csv:", "the file is empty"),
    ],
)
def test_every_fault_is_refused_at_its_row_and_column_and_changes_nothing(
    wards, data, where, message
):
    services.ward_populations_import(
        ward_set=wards,
        data=populations_file([["Tring Central", "5500", "2001", "Old"]]),
        file_name="before.csv",
    )
    before = every_table_but_the_import_log()
    with pytest.raises(FileProblem) as refused:
        services.ward_populations_import(ward_set=wards, data=data, file_name="p.csv")
    assert str(refused.value).startswith(where), str(refused.value)
    assert message in str(refused.value)
    assert every_table_but_the_import_log() == before


# --- The command -----------------------------------------------------------------------


def test_the_command_imports_a_file_and_says_what_it_did(wards, tmp_path, capsys):
    path = tmp_path / "ward-populations-2011.csv"
    path.write_bytes(populations_file([GOOD]))
    call_command("importwardpopulations", str(path))
    assert population_of("boxmoor") == (8123, 2011, CENSUS)
    out = capsys.readouterr().out
    assert "ward-populations-2011.csv: populations of 1 ward of Dacorum wards, 2007" in out
    assert "24 wards have no population" in out


def test_the_command_refuses_a_bad_file_naming_its_row_and_column(wards, tmp_path):
    path = tmp_path / "p.csv"
    path.write_bytes(populations_file([GOOD, ["Grove Hil", "7000", "2011", CENSUS]]))
    before = every_table_but_the_import_log()
    with pytest.raises(CommandError, match="p.csv, row 3, column “ward”: .*Did you mean"):
        call_command("importwardpopulations", str(path))
    assert every_table_but_the_import_log() == before


def test_the_command_says_so_when_the_file_cannot_be_read(wards, tmp_path):
    with pytest.raises(CommandError, match="No such file"):
        call_command("importwardpopulations", str(tmp_path / "missing.csv"))
