"""Milestones under an action: who may change them, and each change with its history
and audit entry."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone

from audit.models import AuditEntry
from audit.services import audit_diff, audit_record

from ..models import (
    Action,
    ActionUpdate,
    Milestone,
)
from .edits import action_editable_fields

# Milestones: who may change them, and each change with its history and audit entry.
MILESTONE_FIELDS = ("title", "due_on", "done_on", "agency")


class MilestoneConflict(Exception):
    """Someone saved or removed the milestone after the editor opened it; nothing was saved."""

    def __init__(self, current: Milestone | None):
        super().__init__("The milestone was changed by someone else")
        self.current = current


def milestone_may_change(*, user, action: Action) -> bool:
    """Whether `user` may add, edit, mark done and remove `action`'s milestones: those who
    may edit the action (coordinators, and partners of a lead agency while the year is
    open to them)."""
    return user.is_authenticated and bool(action_editable_fields(user=user, action=action))


def _milestone_check(*, user, action: Action) -> None:
    if not milestone_may_change(user=user, action=action):
        raise PermissionDenied(f"{user} may not change the milestones of this action")


def _milestone_history(*, action: Action, user, before: str | None, after: str | None) -> None:
    """One entry in the action's history for a milestone added, changed or removed: the
    action's version moves on (an edit of the action opened before it is refused, as
    after any other change to the page it was opened from)."""
    Action.objects.filter(pk=action.pk).update(version=F("version") + 1)
    version = Action.objects.values_list("version", flat=True).get(pk=action.pk)
    ActionUpdate.objects.create(
        action=action,
        author=user,
        author_name=user.get_full_name() or user.get_username(),
        version=version,
        changes={"milestone": [before, after]},
    )


@transaction.atomic
def milestone_create(*, action: Action, user, data: dict) -> Milestone:
    """Add a milestone at the end of the action's list, with its history and audit entry."""
    _milestone_check(user=user, action=action)
    # The action's row is locked so that two milestones added at once get two positions.
    Action.objects.select_for_update().filter(pk=action.pk).first()
    last = action.milestones.aggregate(last=Max("position"))["last"] or 0
    milestone = Milestone(action=action, position=last + 1, **data)
    milestone.full_clean()
    milestone.save()
    _milestone_history(action=action, user=user, before=None, after=milestone.summary())
    audit_record(
        user=user,
        kind=AuditEntry.Kind.CREATED,
        obj=milestone,
        changes=audit_diff({}, {name: data.get(name) for name in MILESTONE_FIELDS}),
    )
    return milestone


@transaction.atomic
def milestone_update(*, milestone: Milestone, user, version: int, data: dict) -> Milestone:
    """Save an edit of a milestone made from `version`. Raises MilestoneConflict if it was
    saved or removed since (nothing is written), ValidationError for bad values."""
    _milestone_check(user=user, action=milestone.action)
    edited = Milestone.objects.filter(pk=milestone.pk).select_related("agency").first()
    if edited is None:
        raise MilestoneConflict(None)
    before = {name: getattr(edited, name) for name in data}
    summary = edited.summary()
    for name, value in data.items():
        setattr(edited, name, value)
    edited.full_clean(exclude=["action"])
    changes = audit_diff(before, data)
    if not changes:
        return edited
    saved = Milestone.objects.filter(pk=milestone.pk, version=version).update(
        **data, version=F("version") + 1
    )
    if not saved:
        raise MilestoneConflict(Milestone.objects.select_related("agency").get(pk=milestone.pk))
    edited.refresh_from_db()
    _milestone_history(action=milestone.action, user=user, before=summary, after=edited.summary())
    audit_record(user=user, kind=AuditEntry.Kind.CHANGED, obj=edited, changes=changes)
    return edited


@transaction.atomic
def milestone_mark_done(*, milestone: Milestone, user) -> Milestone:
    """Mark a milestone done today. Marking one already done changes nothing."""
    _milestone_check(user=user, action=milestone.action)
    today = timezone.localdate()
    summary = milestone.summary()
    done = Milestone.objects.filter(pk=milestone.pk, done_on__isnull=True).update(
        done_on=today, version=F("version") + 1
    )
    milestone.refresh_from_db()
    if done:
        _milestone_history(
            action=milestone.action, user=user, before=summary, after=milestone.summary()
        )
        audit_record(
            user=user,
            kind=AuditEntry.Kind.CHANGED,
            obj=milestone,
            changes=audit_diff({"done_on": None}, {"done_on": today}),
        )
    return milestone


@transaction.atomic
def milestone_delete(*, milestone: Milestone, user, version: int) -> None:
    """Remove a milestone as it was at `version`. Raises MilestoneConflict if it was saved
    or removed since (nothing is removed)."""
    _milestone_check(user=user, action=milestone.action)
    summary = milestone.summary()
    deleted, _ = Milestone.objects.filter(pk=milestone.pk, version=version).delete()
    if not deleted:
        raise MilestoneConflict(Milestone.objects.filter(pk=milestone.pk).first())
    _milestone_history(action=milestone.action, user=user, before=summary, after=None)
    audit_record(
        user=user,
        kind=AuditEntry.Kind.DELETED,
        obj=milestone,
        changes=audit_diff({name: getattr(milestone, name) for name in MILESTONE_FIELDS}, {}),
    )
