"""Edits of actions: who may change what, conflict-safe saves with their history and
audit entries, new rows, their order and lead agencies, and the search column."""

import difflib

from django.contrib.postgres.aggregates import StringAgg
from django.contrib.postgres.search import SearchVector
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.db.models import F, Max, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Concat
from django.utils import timezone

from audit.models import AuditEntry
from audit.services import audit_diff, audit_record, audit_snapshot
from priorities import selectors as priority_selectors
from priorities.models import Priority, ReportingYear

from ..models import (
    LEAD_SEPARATOR,
    Action,
    ActionLead,
    ActionUpdate,
    Agency,
    AgencyAlias,
)

# What each kind of editor may change. Partners post updates; coordinators edit more.
PARTNER_FIELDS = ("update", "progress_status", "internal_note")
COORDINATOR_FIELDS = (
    "update",
    "progress_status",
    "internal_note",
    "target",
    "timescale",
    "internal",
)
UPDATE_FIELDS = {"update", "progress_status"}


class EditConflict(Exception):
    """Someone saved the action after the editor opened it; nothing was saved."""

    def __init__(self, current: Action):
        super().__init__(f"{current} was saved by someone else (now version {current.version})")
        self.current = current


def action_editable_fields(*, user, action: Action) -> tuple[str, ...]:
    """The fields `user` may change on `action`; empty if none. Partners update the actions
    their agencies lead, in the newest year or one a coordinator reopened."""
    if user.has_perm("actions.change_action"):
        return COORDINATOR_FIELDS
    if (
        user.has_perm("actions.post_update_own_agency")
        and action.is_led_by_any(set(user.agencies.values_list("pk", flat=True)))
        and ReportingYear.objects.open_to_partners().filter(pk=action.priority.year_id).exists()
    ):
        return PARTNER_FIELDS
    return ()


def update_needs_approval(*, user, fields) -> bool:
    """Whether an edit of `fields` by `user` waits for a coordinator's approval: a
    partner's update while the partnership's setting says so (priorities.models.
    Partnership); a coordinator's edits publish at once."""
    return fields == PARTNER_FIELDS and priority_selectors.updates_need_approval()


@transaction.atomic
def action_update(*, action: Action, user, version: int, data: dict) -> Action:
    """Save an edit of `action` made from `version`, with its history and audit entry.

    Raises PermissionDenied for a field the user may not change (or for a partner whose
    updates need approval: proposal_submit is theirs), EditConflict if the action was
    saved since `version` (nothing is written), ValidationError for bad values.
    """
    allowed = action_editable_fields(user=user, action=action)
    refused = set(data) - set(allowed)
    if refused or not allowed:
        raise PermissionDenied(f"{user} may not change {', '.join(sorted(refused)) or 'this'}")
    if update_needs_approval(user=user, fields=allowed):
        raise PermissionDenied("A partner's update needs a coordinator's approval.")
    return action_write(action=action, user=user, version=version, data=data, author=user)


def action_write(
    *,
    action: Action,
    user,
    version: int,
    data: dict,
    author,
    author_name: str = "",
    note: str = "",
) -> Action:
    """Write `data` on `action` if it is still at `version`: the version bumped, the
    update's date and editor set, a history entry and an audit entry. `user` makes the
    write (the audit entry's); `author` wrote the words (the history's and the update's
    editor; None for a deleted account, named by `author_name`). The callers check who
    may write what. Raises EditConflict, ValidationError."""
    # Compare with the row as saved, not with `action`, which a form may have changed.
    edited = Action.objects.get(pk=action.pk)
    before = {field: getattr(edited, field) for field in data}
    for field, value in data.items():
        setattr(edited, field, value)
    edited.full_clean(exclude=["priority", "initiative"])
    changes = audit_diff(before, data)
    if not changes:
        return edited

    now = timezone.now()
    values = dict(data, version=F("version") + 1)
    if set(changes) & UPDATE_FIELDS:
        values.update(update_changed_at=now, update_changed_by=author)
    # The version check and the write are one statement: of two saves made from the
    # same version, exactly one matches.
    saved = Action.objects.filter(pk=action.pk, version=version).update(**values)
    if not saved:
        raise EditConflict(Action.objects.select_related("update_changed_by").get(pk=action.pk))

    action_search_refresh(actions=Action.objects.filter(pk=action.pk))
    action = Action.objects.get(pk=action.pk)
    ActionUpdate.objects.create(
        action=action,
        author=author,
        author_name=author_name or author.get_full_name() or author.get_username(),
        version=action.version,
        changes=changes,
    )
    audit_record(user=user, kind=AuditEntry.Kind.CHANGED, obj=action, changes=changes, note=note)
    return action


class SharedRowConflict(EditConflict):
    """Someone saved one of the same work's other rows after the editor opened the form."""


@transaction.atomic
def action_update_shared(
    *, action: Action, user, version: int, data: dict, shared: dict[int, int]
) -> Action:
    """Save an edit of `action` and the same update and progress status on the same work's
    other rows of the year (`shared`: their ids and the versions the editor saw), each
    with its own history and audit entry, all or nothing.

    Raises what action_update raises; SharedRowConflict if one of the other rows was saved
    since its version (nothing is written).
    """
    saved = action_update(action=action, user=user, version=version, data=data)
    same = {field: value for field, value in data.items() if field in UPDATE_FIELDS}
    others = Action.objects.filter(
        pk__in=shared, initiative_id=action.initiative_id, priority__year_id=action.priority.year_id
    ).exclude(pk=action.pk)
    others = others.select_related("priority__year").prefetch_related("leads__agency")
    if len(others) != len(shared):
        raise PermissionDenied("Only rows of the same work in the same year are updated together.")
    for other in others:
        try:
            action_update(action=other, user=user, version=shared[other.pk], data=same)
        except EditConflict as conflict:
            raise SharedRowConflict(conflict.current) from None
    return saved


