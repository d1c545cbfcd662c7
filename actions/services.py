"""Writes to actions and agencies: edits with their history, new rows, order, reminders."""

import difflib
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.contrib.postgres.aggregates import StringAgg
from django.contrib.postgres.search import SearchVector
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import connection, transaction
from django.db.models import F, Max, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Concat
from django.template.loader import render_to_string
from django.utils import timezone

from audit.models import AuditEntry
from audit.services import audit_diff, audit_record, audit_snapshot
from priorities import selectors as priority_selectors
from priorities.models import Priority, ReportingYear

from .models import (
    LEAD_SEPARATOR,
    Action,
    ActionLead,
    ActionUpdate,
    Agency,
    AgencyAlias,
    Milestone,
    UpdateProposal,
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


@dataclass
class Reminder:
    agency: Agency
    recipients: list[str]
    actions: list[Action]
    sent: bool

    def outcome(self, *, dry_run: bool, already: str = "already reminded today") -> str:
        """What became of the reminder, in words, for a command's output."""
        if self.sent:
            return f"sent to {', '.join(self.recipients)}"
        if not self.recipients:
            return "not sent: the agency has no contact address or member with e-mail"
        if dry_run:
            return f"would be sent to {', '.join(self.recipients)}"
        return f"not sent: {already}"


def reminders_send(
    *, due: dict[Agency, list[Action]], site_url: str, dry_run: bool = False
) -> list[Reminder]:
    """E-mail each agency's contacts the list of its actions whose update is due, each
    with a link to its edit page on the site at `site_url` (https://csp.example.org).

    An agency already reminded today is skipped, so running it more than once a day sends
    nothing twice. An agency with no contact address is reported, not e-mailed.
    """
    today = timezone.localdate()
    reminders = []
    for agency, actions in due.items():
        emails = {member.email for member in agency.members.all() if member.email}
        if agency.contact_email:
            emails.add(agency.contact_email)
        recipients = sorted(emails)
        already = agency.last_reminded_on == today
        send = bool(recipients) and not already and not dry_run
        if send:
            body = render_to_string(
                "actions/email/reminder.txt",
                {
                    "agency": agency,
                    "actions": actions,
                    "days": settings.UPDATE_DUE_DAYS,
                    "site_url": site_url,
                },
            )
            send_mail(
                f"{len(actions)} action update{'s' if len(actions) != 1 else ''} due",
                body,
                settings.DEFAULT_FROM_EMAIL,
                recipients,
            )
            Agency.objects.filter(pk=agency.pk).update(last_reminded_on=today)
        reminders.append(Reminder(agency, recipients, actions, send))
    return reminders


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


class ProposalDecided(Exception):
    """The proposed update was approved or returned already (by another coordinator)."""


def coordinators_emails() -> list[str]:
    """The addresses of the active accounts that may approve partners' updates (those
    holding actions.change_action through a role or of their own)."""
    permission = Permission.objects.filter(
        content_type__app_label="actions", codename="change_action"
    ).values("pk")
    users = (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(Q(groups__permissions__in=permission) | Q(user_permissions__in=permission))
        .exclude(email="")
    )
    return sorted(set(users.values_list("email", flat=True)))


def proposal_email(*, proposal: UpdateProposal, template: str, subject: str, to: list[str]):
    """One e-mail about a proposed update, linking to the site at SITE_URL."""
    if not to:
        return
    body = render_to_string(
        template, {"proposal": proposal, "action": proposal.action, "site_url": settings.SITE_URL}
    )
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, to)


@transaction.atomic
def proposal_submit(*, action: Action, user, version: int, data: dict) -> UpdateProposal | None:
    """Save a partner's update of `action` (made from `version`) as pending a
    coordinator's approval, beside the published one, with an audit entry; e-mail the
    coordinators. A pending proposal of the action is replaced by this one. Nothing is
    proposed (None) when the update and status are those published and none is pending.

    Raises PermissionDenied unless the user's updates need approval, EditConflict if the
    action was saved since `version`, ValidationError for bad values.
    """
    allowed = action_editable_fields(user=user, action=action)
    if set(data) - set(allowed) or not update_needs_approval(user=user, fields=allowed):
        raise PermissionDenied(f"{user} may not propose an update of this action")
    current = Action.objects.select_for_update().get(pk=action.pk)
    if current.version != version:
        raise EditConflict(Action.objects.select_related("update_changed_by").get(pk=action.pk))
    pending = UpdateProposal.objects.select_for_update().filter(
        action=current, state=UpdateProposal.State.PENDING
    )
    proposal = pending.first()
    published = {field: getattr(current, field) for field in data}
    if proposal is None and not audit_diff(published, data):
        return None
    before = {field: getattr(proposal, field) for field in data} if proposal else published
    proposal = proposal or UpdateProposal(action=current)
    for field, value in data.items():
        setattr(proposal, field, value)
    proposal.author = user
    proposal.author_name = user.get_full_name() or user.get_username()
    proposal.based_on = version
    proposal.created_at = timezone.now()
    replaced = proposal.pk is not None
    proposal.full_clean()
    proposal.save()
    audit_record(
        user=user,
        kind=AuditEntry.Kind.CHANGED if replaced else AuditEntry.Kind.CREATED,
        obj=proposal,
        changes=audit_diff(before, data),
        note="Proposed update, pending approval",
    )
    proposal_email(
        proposal=proposal,
        template="actions/email/proposal_pending.txt",
        subject="An update is waiting for your approval",
        to=coordinators_emails(),
    )
    return proposal


