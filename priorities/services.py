"""Writes to years and priorities."""

from pathlib import Path

from django.core.management import call_command
from django.db import transaction

from csp_tracker.models import AuditEntry
from csp_tracker.services import audit_record

from .models import PublishedReport, ReportingYear
from .reports import report_body_html, report_pdf


class YearFixtureError(Exception):
    pass


def year_load_fixture(*, path: Path, label: str) -> bool:
    """Load a year from a Django fixture unless a year with that label is already here.

    Returns True when it loaded the year, False when the year was already present (so
    running it again never duplicates or overwrites anything). Applies whole or not at all.
    """
    if ReportingYear.objects.filter(label=label).exists():
        return False
    if not path.is_file():
        raise YearFixtureError(f"{path}: no such fixture file")
    with transaction.atomic():
        call_command("loaddata", str(path), verbosity=0)
        year = ReportingYear.objects.filter(label=label).first()
        if year is None:
            raise YearFixtureError(f"{path}: the fixture holds no reporting year labelled {label}")
        audit_record(user=None, kind=AuditEntry.Kind.LOADED, obj=year, note=f"From {path.name}")
    return True


@transaction.atomic
def report_publish(*, year: ReportingYear, user) -> PublishedReport:
    """Freeze the year's report as it is now, as HTML and PDF, with an audit entry."""
    body = report_body_html(year)
    published = PublishedReport.objects.create(
        year=year,
        published_by=user,
        title=f"{year.label} report",
        body_html=body,
        pdf=report_pdf(year, body_html=body),
        is_sample=year.is_sample,
    )
    audit_record(user=user, kind=AuditEntry.Kind.CREATED, obj=published, note="Published")
    return published
