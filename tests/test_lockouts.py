"""Sign-in lockouts behind a load balancer: failures are counted by the client's address,
read from X-Forwarded-For only when the request comes from a trusted proxy
(FORWARDED_ALLOW_IPS; accounts/addresses.py), and an administrator unlocks an account
from the admin."""

import pytest
from axes.models import AccessAttempt
from django.test import Client

from tests.conftest import PASSWORD

BALANCER = "10.0.0.2"  # a load balancer the settings trust
ELSEWHERE = "192.0.2.9"  # a machine that is not one


@pytest.fixture(autouse=True)
def behind_a_balancer(settings):
    settings.TRUSTED_PROXIES = ["127.0.0.1", BALANCER]


def sign_in(password: str, *, remote: str, forwarded_for: str = ""):
    extra = {"REMOTE_ADDR": remote}
    if forwarded_for:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded_for
    return Client().post(
        "/accounts/login/", {"username": "coordinator", "password": password}, **extra
    )


def locked(response) -> bool:
    return response.status_code == 429


def fail_until_locked(settings, **where):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in("wrong", **where)


def test_one_persons_failures_through_the_balancer_do_not_lock_out_another(cast, settings):
    fail_until_locked(settings, remote=BALANCER, forwarded_for="203.0.113.5")
    assert locked(sign_in(PASSWORD, remote=BALANCER, forwarded_for="203.0.113.5"))
    # Someone else, behind the same balancer, signs in.
    response = sign_in(PASSWORD, remote=BALANCER, forwarded_for="198.51.100.7")
    assert response.status_code == 302
    assert AccessAttempt.objects.get().ip_address == "203.0.113.5"


def test_the_address_the_balancer_saw_counts_not_one_the_client_wrote(cast, settings):
    """A client may send its own X-Forwarded-For: the balancer appends the address it saw,
    and that, the right-most hop that is not a trusted proxy, is the one counted."""
    for n in range(settings.AXES_FAILURE_LIMIT):
        sign_in("wrong", remote=BALANCER, forwarded_for=f"198.51.100.{n}, 203.0.113.5")
    assert locked(sign_in(PASSWORD, remote=BALANCER, forwarded_for="1.2.3.4, 203.0.113.5"))


def test_a_header_from_an_untrusted_machine_is_ignored(cast, settings):
    """Failures from a machine that is not a trusted proxy count against it, whatever
    X-Forwarded-For it sends: changing the header does not escape the lockout."""
    for n in range(settings.AXES_FAILURE_LIMIT):
        sign_in("wrong", remote=ELSEWHERE, forwarded_for=f"198.51.100.{n}")
    assert locked(sign_in(PASSWORD, remote=ELSEWHERE, forwarded_for="198.51.100.99"))
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {ELSEWHERE}
    # A different machine, straight to the site, is not locked out.
    assert sign_in(PASSWORD, remote="192.0.2.10").status_code == 302


def test_an_administrator_unlocks_an_account_from_the_admin(cast, settings, client):
    fail_until_locked(settings, remote=ELSEWHERE)
    assert locked(sign_in(PASSWORD, remote=ELSEWHERE))

    client.force_login(cast.administrator)
    attempts = client.get("/admin/axes/accessattempt/")
    assert attempts.status_code == 200
    assert "coordinator" in attempts.content.decode()
    attempt = AccessAttempt.objects.get()
    response = client.post(
        "/admin/axes/accessattempt/",
        {"action": "delete_selected", "_selected_action": [attempt.pk], "post": "yes"},
    )
    assert response.status_code == 302
    assert not AccessAttempt.objects.exists()
    assert sign_in(PASSWORD, remote=ELSEWHERE).status_code == 302
