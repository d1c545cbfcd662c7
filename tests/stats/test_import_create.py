"""Administrators upload a file of ward figures; it is imported and its page shows how."""

import threading

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from stats import services
from stats.models import POLICE_UK_SOURCE, WardCrimeCount, WardImport

from .factories import street_file, street_row

URL = "/ward-imports/new/"


@pytest.fixture(autouse=True)
def in_the_request(settings):
    settings.STATS_IMPORT_IN_BACKGROUND = False


def upload(client, data, *, name="2012-04-hertfordshire-street.csv", kind="street", source=""):
    return client.post(
        URL, {"kind": kind, "file": SimpleUploadedFile(name, data), "source": source}
    )


def test_only_administrators_may_import(client, councillor, wards):
    assert client.get(URL).status_code == 302
    client.force_login(councillor)
    assert client.get(URL).status_code == 403
    assert client.get("/ward-imports/").status_code == 403


def test_an_uploaded_police_uk_file_is_imported(administrator_client, administrator, lookup):
    response = upload(administrator_client, street_file([street_row()] * 3))

    ward_import = WardImport.objects.get()
    assert response.status_code == 302
    assert response.url == ward_import.get_absolute_url()
    assert ward_import.status == WardImport.Status.DONE
    assert ward_import.created_by == administrator
    assert ward_import.source == POLICE_UK_SOURCE
    assert WardCrimeCount.objects.get().count == 3


def test_a_bad_file_is_refused_with_its_row_and_column(administrator_client, lookup):
    response = upload(administrator_client, street_file([street_row(month="2012/04")]))
    page = administrator_client.get(response.url).content.decode()
    assert "nothing was changed" in page
    assert "row 2, column “Month”" in page
    assert not WardCrimeCount.objects.exists()


def test_a_counts_file_needs_its_source(administrator_client, wards):
    response = upload(administrator_client, b"ward,month,crime_type,count\n", kind="counts")
    assert response.status_code == 200
    assert "Say where the counts come from" in response.content.decode()


def test_only_csv_files_are_accepted(administrator_client, wards):
    response = upload(administrator_client, b"x", name="figures.xlsx")
    assert "figures.xlsx is not a CSV file" in response.content.decode()
    assert not WardImport.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_in_a_running_site_the_import_runs_in_the_background(settings):
    from tests.stats.factories import CRIME_TYPES_FIXTURE, WARDS_FIXTURE

    from .factories import lookup_file

    settings.STATS_IMPORT_IN_BACKGROUND = True
    services.fixture_load_missing(path=WARDS_FIXTURE)
    services.fixture_load_missing(path=CRIME_TYPES_FIXTURE)
    from stats.models import WardSet

    ward_set = WardSet.objects.get()
    services.ward_lookup_import(
        ward_set=ward_set, data=lookup_file(ward_set), file_name="l.csv", source="test"
    )
    ward_import = services.ward_import_create(
        ward_set=ward_set,
        kind="street",
        file_name="a.csv",
        data=street_file([street_row()]),
        source="test",
    )
    services.ward_import_start(ward_import=ward_import)
    # The thread (named by the import) is waited for without reading the database meanwhile:
    # the tests' SQLite is in memory, where a read during the thread's write fails it
    # ("database table is locked") rather than waiting.
    name = f"ward-import-{ward_import.pk}"
    for _ in range(100):
        running = [thread for thread in threading.enumerate() if thread.name == name]
        if not running:
            break
        running[0].join(timeout=0.1)
    ward_import.refresh_from_db()
    assert ward_import.status == WardImport.Status.DONE
