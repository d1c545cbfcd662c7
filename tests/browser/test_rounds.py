"""A coordinator opens, follows and closes a reporting round and a partner finds what
their agency owes, in a real browser; every page passes axe and fits the screen."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from .support import DESKTOP, PHONE, axe_and_width_problems
from .test_editing import sign_in

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280px", "375px"])
def test_a_round_is_opened_followed_and_closed_and_its_pages_pass_axe(
    new_page, cast_live, viewport
):
    axe = Axe()
    page = new_page(viewport=viewport)
    failures = []

    def check(label, on=page):
        failures.extend(axe_and_width_problems(on, axe, label, viewport["width"]))

    sign_in(page, "coordinator")
    page.goto("/rounds/")
    check("every round")
    page.goto("/years/2011-12/rounds/")
    check("the year's rounds")
    with page.expect_navigation():
        page.get_by_role("button", name="Open the round").click()  # empty: errors
    check("open a round with errors")
    page.get_by_label("Round").fill("Q3 2011/12")
    page.get_by_label("Updates due by").fill("13/01/2012")
    with page.expect_navigation():
        page.get_by_role("button", name="Open the round").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Q3 2011/12")
    check("the round")
    page.get_by_role("link", name="Close the round").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Close Q3 2011/12?")
    check("close the round?")
    round_path = page.url.removesuffix("close/")

    partner = new_page(viewport=viewport)
    sign_in(partner, "partner")
    partner.goto("/rounds/mine/")
    check("the partner's rounds", on=partner)
    with partner.expect_navigation():
        partner.get_by_role("link", name="Q3 2011/12").click()
    expect(partner.get_by_role("heading", level=1)).to_have_text("Your updates for Q3 2011/12")
    expect(partner.get_by_text("22 actions still owed")).to_be_visible()
    check("what the partner owes", on=partner)

    with page.expect_navigation():
        page.get_by_role("button", name="Close the round and publish the report").click()
    assert page.url == round_path
    expect(page.get_by_role("link", name="2011/12 report, Q3 2011/12")).to_be_visible()
    check("the closed round")
    assert not failures, "\n\n".join(failures)
