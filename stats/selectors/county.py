"""Reads of the county crime tables as published."""

from .. import charts
from ..models import CrimeStatistic, StatisticsSnapshot


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


def category_position_chart(category, figures) -> "charts.PositionChart | None":
    """The category's two county positions at each snapshot date, oldest first; None
    without any figure."""
    if not figures:
        return None
    ordered = sorted(figures, key=lambda f: f.snapshot.accurate_at)
    return charts.PositionChart(
        title=f"{category.name}: {ordered[-1].snapshot.area}'s position in the county",
        dates=[f.snapshot.accurate_at for f in ordered],
        date_labels=[f.snapshot.accurate_at_text for f in ordered],
        districts=max(f.snapshot.districts for f in ordered),
        series=[
            charts.Series(
                "Position by crimes per 1000 population", [f.rate_position for f in ordered]
            ),
            charts.Series("Position for % reduction", [f.reduction_position for f in ordered]),
        ],
    )
