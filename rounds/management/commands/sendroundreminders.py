from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from rounds.models import ReportingRound
from rounds.services import round_reminders_send


class Command(BaseCommand):
    help = (
        "E-mail each lead agency's contacts the actions they still owe an update on in each "
        "open reporting round (not updated since the round opened), with the round's "
        "deadline. An agency is reminded at most once a day in a round, so it is safe to run "
        "from cron as often as you like. Each action links to its edit page at SITE_URL."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Say what would be sent; send nothing."
        )

    def handle(self, *args, dry_run: bool, **options):
        rounds = list(ReportingRound.objects.open().select_related("year").order_by("opened_at"))
        if not rounds:
            self.stdout.write("No reporting round is open: nothing to remind anyone of.")
            return
        if not settings.SITE_URL:
            raise CommandError(
                "SITE_URL is not set: the reminders could not link to the site. Set it to "
                "the site's address, e.g. https://csp.example.org (see .env.example)."
            )
        for reporting_round in rounds:
            reminders = round_reminders_send(
                reporting_round=reporting_round, site_url=settings.SITE_URL, dry_run=dry_run
            )
            for reminder in reminders:
                outcome = reminder.outcome(
                    dry_run=dry_run, already="already reminded today in this round"
                )
                self.stdout.write(
                    f"{reporting_round.label}: {reminder.agency.short_name}: "
                    f"{len(reminder.actions)} outstanding, {outcome}"
                )
            sent = sum(reminder.sent for reminder in reminders)
            self.stdout.write(
                f"{sent} reminder(s) sent for {reporting_round.label} "
                f"(due by {reporting_round.deadline:%d/%m/%Y})."
            )
