from django.apps import AppConfig


class AuditConfig(AppConfig):
    """The audit trail: every change to the partnership's data and accounts, who made it,
    when, and each field before and after. Every app's services write to it."""

    name = "audit"
    verbose_name = "Audit trail"
