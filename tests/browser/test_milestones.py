"""A partner adds, marks done and removes a milestone in a real browser; the milestone
pages pass axe and fit a phone's screen."""

import datetime
import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone
from playwright.sync_api import expect

from .support import DESKTOP, PHONE, axe_and_width_problems
from .test_editing import police_row, sign_in

pytestmark = pytest.mark.browser


def test_a_partner_adds_a_late_milestone_marks_it_done_and_removes_it(page, cast_live):
    from actions.models import Action, Milestone

    action = police_row()
    sign_in(page, "partner")
    page.goto(action.get_absolute_url())
    page.get_by_role("link", name="Add a milestone").click()
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    page.get_by_label("Title").fill("Leaflets delivered")
    page.get_by_label("Due date").fill(yesterday.isoformat())
    page.get_by_role("button", name="Add the milestone").click()
    expect(page.get_by_text("The milestone “Leaflets delivered” has been added.")).to_be_visible()
    milestones = page.locator("#milestones + dl")
    expect(milestones.get_by_text("Overdue")).to_be_visible()
    assert action in Action.objects.overdue(timezone.localdate())

    page.get_by_role("button", name=re.compile(r"Mark done\W+Leaflets delivered")).click()
    expect(page.get_by_text("is marked done")).to_be_visible()
    expect(milestones.get_by_text("Overdue")).to_have_count(0)
    assert Milestone.objects.get().done_on == timezone.localdate()

    page.get_by_role("link", name=re.compile(r"Edit\W+the milestone\W+Leaflets delivered")).click()
    page.get_by_role("button", name="Remove the milestone").click()
    expect(page.get_by_text("has been removed")).to_be_visible()
    assert not Milestone.objects.exists()


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280px", "375px"])
def test_the_milestone_pages_pass_axe_and_fit_the_screen(new_page, cast_live, viewport):
    from actions.models import Milestone

    action = police_row()
    today = timezone.localdate()
    milestone = Milestone.objects.create(
        action=action, position=1, title="Late step", due_on=today - datetime.timedelta(days=3)
    )
    Milestone.objects.create(
        action=action, position=2, title="Done step", due_on=today, done_on=today
    )
    axe = Axe()
    page = new_page(viewport=viewport)
    failures = []

    def check(label):
        failures.extend(axe_and_width_problems(page, axe, label, viewport["width"]))

    page.goto(action.get_absolute_url())
    check("action page with milestones, signed out")
    sign_in(page, "coordinator")
    for path in (
        action.get_absolute_url(),
        f"/actions/{action.pk}/milestones/add/",
        f"/milestones/{milestone.pk}/edit/",
        "/years/2011-12/actions/?overdue=yes",
        "/updates-due/",
        "/years/2011-12/",
    ):
        page.goto(path)
        check(path)
    page.goto(f"/actions/{action.pk}/milestones/add/")
    with page.expect_navigation():
        page.get_by_role("button", name="Add the milestone").click()
    check("add a milestone with errors")
    assert failures == []
