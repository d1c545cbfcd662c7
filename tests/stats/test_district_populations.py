"""District populations (`district_code,district,population,year,source`): matched by code
or name, new districts added, every fault refused at its file, row and column with nothing
changed; imported by a command and on a page for administrators."""

import pytest
from django.core.management import CommandError, call_command

from audit.models import AuditEntry
from stats.csvfiles import FileProblem
from stats.districtpopulations import (
    district_populations_import,
    district_populations_sample_remove,
)
from stats.models import GENERATED_SAMPLE_SOURCE, District

from .factories import csv_bytes
from .unchanged import every_table_but_the_import_log

HEADER = ("district_code", "district", "population", "year", "source")
MYE = "ONS, mid-2011 population estimates"
URL = "/ward-imports/district-populations/"


@pytest.fixture
def three(db):
    """Three districts as an import would leave them: two with codes, one without."""
    return {
        "dacorum": District.objects.create(name="Dacorum", slug="dacorum", code="E07000096"),
        "st-albans": District.objects.create(name="St Albans", slug="st-albans", code="E07000100"),
        "watford": District.objects.create(name="Watford", slug="watford"),
    }


def populations_file(rows, header=HEADER) -> bytes:
    return csv_bytes(header, rows)


def population_of(slug: str) -> tuple:
    return District.objects.filter(slug=slug).values_list(
        "code", "population", "population_year", "population_source"
    )[0]


def test_it_stores_each_districts_population_by_code_or_name(three):
    data = populations_file(
        [
            ["E07000096", "", "144847", "2011", MYE],
            ["", "st. albans", "140664", "2011", MYE],
            ["E07000103", "Watford", "90301", "2011", MYE],
        ]
    )
    imported = district_populations_import(data=data, file_name="d.csv")

    assert population_of("dacorum") == ("E07000096", 144847, 2011, MYE)
    assert population_of("st-albans") == ("E07000100", 140664, 2011, MYE)
    # A district met without a code takes the file's.
    assert population_of("watford") == ("E07000103", 90301, 2011, MYE)
    assert (imported.changed, imported.unchanged, imported.created) == (3, 0, 0)
    assert imported.summary == "d.csv: populations of 3 districts (3 changed, 0 as they were)."


def test_a_district_no_import_has_met_is_added_with_its_code(three, administrator):
    data = populations_file([["E07000095", "Broxbourne", "93609", "2011", MYE]])
    imported = district_populations_import(data=data, file_name="d.csv", user=administrator)

    broxbourne = District.objects.get(name="Broxbourne")
    assert (broxbourne.slug, broxbourne.code, broxbourne.population) == (
        "broxbourne",
        "E07000095",
        93609,
    )
    assert imported.created == 1
    assert "1 district no import had met was added" in imported.summary
    assert "3 districts have no population" in imported.summary
    notes = set(AuditEntry.objects.filter(object_id=str(broxbourne.pk)).values_list("kind", "note"))
    assert notes == {
        ("created", "District added on importing populations from d.csv"),
        ("changed", "Population imported from d.csv"),
    }


def test_each_change_is_audited_and_the_same_file_again_changes_nothing(three, administrator):
    data = populations_file([["", "Dacorum", "144847", "2011", MYE]])
    district_populations_import(data=data, file_name="d.csv", user=administrator)
    again = district_populations_import(data=data, file_name="d.csv", user=administrator)

    entry = AuditEntry.objects.get(content_type__model="district")
    assert entry.user == administrator
    assert entry.changes["population"] == [None, 144847]
    assert (again.changed, again.unchanged) == (0, 1)


def test_real_populations_replace_generated_ones_of_districts_left_out(three):
    District.objects.update(
        population=100000, population_year=2011, population_source=GENERATED_SAMPLE_SOURCE
    )
    District.objects.filter(slug="watford").update(population_source="ONS, 2001 Census")
    data = populations_file([["", "Dacorum", "144847", "2011", MYE]])
    imported = district_populations_import(data=data, file_name="d.csv")

    assert population_of("st-albans") == ("E07000100", None, None, "")
    assert population_of("watford")[1:] == (100000, 2011, "ONS, 2001 Census")
    assert imported.samples_cleared == 1
    assert "1 generated sample population of districts not in the file was removed" in (
        imported.summary
    )


def test_removing_the_sample_leaves_the_districts_and_published_figures(three):
    District.objects.update(
        population=100000, population_year=2011, population_source=GENERATED_SAMPLE_SOURCE
    )
    District.objects.filter(slug="watford").update(population_source=MYE)
    assert district_populations_sample_remove() == 2
    assert District.objects.count() == 3
    assert list(District.objects.filter(population__isnull=False).values_list("name")) == [
        ("Watford",)
    ]


# --- Every fault: refused at its file, row and column; nothing changed --------------------

GOOD = ["E07000096", "Dacorum", "144847", "2011", MYE]


