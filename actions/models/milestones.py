"""An action's milestones: steps with their own due dates, late when past them and not
done."""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from .agencies import Agency


class MilestoneQuerySet(models.QuerySet):
    def late(self, today: datetime.date) -> "MilestoneQuerySet":
        """Milestones past their due date and not done: due before `today` (a milestone due
        today is not late yet)."""
        return self.filter(due_on__lt=today, done_on__isnull=True)


class Milestone(models.Model):
    """A step of an action with its own due date: done when its done date is set. An
    action with a milestone past its due date and not done is overdue; the published
    timescale stays the text it was.

    `version` counts saves: an edit names the version it started from and is refused if
    someone saved in between.
    """

    # Action by its name: actions.py imports this module, not the other way round.
    action = models.ForeignKey("Action", on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(max_length=200)
    due_on = models.DateField("due")
    done_on = models.DateField("done", null=True, blank=True, help_text="Empty until it is done.")
    agency = models.ForeignKey(
        Agency,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="milestones",
        verbose_name="responsible agency",
        help_text="Empty: the action's lead agency.",
    )
    position = models.PositiveSmallIntegerField(help_text="Its place in the action's list, from 1.")
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = MilestoneQuerySet.as_manager()

    class Meta:
        ordering = ["action", "position"]
        verbose_name = "milestone"
        constraints = [
            models.UniqueConstraint(
                fields=["action", "position"], name="milestone_position_unique_in_action"
            ),
            models.CheckConstraint(
                condition=Q(position__gte=1), name="milestone_position_positive"
            ),
            models.CheckConstraint(condition=~Q(title=""), name="milestone_title_not_empty"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("actions:action_detail", kwargs={"pk": self.action_id}) + (
            f"#milestone-{self.pk}"
        )

    def is_late(self, today: datetime.date) -> bool:
        """MilestoneQuerySet.late's rule for this one milestone."""
        return self.done_on is None and self.due_on < today

    @property
    def is_overdue(self) -> bool:
        return self.is_late(timezone.localdate())

    def summary(self) -> str:
        """One line for the history and the audit trail: title, due, done, who."""
        parts = [f"due {self.due_on.isoformat()}"]
        if self.done_on:
            parts.append(f"done {self.done_on.isoformat()}")
        if self.agency_id:
            parts.append(str(self.agency))
        return f"{self.title} ({', '.join(parts)})"

    def clean(self):
        if self.done_on and self.done_on > timezone.localdate():
            raise ValidationError({"done_on": "A milestone cannot be done on a day to come."})
