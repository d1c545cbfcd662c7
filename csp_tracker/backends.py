from functools import cache

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import connections

from csp_tracker.fixedqueries import every_field, model_from_row
from csp_tracker.roles import DEMO_GROUP


class RoleModelBackend(ModelBackend):
    """Django's model backend, except that demo accounts cannot log in with DEBUG off.

    Demo accounts (`createdemoaccounts`, DEBUG only) have published passwords; should a
    demo database ever reach production, they still cannot be used there.

    A signed-in request reads its user and asks for their permissions: here the user comes
    with whether they are a demo account, and the permissions, the user's own and their
    groups', come in one query: two queries fewer on every signed-in page than Django's
    backend with the check beside it. Both queries are written once as SQL (`_user_sql`,
    `_permissions_sql`): built by the ORM on every request they took 2 ms of it, most of
    a signed-in request's time outside its page (tests/test_backends.py compares the
    answers with Django's ModelBackend).
    """

    def get_user(self, user_id):
        manager = get_user_model()._default_manager
        try:
            user_id = manager.model._meta.pk.to_python(user_id)
        except ValidationError:
            return None
        connection = connections[manager.db]
        with connection.cursor() as cursor:
            cursor.execute(_user_sql(connection.vendor), [DEMO_GROUP, user_id])
            row = cursor.fetchone()
        if row is None:
            return None
        # Built as the ORM builds a row (a raw() queryset took half the time again).
        *values, in_demo_group = row
        user = model_from_row(manager.model, every_field(manager.model), values, using=manager.db)
        user.in_demo_group = bool(in_demo_group)
        return user if self.user_can_authenticate(user) else None

    def user_can_authenticate(self, user):
        if not super().user_can_authenticate(user):
            return False
        if settings.DEBUG:
            return True
        in_demo_group = getattr(user, "in_demo_group", None)
        if in_demo_group is None:
            in_demo_group = user.groups.filter(name=DEMO_GROUP).exists()
        return not in_demo_group

    def get_all_permissions(self, user_obj, obj=None):
        """As ModelBackend's ("app_label.codename" strings, cached on the user), in one
        query: the user's own permissions and their groups'."""
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        if not hasattr(user_obj, "_perm_cache"):
            connection = connections[Permission.objects.db]
            with connection.cursor() as cursor:
                if user_obj.is_superuser:
                    cursor.execute(_permissions_sql(connection.vendor, every=True))
                else:
                    cursor.execute(_permissions_sql(connection.vendor), [user_obj.pk] * 2)
                labels = cursor.fetchall()
            user_obj._perm_cache = {f"{app_label}.{codename}" for app_label, codename in labels}
        return user_obj._perm_cache


def _quoted(vendor: str):
    """The database's quote_name (`vendor` keeps each database's SQL apart in the cache)."""
    return connections[Permission.objects.db].ops.quote_name


@cache
def _user_sql(vendor: str) -> str:
    """The user, and whether they belong to the demo group (parameters: the group's name,
    the user's id)."""
    qn = _quoted(vendor)
    user_model = get_user_model()
    meta = user_model._meta
    user_groups = meta.get_field("groups").remote_field.through._meta
    columns = ", ".join(f"u.{qn(field.column)}" for field in meta.concrete_fields)
    return (
        f"SELECT {columns}, EXISTS (SELECT 1 FROM {qn(user_groups.db_table)} ug "
        f"INNER JOIN {qn(Group._meta.db_table)} g ON g.{qn('id')} = ug.{qn('group_id')} "
        f"WHERE ug.{qn('user_id')} = u.{qn(meta.pk.column)} AND g.{qn('name')} = %s) "
        f"AS {qn('in_demo_group')} "
        f"FROM {qn(meta.db_table)} u WHERE u.{qn(meta.pk.column)} = %s"
    )


@cache
def _permissions_sql(vendor: str, *, every: bool = False) -> str:
    """Every permission's (app label, codename); or, with the user's id twice as
    parameters, those given to the user or to any of their groups."""
    qn = _quoted(vendor)
    user_meta = get_user_model()._meta
    user_permissions = user_meta.get_field("user_permissions").remote_field.through._meta
    user_groups = user_meta.get_field("groups").remote_field.through._meta
    group_permissions = Group._meta.get_field("permissions").remote_field.through._meta
    sql = (
        f"SELECT ct.{qn('app_label')}, p.{qn('codename')} "
        f"FROM {qn(Permission._meta.db_table)} p INNER JOIN {qn(ContentType._meta.db_table)} ct "
        f"ON ct.{qn('id')} = p.{qn('content_type_id')}"
    )
    if every:
        return sql
    return (
        f"{sql} WHERE p.{qn('id')} IN (SELECT up.{qn('permission_id')} "
        f"FROM {qn(user_permissions.db_table)} up WHERE up.{qn('user_id')} = %s) "
        f"OR p.{qn('id')} IN (SELECT gp.{qn('permission_id')} "
        f"FROM {qn(group_permissions.db_table)} gp INNER JOIN {qn(user_groups.db_table)} ug "
        f"ON ug.{qn('group_id')} = gp.{qn('group_id')} WHERE ug.{qn('user_id')} = %s)"
    )
