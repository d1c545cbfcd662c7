"""csp_tracker.backends.RoleModelBackend: Django's permissions in fewer queries, and demo
accounts kept out with DEBUG off, on every request and not only at sign-in."""

import pytest
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group, Permission, User
from django.db import connection
from django.test.utils import CaptureQueriesContext

from csp_tracker.backends import RoleModelBackend
from csp_tracker.roles import DEMO_GROUP
from tests.conftest import user_make

pytestmark = pytest.mark.django_db


def fresh(user):
    """The user read again, without permissions cached on it."""
    return User.objects.get(pk=user.pk)


@pytest.mark.parametrize("role", [None, "Partner", "Councillor", "Coordinator", "Administrator"])
def test_its_permissions_are_djangos(report, role):
    user = user_make("someone", role)
    user.user_permissions.add(Permission.objects.get(codename="view_auditentry"))
    ours = RoleModelBackend().get_all_permissions(fresh(user))
    djangos = ModelBackend().get_all_permissions(fresh(user))
    assert ours == djangos
    assert "csp_tracker.view_auditentry" in ours


def test_a_superuser_has_every_permission_and_an_inactive_user_none(report):
    admin = user_make("root", None, is_superuser=True)
    assert RoleModelBackend().get_all_permissions(
        fresh(admin)
    ) == ModelBackend().get_all_permissions(fresh(admin))
    assert len(RoleModelBackend().get_all_permissions(fresh(admin))) == Permission.objects.count()
    gone = user_make("gone", "Coordinator", is_active=False)
    assert RoleModelBackend().get_all_permissions(fresh(gone)) == set()


def test_permissions_take_one_query_and_are_then_cached(report):
    user = fresh(user_make("coordinator", "Coordinator"))
    backend = RoleModelBackend()
    with CaptureQueriesContext(connection) as queries:
        assert backend.has_perm(user, "actions.change_action")
        assert not backend.has_perm(user, "auth.delete_user")
    assert len(queries) == 1


def test_get_user_reads_the_user_and_the_demo_flag_in_one_query(report, settings):
    settings.DEBUG = False
    user = user_make("coordinator", "Coordinator")
    with CaptureQueriesContext(connection) as queries:
        assert RoleModelBackend().get_user(user.pk) == user
    assert len(queries) == 1
    assert RoleModelBackend().get_user(user.pk + 1000) is None


def test_get_user_reads_the_same_user_as_djangos_from_the_sessions_text(report, settings):
    """The session keeps the user's id as text; a user read with SQL written once is
    Django's user, field for field (dates included, which SQLite gives back as text)."""
    settings.DEBUG = False
    user = user_make("coordinator", "Coordinator", last_name="Smith")
    User.objects.filter(pk=user.pk).update(last_login=user.date_joined)
    ours = RoleModelBackend().get_user(str(user.pk))
    djangos = ModelBackend().get_user(str(user.pk))
    fields = [field.attname for field in User._meta.concrete_fields]
    assert [getattr(ours, name) for name in fields] == [getattr(djangos, name) for name in fields]
    assert ours.last_login == user.date_joined
    assert not ours.in_demo_group
    assert RoleModelBackend().get_user("not a number") is None


def test_a_demo_account_is_not_a_user_with_debug_off(report, settings):
    user = user_make("coordinator", "Coordinator")
    user.groups.add(Group.objects.get_or_create(name=DEMO_GROUP)[0])
    settings.DEBUG = True
    assert RoleModelBackend().get_user(user.pk) == user
    settings.DEBUG = False
    assert RoleModelBackend().get_user(user.pk) is None
    # Without the flag read alongside (a user from elsewhere), it asks.
    assert not RoleModelBackend().user_can_authenticate(fresh(user))
