"""No page breaks the Content-Security-Policy in a real browser: Chromium reports no
violation (no securitypolicyviolation event, no console message) on the main pages, with
JavaScript on, signed out and signed in, the ward pages' charts and the admin included."""

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from tests.conftest import PASSWORD

from .support import site_pages

pytestmark = pytest.mark.browser

RECORD_VIOLATIONS = """
window.cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.cspViolations.push(
    `${event.effectiveDirective} blocked ${event.blockedURI || "inline"} ` +
    `(${event.sourceFile}:${event.lineNumber})`
  );
});
"""


@pytest.fixture
def watched(page):
    """The page, recording every CSP violation it reports, by event or on the console."""
    messages = []
    page.add_init_script(RECORD_VIOLATIONS)
    page.on(
        "console",
        lambda message: (
            messages.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    page.csp_console = messages
    return page


def violations(page, paths: list[str]) -> list[str]:
    found = []
    for path in paths:
        response = page.goto(path, wait_until="networkidle")
        assert response is not None, path
        assert response.status in (200, 404), path
        assert "style-src 'self'" in response.headers.get("content-security-policy", ""), path
        found += [f"{path}: {v}" for v in page.evaluate("window.cspViolations")]
        found += [f"{path}: {m}" for m in page.csp_console]
        page.csp_console.clear()
    return found


def sign_in(page, username):
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.locator("button", has_text="Sign out")).to_have_count(1)


def test_the_public_pages_report_no_violation(watched, report_live):
    pages = site_pages(report_live)
    paths = [
        *pages["home and year"],
        *pages["priorities"][:2],
        pages["priorities"][-1],  # a search that finds nothing
        *pages["actions"][:2],
        *pages["agencies"][:3],
        *pages["linked work"][:1],
        *pages["crime figures"][:3],
        "/accounts/login/",
        "/no-such-page/",
    ]
    assert violations(watched, paths) == []


def test_a_coordinators_pages_and_the_edit_form_report_no_violation(watched, cast_live):
    from actions.models import Action

    row = Action.objects.get(priority__number=1, position=2)
    sign_in(watched, "coordinator")
    paths = [
        "/years/2011-12/priorities/1/",
        row.get_absolute_url(),
        f"/actions/{row.pk}/edit/",
        "/years/2011-12/priorities/1/add-action/",
        "/updates-due/",
        "/updates/pending/",
        "/audit/",
    ]
    assert violations(watched, paths) == []
    # Saving goes through the form's own page and the redirect's message banner.
    watched.goto(f"/actions/{row.pk}/edit/")
    watched.get_by_label("Update").fill("Checked under the security policy")
    watched.get_by_role("button", name="Save the update").click()
    expect(watched.get_by_text("Your update has been saved.")).to_be_visible()
    assert watched.evaluate("window.cspViolations") == []


def test_the_ward_pages_and_their_charts_report_no_violation(watched, cast_live):
    call_command(
        "loadstatsfixture",
        "fixtures/dacorum-wards-2007.json",
        "fixtures/police-uk-crime-types.json",
        verbosity=0,
    )
    call_command("loadwardsample", "--borough-only", verbosity=0)
    sign_in(watched, "councillor")
    paths = ["/wards/", "/years/2011-12/priorities/2/", "/wards/dacorum-2007/boxmoor/"]
    assert violations(watched, paths) == []
    expect(watched.locator("svg.app-chart__svg").first).to_be_visible()


def test_the_admin_reports_no_violation(watched, cast_live):
    from actions.models import Action

    row = Action.objects.get(priority__number=1, position=2)
    sign_in(watched, "administrator")
    paths = [
        "/admin/",
        "/admin/actions/action/",
        f"/admin/actions/action/{row.pk}/change/",
        "/admin/actions/agency/add/",
    ]
    assert violations(watched, paths) == []