@pytest.mark.parametrize(
    ("data", "where", "message"),
    [
        (
            populations_file([GOOD], header=("district_code", "district", "population", "year")),
            "d.csv, row 1",
            "the header has no “source” column",
        ),
        (
            populations_file([[*GOOD, "x"]], header=(*HEADER, "notes")),
            "d.csv, row 1",
            "the header has a column “notes” that a file of district populations",
        ),
        (
            populations_file([GOOD, ["E07000098", "", "101000", "2011", MYE]]),
            "d.csv, row 3, column “district_code”",
            "E07000098 is the code of no district seen in an import: give the district's name",
        ),
        (
            populations_file([GOOD, ["", "", "101000", "2011", MYE]]),
            "d.csv, row 3, column “district”",
            "the district is missing",
        ),
        (
            populations_file([GOOD, ["E0700010", "Watford", "90301", "2011", MYE]]),
            "d.csv, row 3, column “district_code”",
            "“E0700010” is not the ONS code of a district",
        ),
        (
            populations_file([GOOD, ["E07000096", "St Albans", "140664", "2011", MYE]]),
            "d.csv, row 3, column “district_code”",
            "E07000096 is the code of Dacorum, but the row names St Albans (E07000100)",
        ),
        (
            populations_file([["E07000240", "St Albans", "140664", "2011", MYE]]),
            "d.csv, row 2, column “district_code”",
            "St Albans has the ONS code E07000100, not E07000240",
        ),
        (
            populations_file([GOOD, ["", "DACORUM", "144000", "2011", MYE]]),
            "d.csv, row 3, column “district”",
            "Dacorum is already on row 2: a district has one population",
        ),
        (
            populations_file(
                [["", "Hertsmere", "100031", "2011", MYE], ["", "hertsmere", "1", "2011", MYE]]
            ),
            "d.csv, row 3, column “district”",
            "hertsmere is already on row 2",
        ),
        (
            populations_file(
                [
                    ["E07000098", "Hertsmere", "100031", "2011", MYE],
                    ["E07000098", "Hertsmere Borough", "100031", "2011", MYE],
                ]
            ),
            "d.csv, row 3, column “district_code”",
            "E07000098 is already on row 2",
        ),
        (
            populations_file([GOOD, ["", "Watford", "90,301", "2011", MYE]]),
            "d.csv, row 3, column “population”",
            "“90,301” is not a district's population: a whole number of residents from 1,000 "
            "to 2,000,000",
        ),
        (
            populations_file([GOOD, ["", "Watford", "", "2011", MYE]]),
            "d.csv, row 3, column “population”",
            "“” is not a district's population",
        ),
        (
            populations_file([GOOD, ["", "Watford", "900", "2011", MYE]]),
            "d.csv, row 3, column “population”",
            "“900” is not a district's population",
        ),
        (
            populations_file([GOOD, ["", "Watford", "90301", "11", MYE]]),
            "d.csv, row 3, column “year”",
            "“11” is not a year",
        ),
        (
            populations_file([GOOD, ["", "Watford", "90301", "2011-12", MYE]]),
            "d.csv, row 3, column “year”",
            "“2011-12” is not a year",
        ),
        (
            populations_file([GOOD, ["", "Watford", "90301", "2011", " "]]),
            "d.csv, row 3, column “source”",
            "the source is empty",
        ),
        (
            populations_file([GOOD, ["", "Watford", "90301", "2011"]]),
            "d.csv, row 3, column “source”",
            "this row has 4 fields but the header has 5",
        ),
        (
            populations_file([]),
            "d.csv",
            "the file has a header but no rows",
        ),
    ],
)
def test_every_fault_is_refused_naming_file_row_and_column_and_changes_nothing(
    three, data, where, message
):
    before = every_table_but_the_import_log()
    with pytest.raises(FileProblem) as refused:
        district_populations_import(data=data, file_name="folder/d.csv")

    assert str(refused.value).startswith(f"{where}: "), str(refused.value)
    assert message in str(refused.value)
    assert every_table_but_the_import_log() == before


# --- The command ------------------------------------------------------------------------


def test_the_command_imports_a_file_and_prints_a_summary(three, tmp_path, capsys):
    path = tmp_path / "district-populations.csv"
    path.write_bytes(populations_file([GOOD, ["E07000095", "Broxbourne", "93609", "2011", MYE]]))
    call_command("importdistrictpopulations", str(path))

    out = capsys.readouterr().out
    assert "district-populations.csv: populations of 2 districts (2 changed" in out
    assert "1 district no import had met was added" in out
    assert population_of("broxbourne") == ("E07000095", 93609, 2011, MYE)


def test_the_command_refuses_a_bad_file_naming_its_row_and_column(three, tmp_path):
    path = tmp_path / "d.csv"
    path.write_bytes(populations_file([["", "Watford", "lots", "2011", MYE]]))
    with pytest.raises(CommandError, match="d.csv, row 2, column “population”"):
        call_command("importdistrictpopulations", str(path))
    assert not District.objects.filter(population__isnull=False).exists()
