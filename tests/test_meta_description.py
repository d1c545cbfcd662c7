"""Every public page describes itself to search engines in a <meta name="description">."""

import re
from html import unescape

import pytest
from django.test import Client
from django.urls import reverse

from tests.test_authorization import EXPECTED, PUBLIC, arguments

PUBLIC_PAGES = sorted(name for name, (_, answers) in EXPECTED.items() if answers == PUBLIC)
SITE_DEFAULT = (
    "CSP Tracker for Dacorum Community Safety Partnership: the partnership's action plan and "
    "crime figures, as published."
)
# Pages that say what they are in their own words rather than the site's.
OWN_WORDS = {
    "reports:home",
    "reports:year_detail",
    "reports:year_report",
    "reports:published_report_list",
    "reports:published_report_detail",
    "actions:priority_detail",
    "actions:action_detail",
    "actions:agency_list",
    "actions:agency_detail",
    "actions:initiative_detail",
    "stats:county",
    "stats:county_computed",
    "stats:snapshot_detail",
    "stats:category_detail",
    "opendata:index",
    "rounds:report_changes",
}


def description(html: str) -> str | None:
    found = re.findall(r'<meta name="description" content="([^"]*)">', html)
    assert len(found) <= 1
    return unescape(found[0]) if found else None


@pytest.mark.parametrize("name", PUBLIC_PAGES)
def test_every_public_page_has_a_description(name, report, cast, settings):
    settings.PARTNERSHIP_NAME = "Dacorum Community Safety Partnership"
    kind, _ = EXPECTED[name]
    response = Client().get(reverse(name, kwargs=arguments(kind, report, cast)))
    assert response.status_code == 200
    if not response["Content-Type"].startswith("text/html"):
        return  # a PDF or a data file: no <head>
    text = description(response.content.decode())
    assert text, name
    assert text.strip(), name
    assert "{%" not in text
    assert "<" not in text
    if name in OWN_WORDS:
        assert text != SITE_DEFAULT, name
    else:
        assert text == SITE_DEFAULT, name


def test_the_sign_in_page_and_error_pages_have_one_too(client, db):
    assert "Sign in to CSP Tracker" in description(client.get("/accounts/login/").content.decode())
    not_found = client.get("/no-such-page/")
    assert description(not_found.content.decode()) == "There is no page at this address."


def test_a_priority_page_describes_that_priority(client, report):
    text = description(client.get(f"/years/{report.slug}/priorities/3/").content.decode())
    priority = report.priorities.get(number=3)
    assert text.startswith("Priority 3 of ")
    assert priority.title in text
    assert "2011/12 action plan" in text
