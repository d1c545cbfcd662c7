"""Reminders e-mailed to lead agencies of the actions whose update is due."""

from dataclasses import dataclass

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import timezone

from ..models import (
    Action,
    Agency,
)


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
