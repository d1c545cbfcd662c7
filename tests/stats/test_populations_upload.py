"""Administrators upload ward populations from the browser: stored whole, or refused at the
file, row and column with nothing changed."""

import html

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from audit.models import AuditEntry
from stats.models import Ward

from .factories import csv_bytes
from .unchanged import every_table_but_the_import_log

URL = "/ward-imports/populations/"
HEADER = ("ward", "population", "year", "source")
CENSUS = "ONS, 2011 Census"


def upload(client, data: bytes, name="ward-populations.csv"):
    return client.post(URL, {"file": SimpleUploadedFile(name, data)})


def page_text(response) -> str:
    return html.unescape(response.content.decode())


def test_only_administrators_may_upload_populations(client, councillor, wards):
    assert client.get(URL).status_code == 302
    client.force_login(councillor)
    assert client.get(URL).status_code == 403
    assert (
        upload(client, csv_bytes(HEADER, [["Boxmoor", "8123", "2011", CENSUS]])).status_code == 403
    )
    assert not Ward.objects.filter(population__isnull=False).exists()


def test_the_page_says_what_the_file_holds(administrator_client, wards):
    response = administrator_client.get(URL)
    assert response.context["nav_section"] == "wards"  # under "Ward figures" in the header
    text = page_text(response)
    assert '<h1 class="govuk-heading-l">Import ward populations</h1>' in text
    assert "ward,population,year,source" in text


def test_an_uploaded_file_is_stored_and_the_import_page_says_what_it_did(
    administrator_client, administrator, wards
):
    data = csv_bytes(
        HEADER, [["Boxmoor", "8123", "2011", CENSUS], ["grove hill", "7000", "2011", CENSUS]]
    )
    response = upload(administrator_client, data)

    assert response.status_code == 302
    assert response.url == "/ward-imports/"
    assert Ward.objects.get(slug="boxmoor").population == 8123
    assert Ward.objects.get(slug="grovehill").population == 7000
    assert AuditEntry.objects.filter(content_type__model="ward", user=administrator).count() == 2
    text = page_text(administrator_client.get(response.url))
    assert "ward-populations.csv: populations of 2 wards of Dacorum wards, 2007 (2 changed" in text
    assert "2 of 25 wards have a population" in text


@pytest.mark.parametrize(
    ("rows", "where"),
    [
        ([["Grove Hil", "7000", "2011", CENSUS]], "row 3, column “ward”"),
        ([["Grovehill", "seven thousand", "2011", CENSUS]], "row 3, column “population”"),
        ([["Grovehill", "7000", "201", CENSUS]], "row 3, column “year”"),
        ([["Grovehill", "7000", "2011", ""]], "row 3, column “source”"),
    ],
)
def test_a_bad_file_is_refused_naming_file_row_and_column_and_changes_nothing(
    administrator_client, wards, rows, where
):
    before = every_table_but_the_import_log()
    data = csv_bytes(HEADER, [["Boxmoor", "8123", "2011", CENSUS], *rows])
    response = upload(administrator_client, data, name="bad.csv")

    assert response.status_code == 200
    text = page_text(response)
    assert "There is a problem" in text
    assert f"bad.csv, {where}:" in text
    assert "Nothing was changed." in text
    assert every_table_but_the_import_log() == before


def test_a_near_miss_gets_a_suggestion_on_the_page(administrator_client, wards):
    response = upload(administrator_client, csv_bytes(HEADER, [["Grove Hil", "7000", "2011", "x"]]))
    assert "Did you mean “Grovehill”?" in page_text(response)


def test_only_csv_files_are_accepted(administrator_client, wards):
    response = upload(administrator_client, b"x", name="populations.xlsx")
    assert "populations.xlsx is not a CSV file" in page_text(response)


def test_the_ward_import_pages_link_to_it(administrator_client, wards):
    for page in ("/ward-imports/", "/ward-imports/new/"):
        assert f'href="{URL}"' in administrator_client.get(page).content.decode(), page
