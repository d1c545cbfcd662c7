"""Writes of reporting rounds: opening, closing (publishing the report), reminders."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.formats import date_format

from actions.services import Reminder
from audit.models import AuditEntry
from audit.services import audit_record
from priorities.models import ReportingYear
from reports.services import report_publish

from .models import ReportingRound, RoundReminder
from .selectors import round_outstanding_by_agency


@transaction.atomic
def round_open(*, year: ReportingYear, label: str, deadline: datetime.date, user) -> ReportingRound:
    """Open a round of updates on the year's actions. It starts from the round closed last
    (its `previous`). Refused if the year already has an open round."""
    previous = ReportingRound.objects.closed().order_by("-closed_at", "-id").first()
    reporting_round = ReportingRound(
        year=year,
        label=label,
        deadline=deadline,
        opened_at=timezone.now(),
        opened_by=user if user is not None and user.is_authenticated else None,
        previous=previous,
    )
    reporting_round.full_clean()
    reporting_round.save()
    audit_record(user=user, kind=AuditEntry.Kind.CREATED, obj=reporting_round, note="Opened")
    return reporting_round


@transaction.atomic
def round_close(*, reporting_round: ReportingRound, user) -> ReportingRound:
    """Close the round and publish the year's report as it stands, titled with the round's
    label, for the Responsible Authorities Group's meeting."""
    reporting_round = (
        ReportingRound.objects.select_for_update().select_related("year").get(pk=reporting_round.pk)
    )
    if not reporting_round.is_open:
        raise ValidationError(f"{reporting_round.label} is already closed.")
    published = report_publish(
        year=reporting_round.year,
        user=user,
        title=f"{reporting_round.year.label} report, {reporting_round.label}",
    )
    reporting_round.closed_at = published.published_at
    reporting_round.closed_by = user if user is not None and user.is_authenticated else None
    reporting_round.published = published
    reporting_round.full_clean()
    reporting_round.save()
    audit_record(
        user=user,
        kind=AuditEntry.Kind.CHANGED,
        obj=reporting_round,
        changes={"closed_at": [None, published.published_at.isoformat()]},
        note=f"Closed; published {published.title}",
    )
    return reporting_round


def round_reminders_send(
    *, reporting_round: ReportingRound, site_url: str, dry_run: bool = False
) -> list[Reminder]:
    """E-mail each agency with actions still outstanding in the open round the list of
    them, each with a link to its edit page at `site_url`, and the round's deadline.

    An agency is reminded at most once a day in a round (RoundReminder records each day
    sent), so running it again the same day sends nothing twice. An agency with no
    contact address is reported, not e-mailed. Nothing is sent for a closed round.
    """
    if not reporting_round.is_open:
        return []
    today = timezone.localdate()
    reminded = set(
        RoundReminder.objects.filter(round=reporting_round, sent_on=today).values_list(
            "agency_id", flat=True
        )
    )
    reminders = []
    for agency, actions in round_outstanding_by_agency(reporting_round).items():
        emails = {member.email for member in agency.members.all() if member.email}
        if agency.contact_email:
            emails.add(agency.contact_email)
        recipients = sorted(emails)
        send = bool(recipients) and agency.pk not in reminded and not dry_run
        if send:
            with transaction.atomic():
                # The day's record first: a second run at the same moment fails on the
                # database's constraint instead of sending again.
                RoundReminder.objects.create(
                    round=reporting_round,
                    agency=agency,
                    sent_on=today,
                    recipients="\n".join(recipients),
                    action_count=len(actions),
                )
                body = render_to_string(
                    "rounds/email/reminder.txt",
                    {
                        "agency": agency,
                        "actions": actions,
                        "round": reporting_round,
                        "site_url": site_url,
                    },
                )
                send_mail(
                    f"{reporting_round.label}: {len(actions)} action update"
                    f"{'s' if len(actions) != 1 else ''} due by "
                    f"{date_format(reporting_round.deadline, 'j F Y')}",
                    body,
                    settings.DEFAULT_FROM_EMAIL,
                    recipients,
                )
        reminders.append(Reminder(agency, recipients, actions, send))
    return reminders
