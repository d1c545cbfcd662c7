"""A visitor narrows and reorders a priority's table, with JavaScript and without it."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

PRIORITY_3 = "/years/2011-12/priorities/3/"
PRIORITY_3_ACTIONS = [
    "Instigate Joint Agency activity over Halloween period",
    "Support Programme of Drive Safely Events across Dacorum Schools",
    "Support Alcohol Diversion Scheme",
    "Support facilities for street/problem drinkers",
    "Support for Homeless and Vulnerable",
    "Support Alcohol Awareness month",
]

# Ties (three "Ongoing") come in any order, so compare the column's text, not row numbers.
PRIORITY_3_TIMESCALES_SORTED = [
    "During 2011-12",
    "June 2011",
    "Ongoing",
    "Ongoing",
    "Ongoing",
    "Pre Halloween to November 5 th 2012",
]


def rows(page):
    return page.locator("main table tbody tr")


def row_numbers(page):
    return rows(page).locator("td:first-child")


def timescales(page):
    return rows(page).locator("td:nth-child(5)")


def action_links(page):
    """Each row's action link (not the "Also under" links beside it)."""
    return rows(page).locator("td:nth-child(2) > a:first-child")


def header(page, name):
    """A column header; a sortable one's name ends with " (sort)", read only by screen readers."""
    return page.get_by_role("columnheader", name=re.compile(rf"^{re.escape(name)}( \(sort\))?$"))


def test_a_visitor_searches_a_priority_then_filters_by_agency_then_clears_the_filters(
    page, report_live
):
    page.goto(PRIORITY_3)
    expect(rows(page)).to_have_count(6)
    expect(action_links(page)).to_have_text(PRIORITY_3_ACTIONS)
    expect(page.get_by_role("link", name="Clear filters")).to_have_count(0)

    # "homeless" is in row 5's action and in row 4's target.
    page.get_by_label("Search actions").fill("homeless")
    page.get_by_role("button", name="Filter").click()
    expect(page).to_have_url(re.compile(r"\?q=homeless&agency=&status=$"))
    expect(rows(page)).to_have_count(2)
    expect(row_numbers(page)).to_have_text(["4", "5"])
    expect(action_links(page)).to_have_text(PRIORITY_3_ACTIONS[3:5])
    expect(page.get_by_role("status")).to_have_text("2 actions match the filters.")
    expect(page.get_by_label("Search actions")).to_have_value("homeless")

    # Herts Police leads rows 1 to 3; searching nothing and choosing it shows just those.
    page.get_by_label("Search actions").fill("")
    page.get_by_label("Lead agency").select_option(label="Herts Police")
    page.get_by_role("button", name="Filter").click()
    expect(rows(page)).to_have_count(3)
    expect(row_numbers(page)).to_have_text(["1", "2", "3"])
    for lead_cell in rows(page).locator("td:nth-child(3)").all():
        expect(lead_cell.get_by_role("link", name="Herts Police", exact=True)).to_have_count(1)
    expect(page.get_by_role("status")).to_have_text("3 actions match the filters.")
    expect(page.get_by_label("Lead agency").locator("option:checked")).to_have_text("Herts Police")

    page.get_by_role("link", name="Clear filters").click()
    expect(page).to_have_url(re.compile(re.escape(PRIORITY_3) + "$"))
    expect(rows(page)).to_have_count(6)
    expect(action_links(page)).to_have_text(PRIORITY_3_ACTIONS)
    expect(page.get_by_role("status")).to_have_text("6 actions.")
    expect(page.get_by_label("Search actions")).to_have_value("")


def test_a_search_that_matches_nothing_says_so(page, report_live):
    page.goto(PRIORITY_3 + "?q=zzzz")
    expect(rows(page)).to_have_count(1)
    expect(rows(page)).to_have_text("No actions match.")
    expect(page.get_by_role("status")).to_have_text("0 actions match the filters.")


