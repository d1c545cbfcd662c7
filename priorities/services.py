"""Writes to years and priorities."""

from pathlib import Path

from django.core.management import call_command
from django.db import transaction

from csp_tracker.models import AuditEntry
from csp_tracker.services import audit_record

from .models import ReportingYear


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
