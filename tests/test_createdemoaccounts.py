import pytest
from django.contrib.auth import authenticate
from django.contrib.auth.models import User
from django.contrib.auth.password_validation import validate_password
from django.core.management import CommandError, call_command

from accounts.services import DEMO_ACCOUNTS


def test_it_refuses_when_debug_is_off(report, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG is off"):
        call_command("createdemoaccounts")
    assert not User.objects.exists()


def test_it_creates_the_four_accounts_in_their_roles_and_prints_them(report, settings, capsys):
    settings.DEBUG = True
    call_command("createdemoaccounts")
    output = capsys.readouterr().out
    for username, password, role, _ in DEMO_ACCOUNTS:
        user = User.objects.get(username=username)
        assert role in {group.name for group in user.groups.all()}
        assert f"{username}" in output
        assert password in output
    partner = User.objects.get(username="partner")
    assert [agency.short_name for agency in partner.agencies.all()] == ["Herts Police"]
    assert User.objects.get(username="admin").is_superuser


def test_running_it_twice_changes_nothing(report, settings):
    settings.DEBUG = True
    call_command("createdemoaccounts")
    call_command("createdemoaccounts")
    assert User.objects.count() == 4


def test_demo_passwords_would_pass_the_password_rules(report):
    for username, password, _, _ in DEMO_ACCOUNTS:
        validate_password(password, User(username=username))


def test_demo_accounts_cannot_sign_in_with_debug_off(report, settings, rf):
    settings.DEBUG = True
    call_command("createdemoaccounts")
    username, password, _, _ = DEMO_ACCOUNTS[0]
    request = rf.post("/accounts/login/")
    assert authenticate(request, username=username, password=password) is not None
    settings.DEBUG = False
    assert authenticate(request, username=username, password=password) is None
