"""District populations (`district_code,district,population,year,source`): matched by code
or name, new districts added, every fault refused at its file, row and column with nothing
changed; imported by a command and on a page for administrators."""

import html

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

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
SAMPLE_TAG = (
    '<strong class="govuk-tag govuk-tag--yellow">Generated sample — not real figures</strong>'
)
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


# --- The page ---------------------------------------------------------------------------


def upload(client, data: bytes, name="district-populations.csv"):
    return client.post(URL, {"file": SimpleUploadedFile(name, data)})


def page_text(response) -> str:
    return html.unescape(response.content.decode())


def test_only_administrators_may_upload_district_populations(client, councillor, three):
    assert client.get(URL).status_code == 302
    client.force_login(councillor)
    assert client.get(URL).status_code == 403
    assert upload(client, populations_file([GOOD])).status_code == 403
    assert not District.objects.filter(population__isnull=False).exists()


def test_the_page_says_what_the_file_holds_and_lists_the_districts(administrator_client, three):
    District.objects.filter(slug="dacorum").update(
        population=144847, population_year=2011, population_source=MYE
    )
    District.objects.filter(slug="watford").update(
        population=90000, population_year=2011, population_source=GENERATED_SAMPLE_SOURCE
    )
    response = administrator_client.get(URL)

    assert response.status_code == 200
    assert response.context["nav_section"] == "wards"
    text = page_text(response)
    assert '<h1 class="govuk-heading-l">Import district populations</h1>' in text
    assert "district_code,district,population,year,source" in text.replace("<wbr>", "")
    rows = [[str(value) for _, value in row.items()] for row in response.context["table"].rows]
    assert rows == [
        ["Dacorum", "E07000096", "144,847", "2011", MYE],
        ["St Albans", "E07000100", "—", "—", "—"],
        ["Watford", "—", "90,000", "2011", SAMPLE_TAG],
    ]
    assert SAMPLE_TAG in text


def test_an_uploaded_file_is_stored_and_the_page_says_what_it_did(
    administrator_client, administrator, three
):
    response = upload(administrator_client, populations_file([GOOD]))

    assert response.status_code == 302
    assert response.url == URL
    assert population_of("dacorum") == ("E07000096", 144847, 2011, MYE)
    assert AuditEntry.objects.get(content_type__model="district").user == administrator
    text = page_text(administrator_client.get(response.url))
    assert "district-populations.csv: populations of 1 district (1 changed" in text
    assert "144,847" in text


@pytest.mark.parametrize(
    ("rows", "where"),
    [
        ([["E07000098", "", "101000", "2011", MYE]], "row 3, column “district_code”"),
        ([["", "Watford", "ninety thousand", "2011", MYE]], "row 3, column “population”"),
        ([["", "Watford", "90301", "201", MYE]], "row 3, column “year”"),
        ([["", "Watford", "90301", "2011", ""]], "row 3, column “source”"),
        ([["", "dacorum", "90301", "2011", MYE]], "row 3, column “district”"),
    ],
)
def test_a_bad_upload_is_refused_naming_file_row_and_column_and_changes_nothing(
    administrator_client, three, rows, where
):
    before = every_table_but_the_import_log()
    response = upload(administrator_client, populations_file([GOOD, *rows]), name="bad.csv")

    assert response.status_code == 200
    text = page_text(response)
    assert "There is a problem" in text
    assert f"bad.csv, {where}:" in text
    assert "Nothing was changed." in text
    assert every_table_but_the_import_log() == before


def test_only_csv_files_are_accepted(administrator_client, three):
    response = upload(administrator_client, b"x", name="populations.xlsx")
    assert "populations.xlsx is not a CSV file" in page_text(response)


def test_the_page_asks_the_same_queries_however_many_districts(administrator_client, three):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert administrator_client.get(URL).status_code == 200
        return len(captured)

    few = queries()
    for n in range(20):
        District.objects.create(
            name=f"District {n}",
            slug=f"district-{n}",
            population=50000,
            population_year=2011,
            population_source=MYE,
        )
    assert queries() == few


def test_the_ward_import_page_and_manage_link_to_it(administrator_client, three):
    for page in ("/ward-imports/", "/manage/"):
        assert f'href="{URL}"' in administrator_client.get(page).content.decode(), page
