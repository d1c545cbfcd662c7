"""Every table page downloads as CSV and XLSX: exactly the rows its filters show."""

import datetime
import io

import pytest
from django.utils import timezone
from openpyxl import load_workbook
from tablib import Dataset

from actions.models import Action
from core.exports import xlsx_file
from tests.downloads import csv_rows, download, xlsx_rows
from tests.factories import report_multiply


@pytest.mark.parametrize("export_format", ["csv", "xlsx"])
def test_a_filtered_priority_table_downloads_its_rows_with_status(client, cast, export_format):
    url = "/years/2011-12/priorities/3/"
    response = download(client, url, {"q": "druglink", "sort": "-position"}, export_format)
    assert response["Content-Disposition"] == (
        f'attachment; filename="2011-12-priority-3-alcohol-misuse.{export_format}"'
    )
    rows = (csv_rows if export_format == "csv" else xlsx_rows)(response)
    assert rows[0] == [
        "No.",
        "Action",
        "Lead agency",
        "Target",
        "Timescale",
        "Update",
        "Progress status",
        "Update date",
    ]
    assert [row[0] for row in rows[1:]] == ["6", "5", "4", "3", "2"]
    sixth = Action.objects.get(priority__number=3, position=6)
    assert rows[1][1:6] == [
        sixth.action,
        sixth.lead_text,
        sixth.target,
        sixth.timescale,
        sixth.update,
    ]


@pytest.mark.usefixtures("partners_publish_directly")
def test_the_status_and_update_date_are_columns_of_their_own(client, cast):
    client.force_login(cast.partner)
    row = Action.objects.get(priority__number=1, position=2)
    client.post(
        f"/actions/{row.pk}/edit/", {"version": 1, "update": "Done", "progress_status": "complete"}
    )
    rows = csv_rows(download(client, "/years/2011-12/priorities/1/", {}, "csv"))
    assert "Edit" not in rows[0]
    assert rows[2][5:7] == ["Done", "Complete"]
    assert rows[2][7].startswith("20")
    assert rows[1][6:8] == ["", ""]  # no status recorded, as published


def test_a_download_holds_every_matching_row_not_only_the_page_shown(client, cast):
    report_multiply(cast.report, factor=10)
    url = "/years/2011-12/priorities/1/"
    assert len(client.get(url).context["table"].page.object_list) == 50
    rows = csv_rows(download(client, url, {"page": 2}, "csv"))
    assert len(rows) - 1 == Action.objects.filter(priority__number=1).count() == 60


@pytest.mark.parametrize(
    ("url", "params", "filename", "first_row"),
    [
        (
            "/agencies/",
            {"q": "fire"},
            "lead-agencies",
            ["HFRS", "Hertfordshire Fire and Rescue Service", "", "Herts Fire & Rescue", "8"],
        ),
        ("/agencies/herts-police/", {"q": "Halloween"}, "herts-police-actions-all-years", None),
        (
            "/linked-work/1/",
            {},
            "linked-work-instigate-joint-agency-activity-over-halloween-period",
            None,
        ),
    ],
)
def test_each_table_page_names_its_file_after_the_page(
    client, cast, url, params, filename, first_row
):
    response = download(client, url, params, "csv")
    assert response["Content-Disposition"] == f'attachment; filename="{filename}.csv"'
    rows = csv_rows(response)
    if first_row:
        assert rows[1] == first_row
    else:
        assert len(rows) == 4  # the heading, and the Halloween rows under priorities 1, 3, 6


def test_the_agency_file_is_named_after_the_chosen_year(client, cast):
    response = download(client, "/agencies/dbc/", {"year": cast.report.pk}, "xlsx")
    assert response["Content-Disposition"] == 'attachment; filename="dbc-actions-2011-12.xlsx"'
    assert len(xlsx_rows(response)) == 1 + 14


def test_the_audit_trail_downloads_for_coordinators_only(client, cast):
    client.force_login(cast.partner)
    assert client.get("/audit/", {"_export": "csv"}).status_code == 403
    client.force_login(cast.coordinator)
    row = Action.objects.get(priority__number=1, position=2)
    client.post(f"/actions/{row.pk}/move/up/")
    rows = csv_rows(download(client, "/audit/", {}, "csv"))
    assert rows[0] == ["When", "Who", "Change", "Record", "What", "Fields"]
    assert rows[1][1] == "coordinator"
    assert rows[1][5] == '{"position": [2, 1]}'


def test_every_table_page_links_to_its_downloads(client, cast):
    for url in (
        "/years/2011-12/priorities/1/?q=x",
        "/agencies/",
        "/agencies/dbc/",
        "/linked-work/1/",
    ):
        html = client.get(url).content.decode()
        assert "_export=csv" in html, url
        assert "_export=xlsx" in html, url
    html = client.get("/years/2011-12/priorities/1/?q=x&page=1").content.decode()
    assert 'href="?q=x&amp;_export=csv"' in html


def test_xlsx_writes_dates_and_times_as_real_dates_in_the_sites_time_zone(settings):
    settings.TIME_ZONE = "Europe/London"
    aware = datetime.datetime(2012, 7, 1, 12, 30, tzinfo=datetime.UTC)  # 13:30 in London
    dataset = Dataset(
        ("Summer", aware, datetime.date(2012, 3, 31)),
        ("Never", "", None),
        headers=["Name", "When", "Day"],
        title="Dates",
    )
    sheet = load_workbook(io.BytesIO(xlsx_file(dataset))).active
    when, day = sheet["B2"], sheet["C2"]
    assert when.is_date
    assert when.value == datetime.datetime(2012, 7, 1, 13, 30)
    assert when.number_format == "yyyy-mm-dd hh:mm"
    assert day.is_date
    assert day.value == datetime.datetime(2012, 3, 31)
    assert day.number_format == "yyyy-mm-dd"
    assert not sheet["B3"].is_date
    assert not sheet["A2"].is_date
    assert sheet["A2"].data_type == "s"


@pytest.mark.usefixtures("partners_publish_directly")
def test_an_updates_date_downloads_as_a_real_date_in_xlsx_and_as_iso_text_in_csv(client, cast):
    client.force_login(cast.partner)
    row = Action.objects.get(priority__number=1, position=2)
    client.post(f"/actions/{row.pk}/edit/", {"version": 1, "update": "Done"})
    row.refresh_from_db()
    expected = timezone.localtime(row.update_changed_at).replace(
        tzinfo=None, second=0, microsecond=0
    )
    url = "/years/2011-12/priorities/1/"

    sheet = load_workbook(io.BytesIO(download(client, url, {}, "xlsx").content)).active
    assert sheet["H1"].value == "Update date"
    cell = sheet["H3"]
    assert isinstance(cell.value, datetime.datetime)
    assert cell.is_date
    assert cell.number_format == "yyyy-mm-dd hh:mm"
    assert cell.value.replace(second=0, microsecond=0) == expected
    assert sheet["H2"].value in (None, "")  # as published: no date

    rows = csv_rows(download(client, url, {}, "csv"))
    assert rows[2][7] == expected.strftime("%Y-%m-%d %H:%M")


def test_the_audit_trails_times_download_as_real_dates(client, cast):
    client.force_login(cast.coordinator)
    row = Action.objects.get(priority__number=1, position=2)
    client.post(f"/actions/{row.pk}/move/up/")
    sheet = load_workbook(io.BytesIO(download(client, "/audit/", {}, "xlsx").content)).active
    assert sheet["A1"].value == "When"
    assert sheet["A2"].is_date
    assert isinstance(sheet["A2"].value, datetime.datetime)