def proposal_decided_check(*, proposal: UpdateProposal, user) -> UpdateProposal:
    """The proposal, locked and still pending, for a coordinator to decide on."""
    if not user.has_perm("actions.change_action"):
        raise PermissionDenied("Only coordinators approve or return updates.")
    locked = UpdateProposal.objects.select_for_update().get(pk=proposal.pk)
    if not locked.is_pending:
        raise ProposalDecided(f"{locked} was {locked.get_state_display().lower()} already")
    return locked


def proposal_author_emails(proposal: UpdateProposal) -> list[str]:
    author = proposal.author
    return [author.email] if author is not None and author.email else []


@transaction.atomic
def proposal_approve(*, proposal: UpdateProposal, user) -> Action:
    """Publish a pending update: it becomes the action's update (history entry in the
    author's name, audit entry, version bumped) if nobody changed the action's update,
    status or internal note since the version the partner started from (a milestone, a
    target or a timescale changed meanwhile does not stand in its way); the author is
    e-mailed.

    Raises PermissionDenied, ProposalDecided, EditConflict (the update was changed since:
    nothing is written and the proposal stays pending).
    """
    proposal = proposal_decided_check(proposal=proposal, user=user)
    data = {
        "update": proposal.update,
        "progress_status": proposal.progress_status,
        "internal_note": proposal.internal_note,
    }
    current = Action.objects.select_for_update().get(pk=proposal.action_id)
    changed_since = ActionUpdate.objects.filter(action=current, version__gt=proposal.based_on)
    written = Q()
    for field in data:
        written |= Q(changes__has_key=field)
    if changed_since.filter(written).exists():
        raise EditConflict(Action.objects.select_related("update_changed_by").get(pk=current.pk))
    action = action_write(
        action=proposal.action,
        user=user,
        version=current.version,
        data=data,
        author=proposal.author,
        author_name=proposal.author_name,
        note=f"Approved {proposal.author_name}'s update",
    )
    proposal_decide(proposal=proposal, user=user, state=UpdateProposal.State.APPROVED)
    proposal_email(
        proposal=proposal,
        template="actions/email/proposal_approved.txt",
        subject="Your update has been approved and published",
        to=proposal_author_emails(proposal),
    )
    return action


@transaction.atomic
def proposal_return(*, proposal: UpdateProposal, user, comment: str) -> UpdateProposal:
    """Return a pending update to its author with a comment (nothing is published), with
    an audit entry; the author is e-mailed and may submit again."""
    proposal = proposal_decided_check(proposal=proposal, user=user)
    if not comment.strip():
        raise ValidationError({"comment": "Say why the update is returned."})
    proposal.comment = comment.strip()
    return proposal_decide(
        proposal=proposal, user=user, state=UpdateProposal.State.RETURNED, notify=True
    )


def proposal_decide(*, proposal: UpdateProposal, user, state: str, notify: bool = False):
    """Record a coordinator's decision on the proposal, with an audit entry."""
    proposal.state = state
    proposal.reviewed_by = user
    proposal.reviewer_name = user.get_full_name() or user.get_username()
    proposal.reviewed_at = timezone.now()
    proposal.save()
    audit_record(
        user=user,
        kind=AuditEntry.Kind.CHANGED,
        obj=proposal,
        changes={"state": [UpdateProposal.State.PENDING.label, proposal.get_state_display()]},
        note=f"Returned: {proposal.comment}" if state == UpdateProposal.State.RETURNED else "",
    )
    if notify:
        proposal_email(
            proposal=proposal,
            template="actions/email/proposal_returned.txt",
            subject="Your update has been returned",
            to=proposal_author_emails(proposal),
        )
    return proposal
