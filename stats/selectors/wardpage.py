"""One ward's figures, worked out in a fixed number of queries: each crime type this
period against a year earlier and beside the borough (its page), and month by month (its
download)."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Q, QuerySet, Sum

from .. import charts
from ..models import (
    GENERATED_SAMPLE_SOURCE,
    CrimeType,
    ImportedMonth,
    Ward,
    WardCrimeCount,
    WardSetCrimeCount,
)
from ..periods import Period
from .figures import percent_change, rate_per_1000
from .provenance import Provenance, provenance
from .wards import Populations, crime_types_all, ward_set_populations


def _months(*periods: Period) -> QuerySet:
    """The imported months in any of the periods, for a subquery: counts are then read
    through the index on their month, not by going through every count of every ward
    (with 10 years of figures the ward index took 73 ms of SQL that way on SQLite, 2 ms this)."""
    condition = Q()
    for period in periods:
        condition |= Q(month__gte=period.start, month__lte=period.end)
    return ImportedMonth.objects.filter(condition).values("pk")


@dataclass
class TypeFigures:
    """One crime type in one ward: this period, a year earlier, and the borough beside it."""

    crime_type: CrimeType
    count: int | None
    previous: int | None
    change: Decimal | None
    rate: Decimal | None
    borough: int | None
    borough_previous: int | None
    borough_change: Decimal | None
    borough_rate: Decimal | None
    chart: charts.TrendChart
    category_changed: bool = False  # police.uk's category changed between the periods

    @property
    def has_figures(self) -> bool:
        return bool(self.count or self.previous or self.borough or self.borough_previous)


def ward_figures(
    ward: Ward, *, period: Period, sources: Provenance, populations: Populations | None = None
) -> list[TypeFigures]:
    """Each crime type's figures for a ward: in a fixed number of queries, whatever the data.

    `sources` is the provenance of the period and the year before it: the imported months
    whose counts are read. A total is None when none of its months has figures; a change
    is given only when every month of both periods has figures (a part-year would
    mislead), and a rate only where a population is known (`populations`: the ward set's,
    read here unless given).
    """
    before = period.year_earlier()
    month_of = sources.month_of_source
    ward_counts = WardCrimeCount.objects.filter(source__in=list(month_of), ward=ward)
    borough_counts = WardSetCrimeCount.objects.filter(source__in=list(month_of))
    fields = ("crime_type_id", "source_id", "count")
    by_ward = _by_type_and_month(ward_counts.order_by().values_list(*fields), month_of)
    by_borough = _by_type_and_month(borough_counts.order_by().values_list(*fields), month_of)
    # The borough's population only where every ward's is known.
    if populations is None:
        populations = ward_set_populations(ward.ward_set_id)
    borough_population = populations.total
    have = sources.months_with_figures
    months_complete = all(m in have for m in period.months + before.months)

    def total(by_month: dict[date, int], months: list[date]) -> int | None:
        if not any(m in have for m in months):
            return None
        return sum(by_month.get(m, 0) for m in months)

    def series(by_month: dict[date, int], months: list[date]) -> list[int | None]:
        return [by_month.get(m, 0) if m in have else None for m in months]

    results = []
    for crime_type in crime_types_all():
        same_category = crime_type.comparable(before.start, period.end)
        comparable = months_complete and same_category
        ward_months = by_ward.get(crime_type.pk, {})
        borough_months = by_borough.get(crime_type.pk, {})
        count, previous = total(ward_months, period.months), total(ward_months, before.months)
        borough = total(borough_months, period.months)
        borough_previous = total(borough_months, before.months)
        results.append(
            TypeFigures(
                crime_type=crime_type,
                count=count,
                previous=previous,
                change=percent_change(count, previous) if comparable else None,
                rate=None if count is None else rate_per_1000(count, ward.population),
                borough=borough,
                borough_previous=borough_previous,
                borough_change=percent_change(borough, borough_previous) if comparable else None,
                borough_rate=None
                if borough is None
                else rate_per_1000(borough, borough_population),
                chart=charts.TrendChart(
                    title=f"{crime_type.name} in {ward.name}, month by month",
                    months=period.months,
                    series=[
                        charts.Series(period.label, series(ward_months, period.months)),
                        charts.Series(
                            f"A year earlier ({before.label})",
                            series(ward_months, before.months),
                            months=before.months,
                            dashed=True,
                        ),
                    ],
                ),
                category_changed=not same_category,
            )
        )
    return results


def _by_type_and_month(rows, month_of: dict[int, date]) -> dict[int, dict[date, int]]:
    """Counts (a ward's or its ward set's) by crime type and month, over every force's file
    of the month: read as they are stored, (crime type, source, count) rows, one a source
    and type, and added up here."""
    result: dict[int, dict[date, int]] = defaultdict(dict)
    for crime_type, source, n in rows:
        by_month = result[crime_type]
        month = month_of[source]
        by_month[month] = by_month.get(month, 0) + n
    return result


def ward_monthly_rows(ward: Ward, *, period: Period) -> list[dict]:
    """Every month of the period and a year before, by crime type: for the monthly CSV."""
    before = period.year_earlier()
    counts = WardCrimeCount.objects.filter(source__in=_months(period, before), ward=ward)
    rows = (
        counts.values("source__month", "crime_type__name", "crime_type__position")
        .annotate(n=Sum("count"))
        .order_by("source__month", "crime_type__position")
    )
    return list(rows)


@dataclass
class WardPage:
    """Everything a ward's page shows for a period."""

    ward: Ward
    period: Period | None
    provenance: Provenance | None
    figures: list[TypeFigures]
    populations: Populations = field(default_factory=Populations)

    @property
    def sample_populations(self) -> bool:
        """Whether a rate on the page comes from a generated sample population."""
        return bool(self.figures) and (
            self.ward.population_source == GENERATED_SAMPLE_SOURCE
            or (self.populations.total is not None and self.populations.is_sample)
        )

    @property
    def with_figures(self) -> list[TypeFigures]:
        return [f for f in self.figures if f.has_figures]

    @property
    def without_figures(self) -> list[CrimeType]:
        return [f.crime_type for f in self.figures if not f.has_figures]


def ward_page(
    ward: Ward, *, period: Period | None, months: list[ImportedMonth] | None = None
) -> WardPage:
    if period is None:
        return WardPage(ward, None, None, [])
    sources = provenance(ward.ward_set, period, period.year_earlier(), months=months)
    populations = ward_set_populations(ward.ward_set_id)
    figures = ward_figures(ward, period=period, sources=sources, populations=populations)
    return WardPage(ward, period, sources, figures, populations)
