from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.text import capfirst


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

    def field_label(self, name: str) -> str:
        """A changed field by its label, as the model's forms show it ("Lead agency as
        published" for lead_text); a name that is no field (any more) with spaces for its
        underscores."""
        model = self.content_type.model_class()
        try:
            label = model._meta.get_field(name).verbose_name
        except (AttributeError, FieldDoesNotExist):  # no such model, no such field, a relation
            label = name.replace("_", " ")
        return capfirst(label)

    @property
    def changed_fields(self) -> list[tuple[str, object, object]]:
        """(label, before, after) for each changed field, by label (PostgreSQL keeps a JSON
        object's keys in an order of its own)."""
        fields = [(self.field_label(name), *values) for name, values in self.changes.items()]
        return sorted(fields, key=lambda field: field[0])
