from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from actions.selectors import updates_due
from actions.services import reminders_send
from priorities.models import ReportingYear


class Command(BaseCommand):
    help = (
        "E-mail each lead agency's contacts the newest year's actions whose update is older "
        "than UPDATE_DUE_DAYS (or --days). An agency is reminded at most once a day, so it "
        "is safe to run daily from cron. Each action links to its edit page at SITE_URL."
    )

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=settings.UPDATE_DUE_DAYS)
        parser.add_argument(
            "--dry-run", action="store_true", help="Say what would be sent; send nothing."
        )

    def handle(self, *args, days: int, dry_run: bool, **options):
        year = ReportingYear.objects.newest()
        if year is None:
            self.stdout.write("No reporting year: nothing to remind anyone of.")
            return
        if not settings.SITE_URL:
            raise CommandError(
                "SITE_URL is not set: the reminders could not link to the site. Set it to "
                "the site's address, e.g. https://csp.example.org (see .env.example)."
            )
        reminders = reminders_send(
            due=updates_due(year=year, days=days), site_url=settings.SITE_URL, dry_run=dry_run
        )
        for reminder in reminders:
            outcome = reminder.outcome(dry_run=dry_run)
            self.stdout.write(
                f"{reminder.agency.short_name}: {len(reminder.actions)} due, {outcome}"
            )
        sent = sum(reminder.sent for reminder in reminders)
        self.stdout.write(f"{sent} reminder(s) sent for {year.label} (due after {days} days).")
