"""Reads of crime statistics, shaped for the pages that show them."""

from .models import CrimeStatistic, StatisticsSnapshot


def snapshot_latest(*, year=None) -> StatisticsSnapshot | None:
    """The newest snapshot, of one year or of any."""
    snapshots = StatisticsSnapshot.objects.select_related("year")
    if year is not None:
        snapshots = snapshots.filter(year=year)
    return snapshots.order_by("-accurate_at").first()


def snapshot_detail_queryset():
    return StatisticsSnapshot.objects.select_related("year")


def snapshot_rows(snapshot: StatisticsSnapshot):
    return snapshot.rows.select_related("category").order_by("category__position")


def category_figures(category):
    return (
        CrimeStatistic.objects.filter(category=category)
        .select_related("snapshot__year", "category")
        .order_by("-snapshot__accurate_at")
    )
