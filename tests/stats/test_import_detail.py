"""An import's page: a progress bar that refreshes itself without JavaScript, then the outcome."""

from stats import services
from stats.models import WardImport

from .factories import street_file, street_row


def make(wards, **fields):
    ward_import = services.ward_import_create(
        ward_set=wards,
        kind="street",
        file_name="a.csv",
        data=street_file([street_row()] * 9),
        source="test",
    )
    WardImport.objects.filter(pk=ward_import.pk).update(**fields)
    return ward_import


def test_while_it_runs_the_page_shows_progress_and_reloads_itself(administrator_client, wards):
    ward_import = make(wards, status=WardImport.Status.RUNNING, rows_done=5)
    html = administrator_client.get(ward_import.get_absolute_url()).content.decode()
    assert '<meta http-equiv="refresh" content="2">' in html
    assert '<progress id="import-progress" class="app-progress" max="100" value="50">' in html
    assert "5 of 10 lines read" in html


def test_when_it_is_done_the_page_stops_reloading_and_says_what_it_did(
    administrator_client, wards, lookup
):
    ward_import = make(wards)
    services.ward_import_run(ward_import_id=ward_import.pk)
    html = administrator_client.get(ward_import.get_absolute_url()).content.decode()
    assert "http-equiv" not in html
    assert "<progress" not in html
    assert "9 rows placed in wards" in html


def test_a_councillor_cannot_see_imports(client, councillor, wards):
    ward_import = make(wards)
    client.force_login(councillor)
    assert client.get(ward_import.get_absolute_url()).status_code == 403


def test_the_page_lists_the_boroughs_lsoas_missing_from_the_lookup_apart(
    administrator_client, wards, lookup
):
    ward_import = services.ward_import_create(
        ward_set=wards,
        kind="street",
        file_name="a.csv",
        data=street_file(
            [
                street_row(lsoa="E01023456", lsoa_name="Dacorum 012B"),
                street_row(lsoa="E01999001", lsoa_name="St Albans 001A"),
                street_row(lsoa="E01023456", lsoa_name="Dacorum 012B"),
            ]
        ),
        source="test",
    )
    services.ward_import_run(ward_import_id=ward_import.pk)
    html = administrator_client.get(ward_import.get_absolute_url()).content.decode()
    assert "LSOAs of Dacorum missing from the lookup" in html
    assert "<li>E01023456 “Dacorum 012B”: 2 rows (first on rows 2, 4)</li>" in html
    assert "2 in the borough but missing from the lookup, 1 outside the borough" in html
    assert "E01999001" not in html


def test_a_file_without_such_lsoas_lists_none(administrator_client, wards, lookup):
    ward_import = make(wards)
    services.ward_import_run(ward_import_id=ward_import.pk)
    html = administrator_client.get(ward_import.get_absolute_url()).content.decode()
    assert "missing from the lookup" not in html
