"""Security headers on every response, and pages that need no inline script or style.

The Content-Security-Policy (csp_tracker/middleware.py) allows no inline script or style,
so every page is also checked for what the browser would refuse: <script> without src,
<style>, style attributes and on… event-handler attributes.
"""

import json
import os
import subprocess
import sys
from html.parser import HTMLParser

import pytest
from django.test import Client

from csp_tracker.middleware import CONTENT_SECURITY_POLICY
from tests.browser.support import site_pages
from tests.conftest import PASSWORD, ROOT


def directives(policy: str) -> dict[str, list[str]]:
    return {
        name: values
        for name, *values in (part.split() for part in policy.split(";") if part.strip())
    }


class InlineFinder(HTMLParser):
    """Collects what a policy without 'unsafe-inline' blocks."""

    def __init__(self):
        super().__init__()
        self.problems = []

    def handle_starttag(self, tag, attrs):
        names = dict(attrs)
        if tag == "script" and not names.get("src") and names.get("type") != "application/json":
            self.problems.append(f"inline <script> at line {self.getpos()[0]}")
        if tag == "style":
            self.problems.append(f"<style> at line {self.getpos()[0]}")
        for name, _ in attrs:
            if name == "style" or name.startswith("on"):
                self.problems.append(f"{name}= on <{tag}> at line {self.getpos()[0]}")


def inline_problems(html: str) -> list[str]:
    finder = InlineFinder()
    finder.feed(html)
    return finder.problems


def every_page(report) -> list[str]:
    pages = [path for paths in site_pages(report).values() for path in paths]
    return pages + ["/accounts/login/", "/accounts/password_reset/", "/healthz"]


def test_the_policy_allows_nothing_inline_and_no_framing():
    policy = directives(CONTENT_SECURITY_POLICY)
    assert "'unsafe-inline'" not in CONTENT_SECURITY_POLICY
    assert "'unsafe-eval'" not in CONTENT_SECURITY_POLICY
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["object-src"] == ["'none'"]


@pytest.mark.parametrize("role", ["anonymous", "coordinator"])
def test_every_page_carries_the_security_headers(client, cast, role):
    if role == "coordinator":
        client.force_login(cast.coordinator)
    for path in every_page(cast.report):
        response = client.get(path)
        assert response.status_code in (200, 404), path
        assert response["Content-Security-Policy"] == CONTENT_SECURITY_POLICY, path
        assert response["X-Content-Type-Options"] == "nosniff", path
        assert response["Referrer-Policy"] == "same-origin", path
        assert response["X-Frame-Options"] == "DENY", path
        assert response["Cross-Origin-Opener-Policy"] == "same-origin", path


@pytest.mark.parametrize("role", ["anonymous", "coordinator", "administrator"])
def test_no_page_has_an_inline_script_a_style_or_an_event_handler(client, cast, role):
    if role != "anonymous":
        client.force_login(getattr(cast, role))
    paths = every_page(cast.report)
    if role == "administrator":
        paths += ["/admin/", "/admin/actions/action/", "/admin/actions/action/1/change/"]
        paths += ["/ward-imports/", "/ward-imports/lookup/", "/ward-imports/populations/"]
        paths += ["/ward-imports/district-populations/"]
    for path in paths:
        response = client.get(path)
        if response["Content-Type"].startswith("text/html"):
            assert inline_problems(response.content.decode()) == [], path


def test_the_edit_form_the_conflict_page_and_the_audit_trail_have_nothing_inline(client, cast):
    from actions.models import Action

    row = Action.objects.get(priority__number=1, position=2)
    client.force_login(cast.coordinator)
    fields = {"target": row.target, "timescale": row.timescale, "progress_status": "green"}
    url = f"/actions/{row.pk}/edit/"
    assert client.post(url, {"version": 1, "update": "First", **fields}).status_code == 302
    pages = {
        "edit": client.get(url),
        "conflict": client.post(url, {"version": 1, "update": "Late", **fields}),
        "audit": client.get("/audit/"),
        "updates due": client.get("/updates-due/"),
        "manage": client.get("/manage/"),
    }
    assert pages["conflict"].status_code == 409
    for name, response in pages.items():
        assert response["Content-Security-Policy"] == CONTENT_SECURITY_POLICY, name
        assert inline_problems(response.content.decode()) == [], name


