"""Administrators upload ONS's LSOA-to-ward lookup from the browser, with the checks and
messages of `importwardlookup`: stored whole, or refused with nothing changed."""

import html

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from audit.models import AuditEntry
from stats.models import LsoaWard, WardLookup

from .factories import LSOAS, csv_bytes, lookup_file
from .unchanged import every_table_but_the_import_log

URL = "/ward-imports/lookup/"
COLUMNS = ("LSOA11CD", "LSOA11NM", "WD18CD", "WD18NM", "LAD18CD", "LAD18NM")


def upload(client, data: bytes, *, name="lsoa-to-ward.csv", source="ONS Open Geography Portal"):
    return client.post(URL, {"file": SimpleUploadedFile(name, data), "source": source})


def page_text(response) -> str:
    return html.unescape(response.content.decode())


def test_only_administrators_may_upload_a_lookup(client, councillor, wards):
    assert client.get(URL).status_code == 302
    client.force_login(councillor)
    assert client.get(URL).status_code == 403
    assert upload(client, lookup_file(wards)).status_code == 403
    assert not WardLookup.objects.exists()


def test_the_form_offers_the_ons_as_the_source(administrator_client, wards):
    text = page_text(administrator_client.get(URL))
    assert "Office for National Statistics, Open Geography Portal" in text


def test_an_uploaded_lookup_is_stored_and_audited(administrator_client, administrator, wards):
    response = upload(administrator_client, lookup_file(wards, other_district_rows=2))

    assert response.status_code == 302
    assert response.url == "/ward-imports/"
    lookup = WardLookup.objects.get()
    assert (lookup.file_name, lookup.source) == ("lsoa-to-ward.csv", "ONS Open Geography Portal")
    assert dict(LsoaWard.objects.values_list("lsoa_code", "ward__slug")) == LSOAS
    entry = AuditEntry.objects.get(content_type__model="wardlookup")
    assert entry.user == administrator
    text = page_text(administrator_client.get(response.url))
    assert "lsoa-to-ward.csv: 4 LSOA11 LSOAs placed in Dacorum wards, 2007's wards; 2 rows" in text


def test_a_source_is_needed(administrator_client, wards):
    response = upload(administrator_client, lookup_file(wards), source="  ")
    assert "Say where the lookup comes from" in page_text(response)
    assert not WardLookup.objects.exists()


@pytest.mark.parametrize(
    ("row", "where", "message"),
    [
        (
            ["E01900031", "X", "E05004701", "Grovehill", "E07000096", "Dacorum"],
            "row 3, column “WD18CD”",
            "the row contradicts itself: the ward code “E05004701” is Boxmoor (E05004701), "
            "but the ward name “Grovehill” in column “WD18NM” is Grovehill",
        ),
        (
            ["E01900031", "X", "", "Grove Hil", "E07000096", "Dacorum"],
            "row 3, column “WD18NM”",
            "Did you mean “Grovehill”?",
        ),
        (
            ["Dacorum 001A", "X", "E05004701", "Boxmoor", "E07000096", "Dacorum"],
            "row 3, column “LSOA11CD”",
            "is not an LSOA code",
        ),
    ],
)
def test_a_bad_lookup_is_refused_naming_file_row_and_column_and_changes_nothing(
    administrator_client, lookup, row, where, message
):
    before = every_table_but_the_import_log()
    good = ["E01900021", "X", "E05004701", "Boxmoor", "E07000096", "Dacorum"]
    response = upload(administrator_client, csv_bytes(COLUMNS, [good, row]), name="bad.csv")

    assert response.status_code == 200
    text = page_text(response)
    assert f"bad.csv, {where}:" in text
    assert message in text
    assert every_table_but_the_import_log() == before


def test_a_file_that_is_not_a_lookup_is_refused_at_its_header(administrator_client, wards):
    response = upload(administrator_client, b"ward,population,year,source\n", name="p.csv")
    assert "p.csv, row 1: this is not an ONS LSOA-to-ward lookup" in page_text(response)
    assert not WardLookup.objects.exists()


def test_the_ward_import_pages_link_to_it(administrator_client, wards):
    for page in ("/ward-imports/", "/ward-imports/new/"):
        assert f'href="{URL}"' in administrator_client.get(page).content.decode(), page
