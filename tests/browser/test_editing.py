"""Coordinators and partners edit updates in a real browser; two editors never overwrite
each other; the forms pass axe."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.conftest import PASSWORD

from .support import DESKTOP, PHONE, axe_and_width_problems

pytestmark = pytest.mark.browser

PRIORITY_1 = "/years/2011-12/priorities/1/"


def sign_in(page, username):
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    # (on a phone the button is in the collapsed menu: present, not visible)
    expect(page.locator("button", has_text="Sign out")).to_have_count(1)


def row(page, text):
    return page.locator("main table tbody tr").filter(has_text=text)


def police_row():
    from actions.models import Action

    return Action.objects.get(priority__number=1, position=2)


def test_a_coordinator_signs_in_edits_an_update_and_sees_it_on_the_priority_page(page, cast_live):
    sign_in(page, "coordinator")
    page.goto(PRIORITY_1)
    row(page, "Recruit Family Intervention Programme").get_by_role(
        "link", name=re.compile("^Edit")
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Recruit Family Intervention Programme Worker to implement FIP Programme"
    )
    page.get_by_label("Update").fill("Worker in post; first families referred")
    page.get_by_label("Green").check()
    page.get_by_label("Timescale").fill("During 2012-13")
    page.get_by_role("button", name="Save the update").click()

    expect(page.get_by_text("Your update has been saved.")).to_be_visible()
    expect(page.locator("#history")).to_be_visible()
    page.goto(PRIORITY_1)
    edited = row(page, "Recruit Family Intervention Programme")
    expect(edited).to_contain_text("Worker in post; first families referred")
    expect(edited).to_contain_text("During 2012-13")
    expect(edited.locator(".govuk-tag")).to_have_text("Green")
    expect(edited.locator(".app-update-date")).to_contain_text("by Coordinator")


@pytest.mark.usefixtures("partners_publish_directly")
def test_a_partner_edits_their_agencys_action_but_not_another_agencys(page, cast_live):
    sign_in(page, "partner")
    page.goto(PRIORITY_1)
    own = row(page, "Instigate Joint Agency activity over Halloween period")
    other = row(page, "Recruit Family Intervention Programme")
    expect(own.get_by_role("link", name=re.compile("^Edit"))).to_have_count(1)
    expect(other.get_by_role("link", name=re.compile("^Edit"))).to_have_count(0)
    expect(page.get_by_role("button", name=re.compile("^Move row"))).to_have_count(0)

    own.get_by_role("link", name=re.compile("^Edit")).click()
    expect(page.get_by_label("Target")).to_have_count(0)
    page.get_by_label("Update").fill("Op Halloween 2012 in planning with DBC")
    page.get_by_label("Amber").check()
    page.get_by_role("button", name="Save the update").click()
    expect(page.get_by_text("Your update has been saved.")).to_be_visible()
    expect(page.locator("main")).to_contain_text("Op Halloween 2012 in planning with DBC")

    # A POST made by hand, with a valid CSRF token, on a row Herts Police does not lead.
    from actions.models import Action

    not_theirs = Action.objects.get(priority__number=1, position=1)
    token = next(c["value"] for c in page.context.cookies() if c["name"] == "csrftoken")
    response = page.request.post(
        f"/actions/{not_theirs.pk}/edit/",
        form={"csrfmiddlewaretoken": token, "version": "1", "update": "Forged"},
        headers={"Referer": page.url},
    )
    assert response.status == 403
    not_theirs.refresh_from_db()
    assert not_theirs.update == "Worker in post 1/3/12"


@pytest.mark.usefixtures("partners_publish_directly")
def test_two_editors_at_once_get_a_conflict_not_an_overwrite(new_page, cast_live):
    coordinator, partner = new_page(), new_page()
    sign_in(coordinator, "coordinator")
    sign_in(partner, "partner")
    edit_url = f"/actions/{police_row().pk}/edit/"
    coordinator.goto(edit_url)
    partner.goto(edit_url)

    coordinator.get_by_label("Update").fill("Coordinator: 150 young people spoken to")
    coordinator.get_by_role("button", name="Save the update").click()
    expect(coordinator.get_by_text("Your update has been saved.")).to_be_visible()

    partner.get_by_label("Update").fill("Partner: 40 litres of alcohol seized")
    partner.get_by_role("button", name="Save the update").click()
    expect(partner.get_by_role("heading", level=1)).to_have_text(
        "Someone else has changed this action"
    )
    compare = partner.locator("table.app-compare")
    expect(compare.locator(".app-compare__theirs").first).to_have_text(
        "Coordinator: 150 young people spoken to"
    )
    expect(compare.locator(".app-compare__mine").first).to_have_text(
        "Partner: 40 litres of alcohol seized"
    )
    action = police_row()
    assert action.update == "Coordinator: 150 young people spoken to"

    partner.get_by_label("Update").fill(
        "Coordinator: 150 young people spoken to. Partner: 40 litres of alcohol seized"
    )
    partner.get_by_role("button", name="Save the merged update").click()
    expect(partner.get_by_text("Your update has been saved.")).to_be_visible()
    action.refresh_from_db()
    assert action.update.endswith("Partner: 40 litres of alcohol seized")
    assert action.version == 3
    assert [entry.author_name for entry in action.history.all()] == ["Partner", "Coordinator"]


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280px", "375px"])
def test_the_forms_and_pages_for_signed_in_people_pass_axe_and_fit_the_screen(
    new_page, cast_live, viewport
):
    axe = Axe()
    page = new_page(viewport=viewport)
    failures = []

    def check(label):
        failures.extend(axe_and_width_problems(page, axe, label, viewport["width"]))

    for path in ("/accounts/login/", "/accounts/password_reset/"):
        page.goto(path)
        check(path)
    with page.expect_navigation():  # axe must not run while the answer is loading
        page.get_by_role("button", name="Send the link").click()  # empty: an error summary
    check("password reset with an error")

    sign_in(page, "coordinator")
    action = police_row()
    for path in (
        PRIORITY_1,
        f"/actions/{action.pk}/edit/",
        "/years/2011-12/priorities/1/add-action/",
        "/updates-due/",
        "/updates/pending/",
        "/accounts/password_change/",
        "/years/start/",
        "/manage/",
        "/ward-imports/",  # an administrator's: the 403 page
    ):
        page.goto(path)
        check(path)
    page.goto("/years/2011-12/priorities/1/add-action/")
    with page.expect_navigation():
        page.get_by_role("button", name="Add the action").click()
    check("add action with errors")

    page.goto("/years/start/")
    page.get_by_label("Target of priority 1, row 1").fill("")
    with page.expect_navigation():
        page.get_by_role("button", name="Start the year").click()
    check("start the year with a row's errors")

    page.goto(f"/actions/{action.pk}/edit/")
    page.get_by_label("Update").fill("An edit for the history")
    with page.expect_navigation():
        page.get_by_role("button", name="Save the update").click()
    check("action page with history and a success banner")
    page.goto("/audit/")
    check("/audit/")
    with page.expect_navigation():
        page.get_by_role("link", name=re.compile("Instigate Joint Agency")).first.click()
    check("an audit entry")

    # The conflict page: save over a version someone else has replaced.
    page.goto(f"/actions/{action.pk}/edit/")
    from actions.models import Action

    Action.objects.filter(pk=action.pk).update(version=99)
    page.get_by_label("Update").fill("Too late")
    page.get_by_role("button", name="Save the update").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Someone else has changed this action"
    )
    check("conflict page")
    assert not failures, "\n\n".join(failures)


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280px", "375px"])
def test_the_import_pages_pass_axe_and_fit_the_screen(new_page, cast_live, viewport, tmp_path):
    from tests.conftest import REPORT_TEXT

    axe = Axe()
    page = new_page(viewport=viewport)
    sign_in(page, "administrator")
    failures = []
    page.goto("/imports/year/")
    pages = ["import form"]
    page.get_by_role("button", name="Check the file").click()  # no file: errors
    pages.append("import form with errors")
    results = [axe.run(page)]
    page.goto("/imports/year/")
    results.insert(0, axe.run(page))
    text = REPORT_TEXT.read_text(encoding="utf-8").replace("Worker in post 1/3/12", "Changed")
    (tmp_path / "report.txt").write_text(text, encoding="utf-8")
    page.get_by_label("File", exact=True).set_input_files(str(tmp_path / "report.txt"))
    page.get_by_label("A report in the published text layout").check()
    page.get_by_label("Year of a report in the text layout").fill("2011/12")
    page.get_by_label("Replace the year if it exists").check()
    page.get_by_role("button", name="Check the file").click()
    expect(page.get_by_text("0 to add, 1 to change, 0 to remove.")).to_be_visible()
    pages.append("the dry run")
    results.append(axe.run(page))
    for label, result in zip(pages, results, strict=True):
        if result.violations_count:
            failures.append(f"{label}:\n{result.generate_report()}")
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    if scroll_width > viewport["width"]:
        failures.append(f"the dry run: {scroll_width}px wide at {viewport['width']}px")
    page.get_by_role("button", name="Import it").click()
    expect(page.get_by_text("Imported 2011/12.")).to_be_visible()
    assert not failures, "\n\n".join(failures)


@pytest.mark.parametrize("javascript", [True, False])
def test_a_coordinator_moves_a_row_up_with_the_pages_one_move_form(new_page, cast_live, javascript):
    """The move buttons sit in a table kept in the cache, without a CSRF token of their
    own: each submits the page's one form (form="move-rows") to its own address."""
    page = new_page(java_script_enabled=javascript)
    sign_in(page, "coordinator")
    page.goto(PRIORITY_1)
    second = police_row()
    first_text = page.locator("main table tbody tr").first.locator("td").nth(1).inner_text()
    page.get_by_role("button", name="Move row 2 up").click()
    expect(page).to_have_url(re.compile(rf"{PRIORITY_1}#action-{second.pk}$"))
    rows = page.locator("main table tbody tr")
    expect(rows.first).to_contain_text("Instigate Joint Agency activity over Halloween period")
    expect(rows.nth(1)).to_contain_text(first_text.split("\n")[0])
    second.refresh_from_db()
    assert second.position == 1


@pytest.mark.usefixtures("partners_publish_directly")
def test_a_partner_saves_one_update_on_the_same_work_under_three_priorities(page, cast_live):
    from actions.models import Action

    sign_in(page, "partner")
    page.goto(f"/actions/{police_row().pk}/edit/")
    page.get_by_label("Update").fill("Operation ran 24-31 October; 40 fewer calls")
    page.get_by_label("Complete").check()
    page.get_by_label(re.compile("^Priority 3, row 1")).check()
    page.get_by_label(re.compile("^Priority 6, row 1")).check()
    page.get_by_role("button", name="Save the update").click()

    expect(page.get_by_text("Your update has been saved on this row and 2 others.")).to_be_visible()
    for number in (1, 3, 6):
        page.goto(f"/years/2011-12/priorities/{number}/")
        halloween = row(page, "Instigate Joint Agency activity over Halloween period")
        expect(halloween).to_contain_text("Operation ran 24-31 October; 40 fewer calls")
        expect(halloween.locator(".govuk-tag")).to_have_text("Complete")
    assert Action.objects.filter(update="Operation ran 24-31 October; 40 fewer calls").count() == 3
