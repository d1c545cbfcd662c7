"""Pages load cleanly: no JavaScript errors, and every stylesheet, script and image arrives."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("path", ["/", "/years/2011-12/priorities/1/"], ids=["home", "priority"])
def test_a_page_loads_without_console_errors_or_failed_requests(page, report_live, path):
    problems = []
    page.on(
        "console",
        lambda message: (
            problems.append(f"console {message.type}: {message.text}")
            if message.type in ("error", "warning")
            else None
        ),
    )
    page.on("pageerror", lambda error: problems.append(f"uncaught exception: {error}"))
    page.on(
        "requestfailed",
        lambda request: problems.append(f"request failed: {request.url} ({request.failure})"),
    )
    page.on(
        "response",
        lambda response: (
            problems.append(f"HTTP {response.status}: {response.url}")
            if response.status >= 400
            else None
        ),
    )
    requested = []
    page.on("request", lambda request: requested.append(request.url))

    page.goto(path, wait_until="networkidle")
    # The favicon is requested lazily by the browser; ask for it as a browser would.
    favicon = page.evaluate("document.querySelector('link[rel=icon]').href")
    assert page.request.get(favicon).status == 200, favicon

    assert not problems, "\n".join(problems)
    assert any(url.endswith("/static/dist/app.css") for url in requested), requested
    assert any(url.endswith("/static/js/app.mjs") for url in requested), requested
    assert any(url.endswith("/static/dist/govuk-frontend.min.js") for url in requested), requested
    # The stylesheet applied and GOV.UK Frontend's JavaScript started.
    expect(page.locator("body")).to_contain_class(
        "govuk-template__body js-enabled govuk-frontend-supported"
    )
    heading = page.get_by_role("heading", level=1)
    heading_font = heading.evaluate("h => getComputedStyle(h).fontFamily")
    assert heading_font.startswith("system-ui"), heading_font
    assert (
        page.evaluate(
            "document.querySelector('[data-module=govuk-service-navigation]')"
            ".getAttribute('data-govuk-service-navigation-init')"
        )
        is not None
    )
