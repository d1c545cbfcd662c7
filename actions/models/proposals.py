"""Partners' updates waiting for a coordinator's approval."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from .actions import Action, ProgressStatus


class UpdateProposal(models.Model):
    """A partner's update (text and progress status) waiting for a coordinator's approval,
    beside the published one: only once approved does it become the action's update.

    Made from the action's `based_on` version: approving it after someone else saved the
    action is refused, as edits are. A returned proposal keeps the coordinator's comment.
    """

    class State(models.TextChoices):
        PENDING = "pending", "Pending approval"
        APPROVED = "approved", "Approved"
        RETURNED = "returned", "Returned"

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="proposals")
    update = models.TextField(blank=True)
    progress_status = models.CharField(
        max_length=12, choices=ProgressStatus.choices, blank=True, default=""
    )
    internal_note = models.TextField(
        blank=True, help_text="The partner's internal note, published with the update."
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    author_name = models.CharField(max_length=150, help_text="Kept if the account is deleted.")
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    based_on = models.PositiveIntegerField(
        help_text="The action's version the partner started from."
    )
    state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reviewer_name = models.CharField(max_length=150, blank=True)
    reviewed_at = models.DateTimeField(null=True, blank=True)
    comment = models.TextField(blank=True, help_text="Why it was returned.")

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = "proposed update"
        constraints = [
            models.UniqueConstraint(
                fields=["action"],
                condition=Q(state="pending"),
                name="updateproposal_one_pending_per_action",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.author_name}'s update of “{self.action}”"

    def get_absolute_url(self) -> str:
        return reverse("actions:pending_update_review", kwargs={"pk": self.pk})

    @property
    def is_pending(self) -> bool:
        return self.state == self.State.PENDING
