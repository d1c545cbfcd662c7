"""Councillors can download every ward table, as CSV or XLSX, with where its figures come from."""

import csv
import io

import pytest
from openpyxl import load_workbook

from stats.models import CrimeType

from .factories import TWO_YEARS, figures_make


@pytest.fixture
def figures(wards):
    return figures_make(wards, period=TWO_YEARS)


def rows(response):
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_the_ward_table_downloads_with_its_total_row_and_source(councillor_client, figures):
    response = councillor_client.get(
        "/wards/", {"start": "2012-04", "end": "2013-03", "_export": "csv"}
    )
    assert (
        'filename="dacorum-2007-wards-2012-04-to-2013-03.csv"' in (response["Content-Disposition"])
    )
    table = rows(response)
    assert table[0][0] == "Ward"
    assert table[0][-1] == "Source"
    assert len(table) == 1 + 25 + 1
    assert table[-1][0] == "Dacorum, all wards"
    assert table[0][-3:-1] == ["All crime types", "All crime types per 1,000 residents"]
    assert table[-1][-3] == str(sum(int(row[-3]) for row in table[1:-1]))
    assert {row[-2] for row in table[1:]} == {""}  # no population: no rate
    assert all(row[-1].startswith("Generated sample — not real figures.") for row in table[1:])


def test_it_keeps_the_pages_filters(councillor_client, figures):
    drugs = CrimeType.objects.get(name="Drugs")
    table = rows(
        councillor_client.get("/wards/", {"crime_type": drugs.pk, "q": "Tring", "_export": "csv"})
    )
    assert table[0][:4] == ["Ward", "ONS code", "Drugs", "All crime types"]
    assert [row[0] for row in table[1:-1]] == [
        "Tring Central",
        "Tring East",
        "Tring West and Rural",
    ]


def test_the_ward_table_downloads_as_a_spreadsheet_with_numbers(councillor_client, figures):
    response = councillor_client.get("/wards/", {"_export": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = list(sheet.iter_rows(values_only=True))
    assert values[0][0] == "Ward"
    assert isinstance(values[1][2], int)
    assert values[-1][0] == "Dacorum, all wards"


def test_a_wards_tables_download(councillor_client, figures):
    figures_table = rows(councillor_client.get("/wards/dacorum-2007/boxmoor/?_export=csv"))
    assert figures_table[0][:4] == ["Crime type", "This period", "A year earlier", "Change"]
    assert figures_table[0][-1] == "Source"
    assert len(figures_table) == 1 + CrimeType.objects.count()

    months = rows(councillor_client.get("/wards/dacorum-2007/boxmoor/months/"))
    assert months[0] == ["Month", "Crime type", "Count", "Source"]
    assert months[1][:2] == ["2011-04", "Anti-social behaviour"]
    assert len(months) == 1 + 24 * CrimeType.objects.count()


def test_downloads_need_the_permission(client, someone, figures):
    assert client.get("/wards/?_export=csv").status_code == 302
    client.force_login(someone)
    assert client.get("/wards/?_export=csv").status_code == 403
    assert client.get("/wards/dacorum-2007/boxmoor/months/").status_code == 403
