"""Reads of indicators, shaped for the pages that show them."""

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404

from stats.models import Ward

from .figures import IndicatorFigures, indicators_figures
from .models import Indicator


def indicators_queryset():
    """Indicators with what their figures need: crime types, wards and values."""
    return (
        Indicator.objects.select_related("priority__year")
        .prefetch_related("crime_types", Prefetch("wards", Ward.objects.order_by("name")), "values")
        .order_by("priority__number", "position")
    )


def priority_indicators(priority) -> list[IndicatorFigures]:
    """A priority's indicators with their figures."""
    return indicators_figures(list(indicators_queryset().filter(priority=priority)))


def year_indicators(year) -> dict[int, list[IndicatorFigures]]:
    """Every indicator of a year with its figures, by priority id."""
    by_priority: dict[int, list[IndicatorFigures]] = {}
    for figures in indicators_figures(list(indicators_queryset().filter(priority__year=year))):
        by_priority.setdefault(figures.indicator.priority_id, []).append(figures)
    return by_priority


def indicator_get(*, year_slug: str, number: int, pk: int) -> Indicator:
    return get_object_or_404(
        indicators_queryset(), priority__year__slug=year_slug, priority__number=number, pk=pk
    )