def agency_resolve(name: str) -> Agency:
    """The agency a published name means: its short name or an alias, ignoring case.

    Raises ValidationError naming the unknown name, with the closest known names.
    """
    name = name.strip()
    agency = Agency.objects.filter(short_name__iexact=name).first()
    if agency is None:
        alias = AgencyAlias.objects.select_related("agency").filter(name__iexact=name).first()
        agency = alias.agency if alias else None
    if agency is None:
        known = list(Agency.objects.values_list("short_name", flat=True))
        known += list(AgencyAlias.objects.values_list("name", flat=True))
        close = difflib.get_close_matches(name, known, n=3, cutoff=0.6)
        hint = f" Did you mean {' or '.join(close)}?" if close else ""
        raise ValidationError(f"“{name}” is not a known lead agency.{hint}")
    return agency


def action_set_leads(*, action: Action, lead_text: str) -> None:
    """Set an action's lead agencies from its lead text as written (`Herts Police/DBC`)."""
    names = [name.strip() for name in lead_text.split(LEAD_SEPARATOR)]
    if not all(names):
        raise ValidationError("Lead agencies are names separated by “/”, with none empty.")
    agencies = [agency_resolve(name) for name in names]
    if len({agency.pk for agency in agencies}) < len(agencies):
        raise ValidationError("The same agency is named twice.")
    action.leads.all().delete()
    ActionLead.objects.bulk_create(
        ActionLead(action=action, agency=agency, position=n, written_as=name)
        for n, (agency, name) in enumerate(zip(agencies, names, strict=True), start=1)
    )


@transaction.atomic
def action_create(*, priority: Priority, user, data: dict) -> Action:
    """Add an action at the end of a priority's table, with its leads, the first entry of
    its history (who added it, and when) and an audit entry."""
    last = priority.actions.aggregate(last=Max("position"))["last"] or 0
    now = timezone.now()
    action = Action(priority=priority, position=last + 1, created_at=now, **data)
    if data.get("update") or data.get("progress_status"):
        action.update_changed_at, action.update_changed_by = now, user
    action.full_clean()
    action.save()
    action_set_leads(action=action, lead_text=action.lead_text)
    action_search_refresh(actions=Action.objects.filter(pk=action.pk))
    ActionUpdate.objects.create(
        action=action,
        author=user,
        author_name=user.get_full_name() or user.get_username(),
        version=action.version,
        changes=audit_diff({}, {name: value for name, value in data.items() if value}),
    )
    audit_record(
        user=user,
        kind=AuditEntry.Kind.CREATED,
        obj=action,
        changes=audit_diff({}, audit_snapshot(action)),
    )
    return action


@transaction.atomic
def action_move(*, action: Action, user, offset: int) -> Action:
    """Move an action up (offset -1) or down (+1) its priority's table, swapping rows."""
    neighbour = (
        Action.objects.select_for_update()
        .filter(priority_id=action.priority_id, position=action.position + offset)
        .first()
    )
    if neighbour is None:
        return action
    old, new = action.position, neighbour.position
    # One row steps aside so that no two rows ever share a position.
    parked = Action.objects.filter(priority_id=action.priority_id).aggregate(m=Max("position"))
    Action.objects.filter(pk=action.pk).update(position=parked["m"] + 1)
    Action.objects.filter(pk=neighbour.pk).update(position=old)
    Action.objects.filter(pk=action.pk).update(position=new)
    action.position = new
    audit_record(
        user=user,
        kind=AuditEntry.Kind.CHANGED,
        obj=action,
        changes={"position": [old, new]},
        note=f"Swapped with row {new}, which is now row {old}",
    )
    return action


def action_search_vector():
    """The expression of an action's search column (PostgreSQL): its text by weight, the
    action first, in English so that a word finds its other forms (burglaries, burglary)."""
    agency_names = (
        ActionLead.objects.filter(action=OuterRef("pk"))
        .order_by()
        .values("action")
        .annotate(names=StringAgg(Concat("agency__short_name", Value(" "), "agency__name"), " "))
        .values("names")
    )
    return (
        SearchVector("action", weight="A", config="english")
        + SearchVector("target", "timescale", "lead_text", weight="B", config="english")
        + SearchVector(Subquery(agency_names), weight="B", config="english")
        + SearchVector("update", weight="C", config="english")
    )


def action_search_refresh(*, actions: QuerySet[Action] | None = None) -> int:
    """Bring the search column of `actions` (every action when None) up to date with their
    text and their lead agencies' names: one UPDATE. Every write that changes an action,
    its leads or an agency's names calls this. Nothing to do on databases other than
    PostgreSQL, which search the text itself. Returns how many rows it updated."""
    if connection.vendor != "postgresql":
        return 0
    actions = Action.objects.all() if actions is None else actions
    return actions.update(search_vector=action_search_vector())
