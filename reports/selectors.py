"""Reads that span the apps, shaped for the pages that show them."""

from django.db.models import Count, Q

from actions.models import ProgressStatus
from priorities.models import ReportingYear


def unfinished_by_year() -> list[tuple[str, int, int]]:
    """For each year: (label, actions not complete, all actions), newest first: what
    starting the next year from it would carry forward."""
    years = ReportingYear.objects.annotate(
        total=Count("priorities__actions"),
        unfinished=Count(
            "priorities__actions",
            filter=~Q(priorities__actions__progress_status=ProgressStatus.COMPLETE),
        ),
    )
    return [(year.label, year.unfinished, year.total) for year in years]
