"""The ward figures a page shows, worked out in a fixed number of queries: each ward's
counts and the borough's for a period, where they come from (provenance), one ward's
figures against a year earlier, and a priority's breakdown by ward."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Q, QuerySet, Sum
from django.utils import timezone

from .. import charts
from ..models import (
    GENERATED_SAMPLE_SOURCE,
    CrimeType,
    ImportedMonth,
    Ward,
    WardCrimeCount,
    WardImport,
    WardLookup,
    WardSet,
    WardSetCrimeCount,
)
from ..periods import Period
from .wards import (
    Populations,
    crime_types_all,
    imported_months,
    type_key,
    ward_lookups,
    ward_set_populations,
)


def _months(*periods: Period) -> QuerySet:
    """The imported months in any of the periods, for a subquery: counts are then read
    through the index on their month, not by going through every count of every ward
    (with 10 years of figures the ward index took 73 ms of SQL that way on SQLite, 2 ms this)."""
    condition = Q()
    for period in periods:
        condition |= Q(month__gte=period.start, month__lte=period.end)
    return ImportedMonth.objects.filter(condition).values("pk")


def _sources(months: list[ImportedMonth], *periods: Period) -> list[int]:
    """Of a ward set's imported months (imported_months), the ids of those in any of the
    periods: their counts are read by these, through the index on the month they are of."""
    return [row.pk for row in months if any(p.start <= row.month <= p.end for p in periods)]


def wards_with_counts(
    wards: QuerySet | list[Ward], *, crime_types, period: Period, months: list[ImportedMonth]
) -> list[Ward]:
    """The wards, each with its count of every chosen crime type (an attribute named by
    type_key) and of all types (`total`) in the period, all types per 1,000 residents
    (`rate`, None where its population is not known), and `name_key` to sort by name
    whatever the capitals: the wards in one query, all their counts in another. `months`
    are the ward set's imported months (imported_months).

    Added up here rather than by a subquery for each crime type in the wards' query: the
    ORM spent longer building that query than the database did running it."""
    wards = list(wards)
    # The period's counts read through their month alone: a month's counts are all of one
    # ward set's wards (those not asked for are left out below). With the wards in the
    # query too, SQLite chose to read every count of each ward (12 ms, against 2 ms).
    by_ward: dict[int, dict[int, int]] = defaultdict(dict)
    sums = (
        WardCrimeCount.objects.filter(source__in=_sources(months, period))
        .order_by()
        .values_list("ward_id", "crime_type_id")
        .annotate(n=Sum("count"))
    )
    for ward_id, crime_type_id, n in sums:
        by_ward[ward_id][crime_type_id] = n
    keys = [(type_key(crime_type), crime_type.pk) for crime_type in crime_types]
    for ward in wards:
        ward_counts = by_ward.get(ward.pk, {})
        for key, crime_type_id in keys:
            setattr(ward, key, ward_counts.get(crime_type_id, 0))
        ward.total = sum(ward_counts.values())
        ward.rate = rate_per_1000(ward.total, ward.population)
        ward.name_key = ward.name.casefold()
    return wards


def borough_counts(*, crime_types, period: Period, months: list[ImportedMonth]) -> dict[str, int]:
    """The whole ward set's count of each chosen crime type and of all types (the total
    row), from the counts over all its wards (WardSetCrimeCount) of its imported `months`
    in the period."""
    by_type = dict(
        WardSetCrimeCount.objects.filter(source__in=_sources(months, period))
        .order_by()
        .values_list("crime_type_id")
        .annotate(n=Sum("count"))
    )
    counts = {type_key(crime_type): by_type.get(crime_type.pk, 0) for crime_type in crime_types}
    return {"total": sum(by_type.values()), **counts}


# --- Provenance -------------------------------------------------------------------------


@dataclass
class ImportSource:
    """One import behind the figures of a period: its file, date and the months it gave."""

    ward_import: WardImport
    months: list[date] = field(default_factory=list)
    forces: set[str] = field(default_factory=set)
    rows_placed: int = 0
    rows_outside: int = 0
    rows_unplaced: int = 0
    rows_unlisted: int = 0

    @property
    def month_range(self) -> str:
        return Period(min(self.months), max(self.months)).label


@dataclass
class Provenance:
    """Where the figures of a period come from, and what they leave out."""

    period: Period
    sources: list[ImportSource]
    lookups: list[WardLookup]
    months_with_figures: set[date]
    periods: tuple[Period, ...] = ()
    month_of_source: dict[int, date] = field(default_factory=dict)  # ImportedMonth id -> month

    @property
    def is_sample(self) -> bool:
        return any(s.ward_import.is_sample for s in self.sources) or any(
            lookup.is_sample for lookup in self.lookups if self.sources
        )

    @property
    def months_missing(self) -> list[date]:
        """Months of the period (and of any period compared with it) without figures."""
        months = sorted({m for period in self.periods or (self.period,) for m in period.months})
        return [m for m in months if m not in self.months_with_figures]

    @property
    def is_complete(self) -> bool:
        return not self.months_missing

    @property
    def rows_outside(self) -> int:
        return sum(s.rows_outside for s in self.sources)

    @property
    def rows_unlisted(self) -> int:
        """Rows in LSOAs of the borough that the lookup does not have: in no ward figure."""
        return sum(s.rows_unlisted for s in self.sources)

    @property
    def summary(self) -> str:
        """The provenance in one line of text, for CSV downloads."""
        parts = [GENERATED_SAMPLE_SOURCE + "."] if self.is_sample else []
        for source in self.sources:
            ward_import = source.ward_import
            text = (
                f"{ward_import.file_name}, imported "
                f"{timezone.localtime(ward_import.created_at):%Y-%m-%d}, {source.month_range}"
            )
            if ward_import.source != GENERATED_SAMPLE_SOURCE:
                text += f": {ward_import.source}"
            parts.append(text + ".")
        for lookup in self.lookups:
            text = (
                f"Placed in wards by {lookup.file_name} ({lookup.lsoa_geography} to "
                f"{lookup.ward_geography}, best fit)"
            )
            if lookup.source != GENERATED_SAMPLE_SOURCE:
                text += f": {lookup.source}"
            parts.append(text + ".")
        if self.months_missing:
            parts.append(f"No figures for {len(self.months_missing)} month(s) of the period.")
        if self.rows_unlisted:
            parts.append(
                f"{self.rows_unlisted:,} rows in LSOAs of the borough missing from the lookup "
                "are in no ward figure."
            )
        if self.rows_unplaced:
            parts.append(f"{self.rows_unplaced:,} rows without an LSOA are in no ward figure.")
        return " ".join(parts) or "No figures."

    @property
    def rows_unplaced(self) -> int:
        return sum(s.rows_unplaced for s in self.sources)


def provenance(
    ward_set: WardSet, *periods: Period, months: list[ImportedMonth] | None = None
) -> Provenance:
    """The imports behind the figures of the periods (the first is the one named), from
    the ward set's imported months (read here unless given)."""
    if months is None:
        months = imported_months(ward_set)
    sources: dict[int, ImportSource] = {}
    seen = set()
    month_of_source = {}
    for row in months:
        if not any(period.start <= row.month <= period.end for period in periods):
            continue
        ward_import = row.ward_import
        source = sources.setdefault(ward_import.pk, ImportSource(ward_import))
        source.months.append(row.month)
        if row.reported_by:
            source.forces.add(row.reported_by)
        source.rows_placed += row.rows_placed
        source.rows_outside += row.rows_outside
        source.rows_unplaced += row.rows_unplaced
        source.rows_unlisted += row.rows_unlisted
        seen.add(row.month)
        month_of_source[row.pk] = row.month
    return Provenance(
        period=periods[0],
        sources=list(sources.values()),
        lookups=ward_lookups(ward_set),
        months_with_figures=seen,
        periods=periods,
        month_of_source=month_of_source,
    )


