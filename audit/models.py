from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import reverse
from django.utils import timezone


class AuditEntry(models.Model):
    """One change to the partnership's data or accounts: who, when, and before and after.

    Written explicitly by the services that make changes, and by the admin's
    AuditedModelAdmin, never by signals.
    """

    class Kind(models.TextChoices):
        CREATED = "created", "Created"
        CHANGED = "changed", "Changed"
        DELETED = "deleted", "Deleted"
        LOADED = "loaded", "Loaded"

    at = models.DateTimeField(default=timezone.now, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    username = models.CharField(
        max_length=150, blank=True, help_text="Kept if the account is later deleted."
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.CharField(max_length=64)
    object_repr = models.CharField(max_length=300)
    changes = models.JSONField(default=dict, blank=True, help_text="Field name to [before, after].")
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = "audit entry"
        verbose_name_plural = "audit entries"
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.object_repr} ({self.username or 'system'})"

    def get_absolute_url(self) -> str:
        return reverse("audit:audit_detail", kwargs={"pk": self.pk})

    @property
    def who(self) -> str:
        return self.username or "The system"
