"""Writes to years and priorities."""

from django.db import transaction

from audit.models import AuditEntry
from audit.services import audit_record

from .models import ReportingYear


@transaction.atomic
def year_reopen(*, year: ReportingYear, user, reopened: bool) -> ReportingYear:
    """Reopen a past year to partners' updates, or close it again, with an audit entry.
    (The newest year is always open to them.)"""
    if year.reopened != reopened:
        ReportingYear.objects.filter(pk=year.pk).update(reopened=reopened)
        audit_record(
            user=user,
            kind=AuditEntry.Kind.CHANGED,
            obj=year,
            changes={"reopened": [year.reopened, reopened]},
            note="Reopened to partners' updates" if reopened else "Closed to partners' updates",
        )
        year.reopened = reopened
    return year
