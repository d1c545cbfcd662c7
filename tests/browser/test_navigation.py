"""A visitor follows links through the plan: priorities, actions, agencies, linked work."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

PRIORITY_1 = "/years/2011-12/priorities/1/"


def action_rows(page):
    return page.locator("main table tbody tr")


def test_a_visitor_goes_from_home_to_a_priority_to_an_action_to_an_agency(page, report_live):
    from actions.models import Action

    recruit = Action.objects.get(priority__number=1, position=1)

    page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_have_text("2011/12 action plan")
    expect(page).to_have_title(re.compile(r"^2011/12 action plan – CSP Tracker$"))

    page.get_by_role("link", name="Priority 1 Antisocial behaviour & criminal damage").click()
    expect(page).to_have_url(re.compile(re.escape(PRIORITY_1) + "$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Antisocial behaviour & criminal damage"
    )
    expect(action_rows(page)).to_have_count(6)
    expect(page.get_by_role("status")).to_have_text("6 actions.")
    first_cells = action_rows(page).locator("td:first-child")
    expect(first_cells).to_have_text(["1", "2", "3", "4", "5", "6"])

    page.get_by_role("link", name=recruit.action).click()
    expect(page).to_have_url(re.compile(rf"/actions/{recruit.pk}/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(recruit.action)
    expect(page.locator(".govuk-caption-l")).to_have_text(
        "2011/12 · Priority 1: Antisocial behaviour & criminal damage · Row 1"
    )
    breadcrumbs = page.get_by_role("navigation", name="Breadcrumb").get_by_role("link")
    expect(breadcrumbs).to_have_text(
        ["2011/12 action plan", "Priority 1: Antisocial behaviour & criminal damage"]
    )

    lead = page.locator(".govuk-summary-list__row", has_text="Lead agency")
    lead.get_by_role("link", name="DBC", exact=True).click()
    expect(page).to_have_url(re.compile(r"/agencies/dbc/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("DBC")
    expect(page.locator(".govuk-summary-list", has_text="Full name")).to_contain_text(
        "Dacorum Borough Council"
    )
    agency_table = page.locator("main table")
    expect(agency_table.get_by_role("link", name=recruit.action)).to_have_count(1)
    expect(agency_table.get_by_role("link", name=recruit.action)).to_have_attribute(
        "href", recruit.get_absolute_url()
    )


def test_a_row_of_linked_work_says_where_else_it_appears_and_links_there(page, report_live):
    from actions.models import Action

    halloween_p3 = Action.objects.get(priority__number=3, position=1)

    page.goto(PRIORITY_1)
    row = action_rows(page).filter(has_text="Instigate Joint Agency activity over Halloween period")
    expect(row).to_have_count(1)
    also = row.locator(".app-also")
    expect(also).to_have_text("Also under priority 3, priority 6 (2011/12)")
    expect(also.get_by_role("link", name="priority 3")).to_have_attribute(
        "href", halloween_p3.get_absolute_url()
    )

    also.get_by_role("link", name="priority 3").click()
    expect(page).to_have_url(re.compile(rf"/actions/{halloween_p3.pk}/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Instigate Joint Agency activity over Halloween period"
    )
    expect(page.locator(".govuk-caption-l")).to_have_text(
        "2011/12 · Priority 3: Alcohol misuse · Row 1"
    )
    expect(page.get_by_role("heading", name="The same work under other priorities")).to_be_visible()
