"""/healthz tells a load balancer whether this server reaches its database; while the
database is away every page answers a friendly 503, and the site recovers by itself.

The outage is simulated here by making the connection refuse every query; .ci/run proves
the same against a real PostgreSQL that it stops and starts (bench/outage.py).
"""

from contextlib import contextmanager
from unittest import mock

import pytest
from django.db import OperationalError, connection
from django.test import Client


@contextmanager
def database_away():
    """Every query fails as it does when PostgreSQL has gone: OperationalError."""
    error = OperationalError("connection to server at 127.0.0.1 failed: Connection refused")
    with mock.patch.object(connection, "cursor", side_effect=error):
        yield


def test_it_answers_ok_when_the_database_answers(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert "no-cache" in response["Cache-Control"]


def test_it_sets_no_cookie_and_reads_no_session(client, db, django_assert_num_queries):
    with django_assert_num_queries(1):  # SELECT 1
        response = client.get("/healthz")
    assert not response.cookies


def test_it_answers_503_when_the_database_is_away(client, db):
    with database_away():
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.content == b"database unavailable\n"


def test_it_answers_only_get_and_head(client, db):
    assert client.head("/healthz").status_code == 200
    assert client.post("/healthz").status_code == 405


def test_it_answers_where_every_page_needs_a_login(client, db, settings):
    settings.MIDDLEWARE = [
        *settings.MIDDLEWARE,
        "django.contrib.auth.middleware.LoginRequiredMiddleware",
    ]
    assert client.get("/healthz").status_code == 200
    assert client.get("/agencies/").status_code == 302


@pytest.mark.parametrize(
    "path", ["/", "/years/2011-12/priorities/1/", "/agencies/", "/county/", "/actions/1/"]
)
def test_a_page_answers_a_friendly_503_while_the_database_is_away(report, path):
    client = Client(raise_request_exception=False)
    with database_away():
        response = client.get(path)
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    html = response.content.decode()
    assert "Sorry, the service is unavailable" in html
    assert "CSP Tracker" in html
    assert "Connection refused" not in html
    assert "Traceback" not in html
    assert "Content-Security-Policy" in response.headers


def test_a_signed_in_user_gets_the_same_page_without_their_session(cast):
    client = Client(raise_request_exception=False)
    client.force_login(cast.coordinator)
    with database_away():
        response = client.get("/years/2011-12/priorities/1/")
        edit = client.post("/actions/1/edit/", {"version": 1, "update": "Lost?"})
    assert response.status_code == 503
    assert edit.status_code == 503
    assert "Sign out" not in response.content.decode()


def test_the_site_answers_again_once_the_database_is_back(report):
    client = Client(raise_request_exception=False)
    with database_away():
        assert client.get("/agencies/").status_code == 503
    response = client.get("/agencies/")
    assert response.status_code == 200
    assert "Herts Police" in response.content.decode()


def test_other_errors_still_get_the_500_page(report):
    client = Client(raise_request_exception=False)
    with mock.patch("actions.selectors.agency_list", side_effect=RuntimeError("a bug")):
        response = client.get("/agencies/")
    assert response.status_code == 500
    assert "Sorry, there is a problem with the service" in response.content.decode()
