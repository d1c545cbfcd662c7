"""accounts.backends.RoleModelBackend: Django's model backend, with demo accounts kept
out when DEBUG is off, at sign-in and on every request after it."""

import pytest
from django.contrib.auth.models import Group

from accounts.backends import RoleModelBackend
from accounts.roles import DEMO_GROUP
from tests.conftest import PASSWORD, user_make

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_user(report):
    user = user_make("coordinator", "Coordinator")
    user.groups.add(Group.objects.get_or_create(name=DEMO_GROUP)[0])
    return user


def test_a_demo_account_is_a_user_with_debug_on(demo_user, settings):
    settings.DEBUG = True
    assert RoleModelBackend().get_user(demo_user.pk) == demo_user
    assert RoleModelBackend().authenticate(None, username="coordinator", password=PASSWORD)


def test_a_demo_account_is_not_a_user_with_debug_off(demo_user, settings):
    settings.DEBUG = False
    assert RoleModelBackend().get_user(demo_user.pk) is None
    assert RoleModelBackend().authenticate(None, username="coordinator", password=PASSWORD) is None


def test_an_account_outside_the_demo_group_signs_in_with_debug_off(report, settings):
    settings.DEBUG = False
    user = user_make("coordinator", "Coordinator")
    assert RoleModelBackend().get_user(user.pk) == user
    assert RoleModelBackend().has_perm(user, "actions.change_action")
    assert not RoleModelBackend().has_perm(user, "auth.delete_user")
