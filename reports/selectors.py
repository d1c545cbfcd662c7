"""Reads that span the apps, shaped for the pages that show them."""

import re

from django.db.models import Count, Q

from actions.models import Action, ProgressStatus
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


def year_to_carry_from(posted: str | None, asked: str | None) -> ReportingYear | None:
    """The year whose actions the year-start page lists: the one its form posted (by id),
    else the one asked for in the address (?from=2011-12), else the newest."""
    if posted is not None:
        pk = int(posted) if re.fullmatch(r"[0-9]{1,9}", posted) else None
        return ReportingYear.objects.filter(pk=pk).first()
    slug = asked if asked and re.fullmatch(r"[0-9]{4}-[0-9]{2}", asked) else None
    year = ReportingYear.objects.filter(slug=slug).first() if slug else None
    return year or ReportingYear.objects.newest()


def unfinished_actions(year: ReportingYear | None) -> list[Action]:
    """The year's actions that are not complete, in the plan's order, with their priority:
    those that starting the next year from it may carry forward."""
    if year is None:
        return []
    return list(
        Action.objects.for_year(year)
        .exclude(progress_status=ProgressStatus.COMPLETE)
        .select_related("priority")
        .order_by("priority__number", "position")
    )
