"""A partner's update waits for a coordinator's approval, in a real browser; the pages of
approval pass axe and fit a phone's screen."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from .support import DESKTOP, PHONE, axe_and_width_problems
from .test_editing import police_row, sign_in

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280px", "375px"])
def test_a_partner_proposes_and_a_coordinator_approves_on_pages_that_pass_axe(
    new_page, cast_live, viewport
):
    axe = Axe()
    failures = []

    def check(page, label):
        failures.extend(axe_and_width_problems(page, axe, label, viewport["width"]))

    action = police_row()
    partner = new_page(viewport=viewport)
    sign_in(partner, "partner")
    partner.goto(f"/actions/{action.pk}/edit/")
    partner.get_by_label("Update").fill("Op Halloween 2012 planned with DBC")
    partner.get_by_role("button", name="Submit for approval").click()
    expect(partner.get_by_text("Your update has been sent for approval.")).to_be_visible()
    expect(partner.locator("#pending-update")).to_contain_text("Pending approval")
    check(partner, "the action's page with a pending update")
    action.refresh_from_db()
    assert action.update != "Op Halloween 2012 planned with DBC"

    coordinator = new_page(viewport=viewport)
    sign_in(coordinator, "coordinator")
    coordinator.goto("/updates/pending/")
    check(coordinator, "the queue")
    coordinator.get_by_role("link", name=re.compile("^Review")).click()
    check(coordinator, "the review page")
    coordinator.get_by_role("button", name="Return with this comment").click()
    check(coordinator, "the review page with an error")
    coordinator.get_by_role("button", name="Approve and publish").click()
    expect(coordinator.get_by_text("The update has been approved and published.")).to_be_visible()
    action.refresh_from_db()
    assert action.update == "Op Halloween 2012 planned with DBC"
    assert failures == [], "\n\n".join(failures)
