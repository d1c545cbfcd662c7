"""A coordinator adds an indicator and enters a figure in a real browser; the indicator
pages (the priority page with its charts, the year overview, the report and the forms)
pass axe and fit a phone's screen."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from .support import DESKTOP, PHONE, axe_and_width_problems
from .test_editing import sign_in

pytestmark = pytest.mark.browser


def test_a_coordinator_adds_a_manual_indicator_and_enters_a_figure(page, cast_live):
    from indicators.models import Indicator, IndicatorValue

    sign_in(page, "coordinator")
    page.goto("/years/2011-12/priorities/6/")
    page.get_by_role("link", name="Add an indicator to this priority").click()
    page.get_by_label("Name").fill("Young people reached")
    page.get_by_label("A number entered each period").check()
    page.get_by_label("Unit").fill("young people")
    page.get_by_label("Baseline's first month").fill("2011-04")
    page.get_by_label("Baseline's last month").fill("2011-06")
    page.get_by_label("Target figure").fill("200")
    page.get_by_label("Higher is better").check()
    page.get_by_role("button", name="Add the indicator").click()
    expect(page.get_by_text("The indicator “Young people reached” has been added.")).to_be_visible()
    indicator = Indicator.objects.get()
    page.get_by_role("link", name="Enter a figure for Young people reached").click()
    page.get_by_label("First month").fill("2011-04")
    page.get_by_label("Last month").fill("2011-06")
    page.get_by_label("Figure").fill("210")
    page.get_by_role("button", name="Save the figure").click()
    expect(
        page.get_by_text("The figure for April 2011 to June 2011 has been saved.")
    ).to_be_visible()
    section = page.locator(f"#indicator-{indicator.pk}")
    # Latest and baseline: the one figure, entered for the baseline's own months.
    expect(section.get_by_text("210, April 2011 to June 2011")).to_have_count(2)
    expect(section.get_by_text("On track", exact=True)).to_be_visible()
    assert IndicatorValue.objects.get().value == 210


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280px", "375px"])
def test_the_indicator_pages_pass_axe_and_fit_the_screen(new_page, cast_live, viewport):
    from priorities.models import ReportingYear
    from tests.indicators.test_pages import indicators_make

    priority, crime, hand, value = indicators_make(ReportingYear.objects.get(label="2011/12"))
    base = "/years/2011-12/priorities/1/indicators"
    axe = Axe()
    page = new_page(viewport=viewport)
    failures = []

    def check(label):
        failures.extend(axe_and_width_problems(page, axe, label, viewport["width"]))

    page.goto(priority.get_absolute_url())
    check("priority page with indicators, signed out")
    page.get_by_text("Figures in this chart").first.click()
    check("priority page with a chart's figures open")
    for path in ("/years/2011-12/", "/years/2011-12/report/"):
        page.goto(path)
        check(path)
    sign_in(page, "coordinator")
    for path in (
        priority.get_absolute_url(),
        f"{base}/add/",
        f"{base}/{crime.pk}/edit/",
        f"{base}/{hand.pk}/figures/add/",
        f"{base}/{hand.pk}/figures/{value.pk}/edit/",
    ):
        page.goto(path)
        check(path)
    page.goto(f"{base}/add/")
    with page.expect_navigation():
        page.get_by_role("button", name="Add the indicator").click()
    check("add an indicator with errors")
    assert failures == []