def test_the_reporting_round_pages_have_nothing_inline(client, cast):
    from rounds.services import round_close, round_open

    day = cast.report.starts_on
    first = round_open(year=cast.report, label="Q1", deadline=day, user=cast.coordinator)
    round_close(reporting_round=first, user=cast.coordinator)
    current = round_open(year=cast.report, label="Q2", deadline=day, user=cast.coordinator)
    pages = {
        "coordinator": [
            "/rounds/",
            f"/years/{cast.report.slug}/rounds/",
            current.get_absolute_url(),
            first.get_absolute_url(),
            f"/rounds/{current.pk}/close/",
            f"/years/{cast.report.slug}/report/changes/",
        ],
        "partner": ["/rounds/mine/", f"/rounds/{current.pk}/mine/"],
    }
    for role, paths in pages.items():
        client.force_login(getattr(cast, role))
        for path in paths:
            response = client.get(path)
            assert response.status_code == 200, path
            assert response["Content-Security-Policy"] == CONTENT_SECURITY_POLICY, path
            assert inline_problems(response.content.decode()) == [], path


def test_the_approval_pages_have_nothing_inline(client, cast):
    """A pending update on the action's page and the priority's table, the queue, the
    review page, its error and its conflict page."""
    from actions.models import Action

    row = Action.objects.get(priority__number=1, position=2)
    partner = Client()
    partner.force_login(cast.partner)
    edit = f"/actions/{row.pk}/edit/"
    assert partner.post(edit, {"version": 1, "update": "Pending"}).status_code == 302
    proposal = row.proposals.get()
    client.force_login(cast.coordinator)
    review = f"/updates/pending/{proposal.pk}/"
    pages = {
        "action": client.get(row.get_absolute_url()),
        "priority": client.get("/years/2011-12/priorities/1/"),
        "queue": client.get("/updates/pending/"),
        "review": client.get(review),
        "review with an error": client.post(review, {"return": "1"}),
        "partner's edit form": partner.get(edit),
    }
    fields = {"target": row.target, "timescale": row.timescale, "progress_status": ""}
    client.post(edit, {"version": 1, "update": "Coordinator", **fields})
    pages["approval conflict"] = client.post(review, {"approve": "1"})
    assert pages["approval conflict"].status_code == 409
    for name, response in pages.items():
        assert response["Content-Security-Policy"] == CONTENT_SECURITY_POLICY, name
        assert "Pending" in response.content.decode(), name
        assert inline_problems(response.content.decode()) == [], name


