"""Error pages keep the site's design and name, and say what happened."""

import pytest
from django.test import Client
from django.urls import path

from csp_tracker.urls import urlpatterns as site_urlpatterns


def broken_view(request):
    raise RuntimeError("a failure in a view")


urlpatterns = [*site_urlpatterns, path("broken/", broken_view)]
handler500 = "csp_tracker.views.server_error"


@pytest.mark.urls("tests.test_error_pages")
def test_a_server_error_shows_the_sites_500_page_without_a_traceback(db):
    client = Client(raise_request_exception=False)
    response = client.get("/broken/")
    assert response.status_code == 500
    html = response.content.decode()
    assert "Sorry, there is a problem with the service" in html
    assert "CSP Tracker" in html
    assert "a failure in a view" not in html
    assert "Traceback" not in html


def test_an_unknown_page_shows_the_sites_404_page(client, db):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Page not found" in html
    assert 'href="/agencies/"' in html


def test_a_forbidden_page_shows_the_sites_403_page_with_the_users_own_header(client, cast):
    client.force_login(cast.partner)
    response = client.get("/audit/")
    assert response.status_code == 403
    html = response.content.decode()
    assert "<title>You do not have access to this page – CSP Tracker</title>" in html
    assert '<h1 class="govuk-heading-xl">You do not have access to this page</h1>' in html
    assert "You are signed in as Partner" in html
    # The site's layout, drawn with the request's context: the header's navigation as the
    # partner has it (ward figures yes, the Manage page no) and the sign-out button.
    assert 'class="govuk-service-navigation__list"' in html
    assert 'href="/wards/"' in html
    assert 'href="/manage/"' not in html
    assert ">Sign out</button>" in html
    assert 'class="govuk-footer"' in html


def test_the_404_page_is_drawn_with_the_requests_context(client, cast):
    client.force_login(cast.coordinator)
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert 'class="govuk-service-navigation__list"' in html
    assert 'href="/manage/">Manage</a>' in html
    assert ">Sign out</button>" in html
