"""The ward figures of a period, worked out in a fixed number of queries: each ward's
counts and the borough's, changes in percent and rates per 1,000 residents, and a
priority's breakdown by ward. Where the figures come from is in provenance.py, one ward's
page in wardpage.py."""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import QuerySet, Sum

from ..models import (
    CrimeType,
    ImportedMonth,
    Ward,
    WardCrimeCount,
    WardSet,
    WardSetCrimeCount,
)
from ..periods import Period
from .provenance import Provenance, provenance
from .wards import crime_types_all, imported_months, type_key


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
