"""The ward pages in a real browser: accessible at desktop and phone widths, charts with
their names and figures, and an import's progress page that refreshes itself without
JavaScript. The figures are the generated sample (stats/sample.py), not real ones."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.contrib.auth.models import Permission, User
from django.core.management import call_command
from django.test import Client
from playwright.sync_api import expect

from stats.models import CrimeType, WardImport

from .support import DESKTOP, PHONE, visit

pytestmark = pytest.mark.browser

VIEWPORTS = {"1280px": DESKTOP, "375px": PHONE}
WARD = "/wards/dacorum-2007/boxmoor/"

WIDEST_ELEMENTS = """() => {
  const limit = document.documentElement.clientWidth;
  return [...document.querySelectorAll("body *")]
    .filter((el) => el.getBoundingClientRect().right > limit + 0.5)
    .slice(0, 5)
    .map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].join(".")}`);
}"""


@pytest.fixture
def ward_sample(report_live):
    """The 2011/12 report, Dacorum's wards, police.uk's crime types and the generated sample."""
    call_command(
        "loadstatsfixture",
        "fixtures/dacorum-wards-2007.json",
        "fixtures/police-uk-crime-types.json",
        verbosity=0,
    )
    call_command("loadwardsample", "--borough-only", verbosity=0)
    return WardImport.objects.get(is_sample=True)


@pytest.fixture
def signed_in(new_page, live_server, transactional_db):
    """`signed_in(viewport=..., java_script_enabled=...)`: a page of an administrator, who
    may see ward figures and import them."""
    user = User.objects.create_user(username="ward-admin", password="not-used-here")
    user.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_ward", "add_wardimport"])
    )
    client = Client()
    client.force_login(user)
    session = client.cookies["sessionid"].value

    def make(**options):
        page = new_page(**options)
        page.context.add_cookies([{"name": "sessionid", "value": session, "url": live_server.url}])
        return page

    return make


def ward_pages(ward_import):
    drugs, robbery = (CrimeType.objects.get(name=name).pk for name in ("Drugs", "Robbery"))
    return [
        "/wards/",
        f"/wards/?crime_type={drugs}&crime_type={robbery}&start=2012-01&end=2012-06&q=Tring"
        "&sort=-total",
        WARD,
        "/years/2011-12/priorities/1/",
        "/ward-imports/",
        "/ward-imports/new/",
        "/ward-imports/lookup/",
        "/ward-imports/populations/",
        "/ward-imports/district-populations/",
        ward_import.get_absolute_url(),
    ]


@pytest.mark.parametrize("width", VIEWPORTS)
def test_the_ward_pages_have_no_axe_violations(signed_in, ward_sample, width):
    page = signed_in(viewport=VIEWPORTS[width])
    axe = Axe()
    failures = []
    for path in ward_pages(ward_sample):
        visit(page, path)
        results = axe.run(page)
        if results.violations_count:
            failures.append(f"{path} at {width}:\n{results.generate_report()}")
    assert not failures, "\n\n".join(failures)


def test_no_ward_page_scrolls_sideways_on_a_phone(signed_in, ward_sample):
    page = signed_in(viewport=PHONE)
    overflowing = []
    for path in ward_pages(ward_sample):
        visit(page, path)
        if page.evaluate("document.documentElement.scrollWidth") > PHONE["width"]:
            overflowing.append(f"{path}: {', '.join(page.evaluate(WIDEST_ELEMENTS))}")
    assert not overflowing, "\n".join(overflowing)


def test_a_chart_has_an_accessible_name_and_its_figures_in_a_table(signed_in, ward_sample):
    page = signed_in()
    visit(page, WARD)
    chart = page.get_by_role("img", name="Burglary in Boxmoor, month by month")
    expect(chart).to_be_visible()
    figures = page.get_by_role("table", name="Burglary in Boxmoor, month by month")
    expect(figures).to_be_hidden()
    page.locator("#burglary").locator("..").get_by_text("Figures in this chart").click()
    expect(figures).to_be_visible()
    expect(figures.get_by_role("row")).to_have_count(1 + 12)
    expect(figures.get_by_role("columnheader", name="Month a year earlier")).to_be_visible()


def test_the_sample_is_labelled_on_every_page_that_shows_it(signed_in, ward_sample):
    page = signed_in()
    for path in ["/wards/", WARD]:
        visit(page, path)
        expect(page.get_by_role("region", name="Sample data")).to_be_visible()
    visit(page, "/years/2011-12/priorities/1/")
    expect(
        page.get_by_text("Generated sample — not real figures. The ward figures")
    ).to_be_visible()


def test_without_javascript_the_table_sorts_and_an_import_page_follows_its_progress(
    signed_in, ward_sample
):
    page = signed_in(java_script_enabled=False)
    visit(page, "/wards/")
    page.get_by_role("link", name="All crime types (sort)").click()
    page.get_by_role("link", name="All crime types (sort)").click()
    totals = page.locator("main table tbody tr td:nth-last-child(2)").all_inner_texts()
    numbers = [int(t.replace(",", "")) for t in totals]
    assert numbers == sorted(numbers, reverse=True)

    WardImport.objects.filter(pk=ward_sample.pk).update(
        status=WardImport.Status.RUNNING, rows_done=ward_sample.rows_total // 2
    )
    visit(page, ward_sample.get_absolute_url())
    expect(
        page.get_by_label("Importing: 49% read").or_(page.get_by_label("Importing: 50% read"))
    ).to_be_visible()
    WardImport.objects.filter(pk=ward_sample.pk).update(status=WardImport.Status.DONE)
    expect(page.get_by_role("heading", name="Imported")).to_be_visible(timeout=6000)


@pytest.mark.parametrize("path", ["/wards/", WARD])
def test_each_ward_table_downloads_as_csv_and_as_a_spreadsheet(signed_in, ward_sample, path):
    import csv
    import io
    import re
    from pathlib import Path

    from openpyxl import load_workbook

    page = signed_in()
    visit(page, path)
    shown = page.locator("main table.app-table tbody tr").count()
    with page.expect_download() as info:
        page.get_by_role("link", name=re.compile("^CSV")).first.click()
    csv_name = info.value.suggested_filename
    rows = list(csv.reader(io.StringIO(Path(info.value.path()).read_text(encoding="utf-8-sig"))))
    assert csv_name.endswith(".csv")
    assert rows[0][0] in ("Ward", "Crime type")
    assert len(rows) - 1 >= shown > 0  # the page's rows, and the total row where there is one
    with page.expect_download() as info:
        page.get_by_role("link", name="spreadsheet (XLSX)").first.click()
    assert info.value.suggested_filename == csv_name.replace(".csv", ".xlsx")
    sheet = load_workbook(io.BytesIO(Path(info.value.path()).read_bytes())).active
    assert sheet.max_row == len(rows)