def test_a_visitor_sorts_a_priority_table_by_clicking_a_column_header(page, report_live):
    page.goto(PRIORITY_3)
    expect(header(page, "No.")).to_have_attribute("aria-sort", "ascending")
    expect(header(page, "Action")).to_have_attribute("aria-sort", "none")
    expect(row_numbers(page)).to_have_text(["1", "2", "3", "4", "5", "6"])

    header(page, "No.").get_by_role("link").click()
    expect(page).to_have_url(re.compile(r"sort=-position"))
    expect(header(page, "No.")).to_have_attribute("aria-sort", "descending")
    expect(row_numbers(page)).to_have_text(["6", "5", "4", "3", "2", "1"])

    header(page, "Timescale").get_by_role("link").click()
    expect(page).to_have_url(re.compile(r"sort=timescale"))
    expect(header(page, "Timescale")).to_have_attribute("aria-sort", "ascending")
    expect(header(page, "No.")).to_have_attribute("aria-sort", "none")
    expect(timescales(page)).to_have_text(PRIORITY_3_TIMESCALES_SORTED)

    header(page, "Timescale").get_by_role("link").click()
    expect(page).to_have_url(re.compile(r"sort=-timescale"))
    expect(header(page, "Timescale")).to_have_attribute("aria-sort", "descending")
    expect(timescales(page)).to_have_text(PRIORITY_3_TIMESCALES_SORTED[::-1])

    header(page, "Action").get_by_role("link").click()
    expect(page).to_have_url(re.compile(r"sort=action"))
    expect(header(page, "Action")).to_have_attribute("aria-sort", "ascending")
    expect(header(page, "Timescale")).to_have_attribute("aria-sort", "none")


def test_sorting_by_action_is_alphabetical_whatever_the_capital_letters(page, report_live):
    page.goto(PRIORITY_3 + "?sort=action")
    expect(header(page, "Action")).to_have_attribute("aria-sort", "ascending")
    expect(action_links(page)).to_have_text(
        sorted(PRIORITY_3_ACTIONS, key=str.casefold), timeout=1_000
    )


def test_sorting_keeps_the_filters_and_filtering_keeps_the_sort(page, report_live):
    page.goto(PRIORITY_3 + "?q=support")
    expect(rows(page)).to_have_count(5)
    header(page, "No.").get_by_role("link").click()
    expect(row_numbers(page)).to_have_text(["6", "5", "4", "3", "2"])
    expect(page.get_by_label("Search actions")).to_have_value("support")

    page.get_by_label("Search actions").fill("alcohol")
    page.get_by_role("button", name="Filter").click()
    expect(page).to_have_url(re.compile(r"sort=-position"))
    expect(row_numbers(page)).to_have_text(["6", "4", "3", "2", "1"])


def test_without_javascript_the_priority_table_and_its_filter_form_still_work(
    new_page, report_live
):
    page = new_page(java_script_enabled=False)
    page.goto(PRIORITY_3)
    expect(page.locator("html")).not_to_have_class(re.compile("js-enabled"))
    expect(page.locator("body")).not_to_have_class(re.compile("js-enabled"))
    expect(rows(page)).to_have_count(6)
    expect(action_links(page)).to_have_text(PRIORITY_3_ACTIONS)
    for column in ("No.", "Action", "Lead agency", "Target", "Timescale", "Update"):
        expect(header(page, column)).to_be_visible()

    page.get_by_label("Search actions").fill("Marlowes")
    page.get_by_role("button", name="Filter").click()
    expect(page).to_have_url(re.compile(r"\?q=Marlowes"))
    expect(rows(page)).to_have_count(1)
    expect(action_links(page)).to_have_text(["Support Alcohol Awareness month"])
    expect(page.get_by_role("status")).to_have_text("1 action matches the filters.")

    page.get_by_label("Search actions").fill("")
    page.get_by_label("Lead agency").select_option(label="DENS")
    page.get_by_role("button", name="Filter").click()
    expect(row_numbers(page)).to_have_text(["4", "5"])
