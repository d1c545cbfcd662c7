"""Reads of the audit trail."""

from .models import AuditEntry


def audit_entries():
    return AuditEntry.objects.select_related("content_type")