# --- One ward's figures -----------------------------------------------------------------

HUNDRED = Decimal(100)


def percent_change(now: int, before: int | None) -> Decimal | None:
    if not before:
        return None
    return ((Decimal(now) - before) * HUNDRED / before).quantize(Decimal("0.1"), ROUND_HALF_UP)


def rate_per_1000(count: int, population: int | None) -> Decimal | None:
    if not population:
        return None
    return (Decimal(count) * 1000 / population).quantize(Decimal("0.1"), ROUND_HALF_UP)


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


@dataclass
class PriorityBreakdown:
    """A priority's crime types ward by ward, over the months of its reporting year."""

    ward_set: WardSet | None
    crime_types: list[CrimeType]
    period: Period
    wards: list[Ward] | None = None
    borough: dict[str, int] = field(default_factory=dict)
    provenance: Provenance | None = None

    @property
    def has_figures(self) -> bool:
        return bool(self.provenance and self.provenance.months_with_figures)


def priority_breakdown(priority) -> PriorityBreakdown:
    """The wards' figures for the crime types counted towards a priority, in its year."""
    year = priority.year
    period = Period.of_dates(year.starts_on, year.ends_on)
    crime_types = [t for t in crime_types_all() if t.priority_number == priority.number]
    if not crime_types:
        return PriorityBreakdown(None, crime_types, period)
    ward_set = WardSet.objects.newest()
    breakdown = PriorityBreakdown(ward_set, crime_types, period)
    if ward_set is None:
        return breakdown
    months = imported_months(ward_set)
    breakdown.provenance = provenance(ward_set, period, months=months)
    if breakdown.has_figures:
        breakdown.wards = wards_with_counts(
            ward_set.wards.order_by("name"), crime_types=crime_types, period=period, months=months
        )
        breakdown.borough = borough_counts(crime_types=crime_types, period=period, months=months)
    return breakdown
