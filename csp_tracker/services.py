"""Writes every app shares: the audit trail."""

import datetime
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db import models

from .models import AuditEntry

# Values never written to the audit trail, only that they changed.
SECRET_FIELDS = {"password"}
HIDDEN = "(hidden)"


def audit_value(value):
    """A value as the audit trail stores it: JSON-safe and readable."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, datetime.date | datetime.datetime | datetime.time):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, list | tuple | set | models.QuerySet):
        return sorted(str(item) for item in value)
    return str(value)


def audit_diff(before: dict, after: dict) -> dict:
    """{field: [before, after]} for the fields whose values differ."""
    changes = {}
    for field in sorted(set(before) | set(after)):
        old, new = audit_value(before.get(field)), audit_value(after.get(field))
        if old != new:
            changes[field] = [HIDDEN, HIDDEN] if field in SECRET_FIELDS else [old, new]
    return changes


def audit_snapshot(obj: models.Model) -> dict:
    """The concrete, editable field values of an object, for a before or after."""
    return {
        field.name: getattr(obj, field.name)
        for field in obj._meta.concrete_fields
        if field.editable and not field.primary_key
    }


def audit_record(
    *,
    user,
    kind: str,
    obj: models.Model,
    changes: dict | None = None,
    note: str = "",
) -> AuditEntry:
    """Write one audit entry: `user` (or None for the system) did `kind` to `obj`."""
    user = user if user is not None and user.is_authenticated else None
    return AuditEntry.objects.create(
        user=user,
        username=user.get_username() if user else "",
        kind=kind,
        content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False),
        object_id=str(obj.pk),
        object_repr=str(obj)[:300],
        changes=changes or {},
        note=note[:300],
    )


# The demo's accounts: user name, password, role, full name. DEBUG only (see
# demo_accounts_ensure); their passwords are printed by `make run` and listed in the README.
DEMO_ACCOUNTS = [
    ("coordinator", "Halloween-Marlowes-2011", "Coordinator", "Casey Coordinator"),
    ("partner", "Drive-Safely-Schools-2011", "Partner", "Pat Partner (Herts Police)"),
    ("councillor", "Ward-Figures-Boxmoor-2011", "Councillor", "Cllr Chris Councillor"),
    ("admin", "Tring-Castle-Admin-2011", "Administrator", "Alex Administrator"),
]
DEMO_PARTNER_AGENCY = "Herts Police"


class DemoAccountsRefused(Exception):
    pass


def demo_accounts_ensure() -> list[tuple[str, str, str]]:
    """Create the demo accounts, or reset their passwords and roles; DEBUG only.

    Returns (user name, password, role) for each. Members of the "Demo accounts" group
    cannot log in when DEBUG is off (csp_tracker.backends), should this database ever
    be used in production.
    """
    from django.conf import settings
    from django.contrib.auth.models import Group, User
    from django.db import transaction

    from actions.models import Agency

    from .roles import ADMINISTRATOR, DEMO_GROUP

    if not settings.DEBUG:
        raise DemoAccountsRefused("Demo accounts are for the demo only, and DEBUG is off.")
    created = []
    with transaction.atomic():
        demo_group = Group.objects.get(name=DEMO_GROUP)
        for username, password, role, full_name in DEMO_ACCOUNTS:
            first, _, last = full_name.partition(" ")
            user, is_new = User.objects.get_or_create(
                username=username,
                defaults={
                    "first_name": first,
                    "last_name": last,
                    "email": f"{username}@example.invalid",
                },
            )
            if is_new or not user.check_password(password):
                user.set_password(password)
                user.is_staff = user.is_superuser = role == ADMINISTRATOR
                user.save()
                audit_record(
                    user=None,
                    kind=AuditEntry.Kind.CREATED if is_new else AuditEntry.Kind.CHANGED,
                    obj=user,
                    changes={"password": ["(hidden)", "(hidden)"]},
                    note="Demo account (DEBUG only)",
                )
            user.groups.set([Group.objects.get(name=role), demo_group])
            if role == "Partner":
                agency = Agency.objects.filter(short_name=DEMO_PARTNER_AGENCY).first()
                if agency:
                    agency.members.add(user)
            created.append((username, password, role))
    return created
