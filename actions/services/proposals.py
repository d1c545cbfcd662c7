"""Partners' updates waiting for a coordinator's approval: proposed, approved or
returned, with e-mails both ways."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone

from audit.models import AuditEntry
from audit.services import audit_diff, audit_record

from ..models import (
    Action,
    ActionUpdate,
    UpdateProposal,
)
from .edits import EditConflict, action_editable_fields, action_write, update_needs_approval


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
