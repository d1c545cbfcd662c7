"""Reads of years and priorities, shaped for the pages that show them."""

from dataclasses import dataclass

from django.db.models import Count
from django.shortcuts import get_object_or_404

from csp_tracker.fixedqueries import FixedQuery
from csp_tracker.links import link

from .models import Priority, ReportingYear

# Every page's year switcher, and the year filters: SQL written once.
_YEARS = FixedQuery(lambda: ReportingYear.objects.values_list("pk", "label", "slug"))


def years_as_values() -> list[tuple[int, str, str]]:
    """(id, label, slug) of every reporting year, newest first."""
    return _YEARS.rows()


def year_get(slug: str | None) -> ReportingYear | None:
    """The year with this slug (404 if none), or the newest year when no slug is given."""
    if slug is None:
        return ReportingYear.objects.newest()
    return get_object_or_404(ReportingYear, slug=slug)


def year_priorities(year: ReportingYear):
    return year.priorities.with_action_counts().order_by("number")


def priority_get(*, year_slug: str, number: int) -> Priority:
    return get_object_or_404(
        Priority.objects.select_related("year"), year__slug=year_slug, number=number
    )


def unfinished_by_priority() -> list[tuple[str, int, int]]:
    """For each year: (label, actions not complete, all actions), newest first: what
    starting the next year from it would carry forward."""
    from django.db.models import Count, Q

    from actions.models import ProgressStatus

    years = ReportingYear.objects.annotate(
        total=Count("priorities__actions"),
        unfinished=Count(
            "priorities__actions",
            filter=~Q(priorities__actions__progress_status=ProgressStatus.COMPLETE),
        ),
    )
    return [(year.label, year.unfinished, year.total) for year in years]


@dataclass(frozen=True)
class PriorityElsewhere:
    """The same priority in another year, as a priority page lists it."""

    number: int
    title: str
    year_label: str
    year_slug: str
    action_count: int

    def get_absolute_url(self) -> str:
        return link("priorities:priority_detail", year=self.year_slug, number=self.number)


# The priorities of the same number in other years, with their actions counted: on every
# priority page, so its SQL is written once (csp_tracker.fixedqueries; building this query
# took the ORM three times as long as the database took to answer it).
_SAME_NUMBER = FixedQuery(
    lambda number, pk: (
        Priority.objects.filter(number=number)
        .exclude(pk=pk)
        .order_by("-year__starts_on")
        .values_list("number", "title", "year__label", "year__slug")
        .annotate(action_count=Count("actions"))
    )
)


def priority_in_other_years(priority: Priority) -> list[PriorityElsewhere]:
    """The same priority (number, and title whatever the capitals) in the other years,
    newest first: read as values, not as priorities and years (there is one for every
    year the plan has run)."""
    title = priority.title.casefold()
    return [
        PriorityElsewhere(*row)
        for row in _SAME_NUMBER.rows(priority.number, priority.pk)
        if row[1].casefold() == title
    ]
