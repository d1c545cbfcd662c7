"""Counts month by month, for measures that add up chosen crime types (a priority's
indicators): in two queries whatever the number of measures, months or wards."""

from collections import defaultdict
from datetime import date

from django.db.models import Sum

from ..models import ImportedMonth, WardCrimeCount, WardSetCrimeCount


def monthly_type_counts(
    *, months: list[ImportedMonth], ward_ids: set[int] | None = None
) -> tuple[dict[tuple[int, int, date], int], dict[tuple[int, int, date], int]]:
    """For the imported `months` (of one or more ward sets; from imported_months), the
    whole ward set's count of each crime type by month, {(ward set id, crime type id,
    month): n}, and, for the
    wards in `ward_ids`, each ward's, {(ward id, crime type id, month): n}. A month with
    files of several forces adds them up; a month not imported is simply absent (never 0)."""
    month_of = {row.pk: row.month for row in months}
    set_of = {row.pk: row.ward_set_id for row in months}
    borough: dict[tuple[int, int, date], int] = defaultdict(int)
    rows = (
        WardSetCrimeCount.objects.filter(source__in=list(month_of))
        .order_by()
        .values_list("crime_type_id", "source_id")
        .annotate(n=Sum("count"))
    )
    for crime_type_id, source_id, n in rows:
        borough[(set_of[source_id], crime_type_id, month_of[source_id])] += n
    wards: dict[tuple[int, int, date], int] = defaultdict(int)
    if ward_ids:
        rows = (
            WardCrimeCount.objects.filter(source__in=list(month_of), ward__in=list(ward_ids))
            .order_by()
            .values_list("ward_id", "crime_type_id", "source_id")
            .annotate(n=Sum("count"))
        )
        for ward_id, crime_type_id, source_id, n in rows:
            wards[(ward_id, crime_type_id, month_of[source_id])] += n
    return dict(borough), dict(wards)


def imported_months_of_sets(ward_set_ids: set[int]) -> list[ImportedMonth]:
    """Every imported month of the ward sets, each with its set and whether its import is
    generated sample data: in one query."""
    return list(
        ImportedMonth.objects.filter(ward_set__in=list(ward_set_ids))
        .select_related("ward_import")
        .only("month", "ward_set_id", "ward_import__is_sample", "ward_import__source")
        .order_by("month")
    )