def test_hsts_is_sent_over_https_and_not_over_plain_http(client, report, settings):
    settings.SECURE_HSTS_SECONDS = 31_536_000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_HSTS_PRELOAD = True
    secure = client.get("/", secure=True)
    assert secure["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert "Strict-Transport-Security" not in client.get("/")


def test_plain_http_is_redirected_to_https_except_the_health_check(client, report, settings):
    settings.SECURE_SSL_REDIRECT = True
    response = client.get("/agencies/")
    assert response.status_code == 301
    assert response["Location"] == "https://testserver/agencies/"
    assert client.get("/healthz").status_code == 200


def production_settings(names: list[str]) -> dict:
    """The named settings as production (DEBUG off, nothing else set) has them."""
    environ = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DEBUG", "HTTPS", "SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS")
    }
    environ.update(
        DEBUG="false",
        SECRET_KEY="a-production-like-key-" + "abcdefghij" * 4,
        DJANGO_SETTINGS_MODULE="csp_tracker.settings",
    )
    script = (
        "import json, django; django.setup(); from django.conf import settings; "
        f"print(json.dumps({{name: getattr(settings, name) for name in {names!r}}}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=environ, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_with_debug_off_cookies_are_secure_httponly_and_same_site_and_https_is_required():
    values = production_settings(
        [
            "SESSION_COOKIE_SECURE",
            "SESSION_COOKIE_HTTPONLY",
            "SESSION_COOKIE_SAMESITE",
            "CSRF_COOKIE_SECURE",
            "CSRF_COOKIE_HTTPONLY",
            "CSRF_COOKIE_SAMESITE",
            "SECURE_SSL_REDIRECT",
            "SECURE_HSTS_SECONDS",
        ]
    )
    assert values == {
        "SESSION_COOKIE_SECURE": True,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "CSRF_COOKIE_SECURE": True,
        "CSRF_COOKIE_HTTPONLY": True,
        "CSRF_COOKIE_SAMESITE": "Lax",
        "SECURE_SSL_REDIRECT": True,
        "SECURE_HSTS_SECONDS": 31_536_000,
    }


def test_signing_in_with_production_cookie_settings_sets_secure_httponly_lax_cookies(
    cast, settings
):
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = True
    settings.SESSION_COOKIE_HTTPONLY = settings.CSRF_COOKIE_HTTPONLY = True
    settings.SESSION_COOKIE_SAMESITE = settings.CSRF_COOKIE_SAMESITE = "Lax"
    client = Client()
    client.get("/accounts/login/", secure=True)
    response = client.post(
        "/accounts/login/", {"username": "coordinator", "password": PASSWORD}, secure=True
    )
    assert response.status_code == 302
    for name in ("sessionid", "csrftoken"):
        cookie = client.cookies[name]
        assert cookie["secure"] is True, name
        assert cookie["httponly"] is True, name
        assert cookie["samesite"] == "Lax", name


def test_the_milestone_pages_have_nothing_inline(client, cast):
    from actions.models import Action, Milestone

    row = Action.objects.get(priority__number=1, position=2)
    milestone = Milestone.objects.create(
        action=row, position=1, title="Leaflets delivered", due_on="2012-01-31"
    )
    client.force_login(cast.coordinator)
    edit = f"/milestones/{milestone.pk}/edit/"
    pages = {
        "action": client.get(row.get_absolute_url()),
        "add": client.get(f"/actions/{row.pk}/milestones/add/"),
        "add with errors": client.post(f"/actions/{row.pk}/milestones/add/", {}),
        "edit": client.get(edit),
        "conflict": client.post(edit, {"title": "Late", "due_on": "2012-01-31", "version": 0}),
        "overdue actions": client.get(f"/years/{cast.report.slug}/actions/?overdue=yes"),
    }
    assert pages["conflict"].status_code == 409
    assert "Leaflets delivered" in pages["action"].content.decode()
    for name, response in pages.items():
        assert response["Content-Security-Policy"] == CONTENT_SECURITY_POLICY, name
        assert inline_problems(response.content.decode()) == [], name


def test_the_indicator_pages_have_nothing_inline(client, cast):
    from tests.indicators.test_pages import indicators_make

    priority, crime, manual, value = indicators_make(cast.report)
    base = f"/years/{cast.report.slug}/priorities/1/indicators"
    signed_out = client.get(priority.get_absolute_url())
    client.force_login(cast.coordinator)
    edit = f"{base}/{crime.pk}/edit/"
    pages = {
        "priority, signed out": signed_out,
        "priority": client.get(priority.get_absolute_url()),
        "add": client.get(f"{base}/add/"),
        "add with errors": client.post(f"{base}/add/", {}),
        "edit": client.get(edit),
        "conflict": client.post(edit, {"remove": "1", "version": 0}),
        "figure": client.get(f"{base}/{manual.pk}/figures/add/"),
        "figure edit": client.get(f"{base}/{manual.pk}/figures/{value.pk}/edit/"),
    }
    assert pages["conflict"].status_code == 409
    assert "Figures in this chart" in pages["priority, signed out"].content.decode()
    for name, response in pages.items():
        assert response["Content-Security-Policy"] == CONTENT_SECURITY_POLICY, name
        assert inline_problems(response.content.decode()) == [], name
