"""CSRF protection is enforced on every form, and every form carries its token."""

import re

import pytest
from django.test import Client

from actions.models import Action


@pytest.fixture
def police_row(report):
    return Action.objects.get(priority__number=1, position=2)


def post_targets(row):
    return [
        f"/actions/{row.pk}/edit/",
        f"/actions/{row.pk}/move/up/",
        "/years/2011-12/priorities/1/add-action/",
        "/accounts/logout/",
        "/accounts/password_change/",
    ]


def test_every_post_without_its_token_is_refused(cast, police_row):
    client = Client(enforce_csrf_checks=True)
    client.force_login(cast.coordinator)
    for url in post_targets(police_row):
        response = client.post(url, {"version": 1, "update": "forged"})
        assert response.status_code == 403, url
    police_row.refresh_from_db()
    assert police_row.update != "forged"
    anonymous = Client(enforce_csrf_checks=True)
    for url in ("/accounts/login/", "/accounts/password_reset/"):
        assert (
            anonymous.post(url, {"username": "x", "email": "x@example.invalid"}).status_code == 403
        )


def test_every_form_that_posts_carries_a_token(cast, police_row):
    client = Client(enforce_csrf_checks=True)
    client.force_login(cast.coordinator)
    pages = [
        "/",
        "/years/2011-12/priorities/1/",
        police_row.get_absolute_url(),
        f"/actions/{police_row.pk}/edit/",
        "/years/2011-12/priorities/1/add-action/",
        "/accounts/password_change/",
    ]
    forms_seen = 0
    for url in pages:
        html = client.get(url).content.decode()
        for form in re.findall(r"<form[^>]*method=\"post\".*?</form>", html, re.S):
            forms_seen += 1
            assert 'name="csrfmiddlewaretoken"' in form, (url, form[:200])
    assert forms_seen >= 6 * 1 + 1  # a sign-out form on each page, and the move form

    # The move buttons, in a table that is kept in the cache, carry no token: they post
    # the page's one move form, which does.
    page = client.get("/years/2011-12/priorities/1/").content.decode()
    rows = Action.objects.filter(priority=police_row.priority).count()
    assert page.count('form="move-rows"') == 2 * rows
    move_form = re.search(r'<form id="move-rows" method="post".*?</form>', page, re.S)[0]
    assert 'name="csrfmiddlewaretoken"' in move_form
