from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from actions.models import Agency
from priorities.models import ReportingYear
from reports.models import PublishedReport


class ReportingRoundQuerySet(models.QuerySet):
    def open(self) -> "ReportingRoundQuerySet":
        return self.filter(closed_at__isnull=True)

    def closed(self) -> "ReportingRoundQuerySet":
        return self.filter(closed_at__isnull=False)


class ReportingRound(models.Model):
    """One quarter's round of partners' updates on a year's actions (e.g. Q3 2012/13).

    Open from `opened_at` until a coordinator closes it; an action is done in the round
    when its update or status changed after the round opened. Closing it publishes the
    report as it stood (`published`). A year has at most one open round.
    """

    year = models.ForeignKey(ReportingYear, on_delete=models.PROTECT, related_name="rounds")
    label = models.CharField(max_length=100, help_text="As the meeting knows it, e.g. Q3 2012/13.")
    deadline = models.DateField(help_text="The date partners' updates are due by.")
    opened_at = models.DateTimeField(default=timezone.now, db_index=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    previous = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="next_rounds",
        help_text="The round closed before this one opened: its changes are counted from it.",
    )
    published = models.ForeignKey(
        PublishedReport,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="The report as it stood when the round closed.",
    )

    objects = ReportingRoundQuerySet.as_manager()

    class Meta:
        ordering = ["-opened_at", "-id"]
        verbose_name = "reporting round"
        constraints = [
            models.UniqueConstraint(
                fields=["year"],
                condition=Q(closed_at__isnull=True),
                name="round_one_open_per_year",
                violation_error_message="This year already has an open round: close it first.",
            ),
            models.UniqueConstraint(fields=["year", "label"], name="round_label_unique_in_year"),
            models.CheckConstraint(
                condition=Q(closed_at__isnull=True) | Q(closed_at__gte=models.F("opened_at")),
                name="round_closes_after_it_opens",
            ),
        ]

    def __str__(self) -> str:
        return self.label

    def get_absolute_url(self) -> str:
        return reverse("rounds:round_detail", kwargs={"pk": self.pk})

    @property
    def is_open(self) -> bool:
        return self.closed_at is None

    @property
    def changes_since(self):
        """When "what changed" counts from: the previous round's close, or for a first
        round its own opening."""
        if self.previous_id and self.previous.closed_at:
            return self.previous.closed_at
        return self.opened_at


class RoundReminder(models.Model):
    """A reminder e-mailed to an agency in a round on a day: at most one a day each."""

    round = models.ForeignKey(ReportingRound, on_delete=models.CASCADE, related_name="reminders")
    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+")
    sent_on = models.DateField()
    recipients = models.TextField(blank=True, help_text="The addresses it went to, one a line.")
    action_count = models.PositiveIntegerField(help_text="How many actions it listed.")

    class Meta:
        ordering = ["-sent_on", "id"]
        verbose_name = "round reminder"
        constraints = [
            models.UniqueConstraint(
                fields=["round", "agency", "sent_on"], name="round_reminder_once_a_day"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.agency} reminded on {self.sent_on:%d %b %Y} ({self.round})"

    def get_absolute_url(self) -> str:
        return self.round.get_absolute_url()
