"""Writes of indicators and their hand-entered values: who may make them, and each with
its audit entry. An edit or removal names the version it started from and is refused if
someone saved in between."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone

from audit.models import AuditEntry
from audit.services import audit_diff, audit_record
from priorities.models import Priority

from .models import Indicator, IndicatorValue

INDICATOR_FIELDS = (
    "name",
    "kind",
    "unit",
    "baseline_start",
    "baseline_end",
    "target_change",
    "target_value",
    "direction",
)
INDICATOR_LISTS = ("crime_types", "wards")
VALUE_FIELDS = ("period_start", "period_end", "value", "note")


class IndicatorConflict(Exception):
    """Someone saved or removed the indicator (or value) after the editor opened it."""

    def __init__(self, current):
        super().__init__("Changed by someone else")
        self.current = current


def indicator_may_change(*, user) -> bool:
    """Coordinators (permission to change priorities) add, edit and remove indicators and
    enter their figures."""
    return user.is_authenticated and user.has_perm("priorities.change_priority")


def _check(user) -> None:
    if not indicator_may_change(user=user):
        raise PermissionDenied(f"{user} may not change indicators")


def _snapshot(indicator: Indicator) -> dict:
    values = {name: getattr(indicator, name) for name in INDICATOR_FIELDS}
    if indicator.pk:
        values["crime_types"] = list(indicator.crime_types.all())
        values["wards"] = list(indicator.wards.all())
    return values


@transaction.atomic
def indicator_create(*, priority: Priority, user, data: dict) -> Indicator:
    """Add an indicator at the end of the priority's list, with its audit entry. `data`
    holds INDICATOR_FIELDS and, as lists, crime_types and wards."""
    _check(user)
    # The priority's row is locked so that two indicators added at once get two positions.
    Priority.objects.select_for_update().filter(pk=priority.pk).first()
    last = priority.indicators.aggregate(last=Max("position"))["last"] or 0
    fields = {name: data[name] for name in INDICATOR_FIELDS}
    indicator = Indicator(priority=priority, position=last + 1, **fields)
    indicator.full_clean()
    indicator.save()
    indicator.crime_types.set(data.get("crime_types", []))
    indicator.wards.set(data.get("wards", []))
    audit_record(
        user=user,
        kind=AuditEntry.Kind.CREATED,
        obj=indicator,
        changes=audit_diff({}, _snapshot(indicator)),
    )
    return indicator


@transaction.atomic
def indicator_update(*, indicator: Indicator, user, version: int, data: dict) -> Indicator:
    """Save an edit made from `version`. Raises IndicatorConflict if the indicator was
    saved or removed since (nothing is written), ValidationError for bad values."""
    _check(user)
    edited = Indicator.objects.filter(pk=indicator.pk).first()
    if edited is None:
        raise IndicatorConflict(None)
    before = _snapshot(edited)
    fields = {name: data[name] for name in INDICATOR_FIELDS}
    for name, value in fields.items():
        setattr(edited, name, value)
    edited.full_clean(exclude=["priority"])
    after = {**fields, "crime_types": list(data["crime_types"]), "wards": list(data["wards"])}
    changes = audit_diff(before, after)
    if not changes:
        return edited
    saved = Indicator.objects.filter(pk=indicator.pk, version=version).update(
        **fields, version=F("version") + 1
    )
    if not saved:
        raise IndicatorConflict(Indicator.objects.get(pk=indicator.pk))
    edited.refresh_from_db()
    edited.crime_types.set(data["crime_types"])
    edited.wards.set(data["wards"])
    audit_record(user=user, kind=AuditEntry.Kind.CHANGED, obj=edited, changes=changes)
    return edited


@transaction.atomic
def indicator_delete(*, indicator: Indicator, user, version: int) -> None:
    """Remove an indicator (and its values) as it was at `version`."""
    _check(user)
    before = _snapshot(indicator)
    values = list(indicator.values.all())
    deleted, _ = Indicator.objects.filter(pk=indicator.pk, version=version).delete()
    if not deleted:
        raise IndicatorConflict(Indicator.objects.filter(pk=indicator.pk).first())
    before["values"] = [f"{value.period.label}: {value.value}" for value in values]
    audit_record(
        user=user, kind=AuditEntry.Kind.DELETED, obj=indicator, changes=audit_diff(before, {})
    )


@transaction.atomic
def value_create(*, indicator: Indicator, user, data: dict) -> IndicatorValue:
    """Enter a hand-entered indicator's figure for a period, with its audit entry."""
    _check(user)
    value = IndicatorValue(indicator=indicator, entered_by=user, entered_at=timezone.now(), **data)
    value.full_clean()
    value.save()
    audit_record(
        user=user,
        kind=AuditEntry.Kind.CREATED,
        obj=value,
        changes=audit_diff({}, {name: data[name] for name in VALUE_FIELDS}),
    )
    return value


@transaction.atomic
def value_update(*, value: IndicatorValue, user, version: int, data: dict) -> IndicatorValue:
    """Correct an entered figure as it was at `version`."""
    _check(user)
    edited = IndicatorValue.objects.filter(pk=value.pk).select_related("indicator").first()
    if edited is None:
        raise IndicatorConflict(None)
    before = {name: getattr(edited, name) for name in VALUE_FIELDS}
    for name, item in data.items():
        setattr(edited, name, item)
    edited.full_clean()
    changes = audit_diff(before, data)
    if not changes:
        return edited
    saved = IndicatorValue.objects.filter(pk=value.pk, version=version).update(
        **data, entered_by=user, entered_at=timezone.now(), version=F("version") + 1
    )
    if not saved:
        raise IndicatorConflict(IndicatorValue.objects.get(pk=value.pk))
    edited.refresh_from_db()
    audit_record(user=user, kind=AuditEntry.Kind.CHANGED, obj=edited, changes=changes)
    return edited


@transaction.atomic
def value_delete(*, value: IndicatorValue, user, version: int) -> None:
    """Remove an entered figure as it was at `version`."""
    _check(user)
    before = {name: getattr(value, name) for name in VALUE_FIELDS}
    deleted, _ = IndicatorValue.objects.filter(pk=value.pk, version=version).delete()
    if not deleted:
        raise IndicatorConflict(IndicatorValue.objects.filter(pk=value.pk).first())
    audit_record(user=user, kind=AuditEntry.Kind.DELETED, obj=value, changes=audit_diff(before, {}))
