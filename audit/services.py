"""Writing to the audit trail: every app's services record their changes here."""

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
