"""Every download link on the site, clicked in Chromium: the file that arrives is right."""

import csv
import io
import json
import re

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect
from pypdf import PdfReader

pytestmark = pytest.mark.browser


def click_download(page, link):
    with page.expect_download() as info:
        link.click()
    download = info.value
    return download.suggested_filename, open(download.path(), "rb").read()


def csv_rows(content: bytes):
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


TABLE_PAGES = [
    ("/years/2011-12/priorities/3/?q=druglink", "2011-12-priority-3-alcohol-misuse", 6),
    ("/agencies/", "lead-agencies", 21),
    ("/agencies/herts-police/", "herts-police-actions-all-years", 23),
    ("/linked-work/1/", "linked-work-instigate-joint-agency-activity-over-halloween-period", 4),
    ("/county/", "county-crime-table-dacorum-2012-03-26", 9),
    ("/categories/vehicle-crime/", "vehicle-crime-county-positions", 2),
]


@pytest.mark.parametrize(("path", "name", "lines"), TABLE_PAGES)
def test_each_table_downloads_as_csv_and_as_a_spreadsheet(page, report_live, path, name, lines):
    page.goto(path)
    shown = page.locator("main table.app-table tbody tr").count()
    filename, content = click_download(page, page.get_by_role("link", name=re.compile("^CSV")))
    assert filename == f"{name}.csv"
    rows = csv_rows(content)
    assert len(rows) == lines
    assert len(rows) - 1 == shown
    filename, content = click_download(page, page.get_by_role("link", name="spreadsheet (XLSX)"))
    assert filename == f"{name}.xlsx"
    sheet = load_workbook(io.BytesIO(content)).active
    assert [as_in_csv(cell.value) for cell in sheet[2]] == [as_in_csv(cell) for cell in rows[1]]


def as_in_csv(value) -> str:
    """A cell as the CSV and the spreadsheet both mean it: a number as a number (-11.0 in
    CSV is -11 in XLSX), and text without the ' that CSV puts before text a spreadsheet
    would take for a formula (XLSX has it as a text cell instead)."""
    if value is None:
        return ""
    if isinstance(value, int | float):
        return f"{float(value):g}"
    try:
        return f"{float(value):g}"
    except ValueError:
        return value[1:] if value.startswith("'") else value


def test_the_report_pdf_downloads_with_a_section_per_priority(page, report_live):
    page.goto("/years/2011-12/report/")
    filename, content = click_download(page, page.get_by_role("link", name="Download the PDF"))
    assert filename == "2011-12-report.pdf"
    outline = [item.title for item in PdfReader(io.BytesIO(content)).outline]
    assert outline == [f"PRIORITY {n}" for n in range(1, 7)] + ["Crime Stats"]


def test_a_coordinator_publishes_and_the_published_pdf_downloads(page, cast_live):
    from tests.conftest import PASSWORD

    page.goto("/accounts/login/")
    page.get_by_label("Username").fill("coordinator")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.goto("/years/2011-12/report/")
    page.get_by_role("button", name="Publish a snapshot of this report").click()
    expect(page.get_by_text("The report has been published")).to_be_visible()
    filename, content = click_download(
        page, page.get_by_role("link", name="Download the PDF as published")
    )
    assert re.fullmatch(r"2011-12-report-published-\d{4}-\d{2}-\d{2}-\d{4}\.pdf", filename)
    assert content.startswith(b"%PDF-")
    page.goto("/published/")
    filename_again, again = click_download(
        page, page.locator("main table").get_by_role("link", name=re.compile("^Download"))
    )
    assert (filename_again, again) == (filename, content)


@pytest.mark.parametrize("dataset", ["priorities", "actions", "agencies", "statistics"])
def test_each_open_data_file_arrives_with_its_rows(page, report_live, dataset):
    page.goto("/open-data/")
    csv_link = page.get_by_role("link", name=re.compile(rf"^CSV\s+of {dataset}$"))
    filename, content = click_download(page, csv_link)
    assert filename == f"{dataset}.csv"
    rows = csv_rows(content)
    json_link = page.get_by_role("link", name=re.compile(rf"^JSON\s+of {dataset}$"))
    data = json.loads(page.request.get(json_link.get_attribute("href")).body())
    assert len(rows) - 1 == len(data["rows"]) > 0
    assert data["licence"]["name"] in page.locator("main").inner_text()


def test_signed_in_tables_download_too(page, cast_live):
    """The audit trail, for coordinators (the ward tables: test_ward_pages.py)."""
    from tests.conftest import PASSWORD

    page.goto("/accounts/login/")
    page.get_by_label("Username").fill("coordinator")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.locator("button", has_text="Sign out")).to_have_count(1)
    page.goto("/audit/")
    filename, content = click_download(page, page.get_by_role("link", name=re.compile("^CSV")))
    assert re.fullmatch(r"audit-trail-\d{4}-\d{2}-\d{2}\.csv", filename)
    assert csv_rows(content)[0] == ["When", "Who", "Change", "Record", "What", "Fields"]
