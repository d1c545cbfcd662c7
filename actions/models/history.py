"""An action's history: one entry per saved edit, each field from and to."""

from django.conf import settings
from django.db import models

from .actions import Action


class ActionUpdate(models.Model):
    """One saved edit of an action: who made it, when, and each field from and to."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="history")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    author_name = models.CharField(max_length=150, help_text="Kept if the account is deleted.")
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    version = models.PositiveIntegerField(help_text="The action's version this edit made.")
    changes = models.JSONField(help_text="Field name to [from, to].")

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "action update"
        constraints = [
            models.UniqueConstraint(
                fields=["action", "version"], name="actionupdate_one_per_version"
            ),
        ]

    def __str__(self) -> str:
        if self.is_creation:
            return f"{self.author_name} added “{self.action}”"
        return f"{self.author_name} edited “{self.action}”"

    def get_absolute_url(self) -> str:
        return self.action.get_absolute_url() + "#history"

    @property
    def is_creation(self) -> bool:
        """Whether this entry records the action's being added (version 1; every edit
        makes a later version)."""
        return self.version == 1
