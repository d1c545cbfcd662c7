"""Signing in and out, password reset and change, lockout, and the login-only setting."""

import re

import pytest
from django.test import Client

from audit.models import AuditEntry
from tests.conftest import PASSWORD


def test_the_login_page_is_in_the_sites_design(client, db):
    html = client.get("/accounts/login/").content.decode()
    assert '<h1 class="govuk-heading-xl">Sign in</h1>' in html
    assert 'class="govuk-input' in html
    assert "Forgotten your password?" in html


def test_a_coordinator_signs_in_and_out(client, cast):
    response = client.post("/accounts/login/", {"username": "coordinator", "password": PASSWORD})
    assert response.status_code == 302
    html = client.get("/").content.decode()
    assert "Sign out" in html
    assert "Updates due" in html
    assert "Audit trail" in html
    assert client.post("/accounts/logout/").status_code == 302
    assert "Sign in" in client.get("/").content.decode()


def test_a_wrong_password_says_so(client, cast):
    response = client.post("/accounts/login/", {"username": "coordinator", "password": "wrong"})
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()


def test_repeated_failed_logins_lock_the_account_out(client, cast, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/accounts/login/", {"username": "partner", "password": "guess"})
    response = client.post("/accounts/login/", {"username": "partner", "password": PASSWORD})
    assert response.status_code == 429
    assert "Too many attempts to sign in" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_password_reset_is_emailed_and_sets_a_new_password(client, cast, mailoutbox):
    cast.partner.email = "pat@example.invalid"
    cast.partner.save()
    client.post("/accounts/password_reset/", {"email": "pat@example.invalid"})
    assert len(mailoutbox) == 1
    link = re.search(r"http://testserver(/accounts/reset/\S+/)", mailoutbox[0].body).group(1)
    form_url = client.get(link, follow=True).redirect_chain[-1][0]
    new_password = "A completely new passphrase 42"
    response = client.post(form_url, {"new_password1": new_password, "new_password2": new_password})
    assert response.status_code == 302
    signed_in = Client()
    signed_in.post("/accounts/login/", {"username": "partner", "password": new_password})
    assert signed_in.session["_auth_user_id"] == str(cast.partner.pk)
    entry = AuditEntry.objects.get(object_id=str(cast.partner.pk))
    assert entry.changes == {"password": ["(hidden)", "(hidden)"]}
    assert "Reset their password" in entry.note


def test_weak_passwords_are_refused(client, cast):
    client.force_login(cast.councillor)
    for weak in ("short1", "password1234", "123456789012", "councillor12"):
        response = client.post(
            "/accounts/password_change/",
            {"old_password": PASSWORD, "new_password1": weak, "new_password2": weak},
        )
        assert response.status_code == 200, weak
        assert "There is a problem" in response.content.decode()


def test_a_changed_password_is_in_the_audit_trail(client, cast):
    client.force_login(cast.councillor)
    new = "Ward figures every Tuesday"
    response = client.post(
        "/accounts/password_change/",
        {"old_password": PASSWORD, "new_password1": new, "new_password2": new},
    )
    assert response.status_code == 302
    entry = AuditEntry.objects.get(object_id=str(cast.councillor.pk))
    assert entry.user == cast.councillor
    assert "Changed their own password" in entry.note


@pytest.fixture
def login_only(settings):
    settings.SITE_LOGIN_REQUIRED = True
    settings.MIDDLEWARE = [
        *settings.MIDDLEWARE,
        "django.contrib.auth.middleware.LoginRequiredMiddleware",
    ]


def test_the_site_can_be_made_login_only(login_only, cast):
    client = Client()
    response = client.get("/years/2011-12/priorities/1/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert client.get("/accounts/login/").status_code == 200
    assert client.get("/accounts/password_reset/").status_code == 200
    client.force_login(cast.councillor)
    assert client.get("/years/2011-12/priorities/1/").status_code == 200
