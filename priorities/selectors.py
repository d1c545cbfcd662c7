"""Reads of years and priorities, shaped for the pages that show them."""

from django.shortcuts import get_object_or_404

from .models import Partnership, Priority, ReportingYear


def year_get(slug: str | None) -> ReportingYear | None:
    """The year with this slug (404 if none), or the newest year when no slug is given."""
    if slug is None:
        return ReportingYear.objects.newest()
    return get_object_or_404(ReportingYear, slug=slug)


def year_priorities(year: ReportingYear, *, public: bool = False):
    return year.priorities.with_action_counts(public=public).order_by("number")


def priority_get(*, year_slug: str, number: int) -> Priority:
    return get_object_or_404(
        Priority.objects.select_related("year"), year__slug=year_slug, number=number
    )


def priority_in_other_years(priority: Priority, *, public: bool = False):
    """The same priority (number, and title whatever the capitals) in the other years,
    newest first, with their actions counted (with `public`, those the public sees)."""
    return (
        Priority.objects.filter(number=priority.number, title__iexact=priority.title)
        .exclude(pk=priority.pk)
        .select_related("year")
        .with_action_counts(public=public)
        .order_by("-year__starts_on")
    )


def year_is_open_to_partners(year: ReportingYear) -> bool:
    """Whether partners may update the year's actions: the newest year, or one reopened."""
    return ReportingYear.objects.open_to_partners().filter(pk=year.pk).exists()


def partnership_get() -> Partnership:
    """The partnership's settings (the one row; made with the defaults if missing)."""
    partnership, _ = Partnership.objects.get_or_create(pk=1)
    return partnership


def updates_need_approval() -> bool:
    """Whether a partner's update waits for a coordinator's approval before it is public."""
    return partnership_get().updates_need_approval
