"""Placing the figures kept by LSOA in a ward set's wards.

A police.uk month's rows in the borough's LSOAs are kept as the file counts them, by LSOA
and crime type (PoliceMonth, LsoaCrimeCount; other districts' rows are kept as their
districts' counts, stats/districts.py). Every ward set with an LSOA-to-ward lookup has the
month as an ImportedMonth of its own: its ward counts are the LSOA counts added up through
the lookup, its totals over all wards (WardSetCrimeCount) are stored beside them, and the
rows it could not place are counted as the import counts them (in the borough but missing
from the lookup, outside the borough, with no LSOA). Importing a street file places its
months in every such set; importing a lookup places every kept month in its set again.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Sum

from . import selectors
from .csvfiles import MonthTally
from .csvfiles.street import in_district
from .models import (
    ImportedMonth,
    LsoaCrimeCount,
    LsoaWard,
    PoliceMonth,
    WardCrimeCount,
    WardSet,
    WardSetCrimeCount,
)

# (police month id, LSOA code, LSOA name, crime type id, count)
LsoaCount = tuple[int, str, str, int, int]


def lsoas_of_the_borough(lsoa_names: dict[str, str]) -> set[str]:
    """Of these LSOAs (code -> name as police.uk writes it), those a ward set may place: in
    any set's lookup, or named after any set's district ("Dacorum 012B"). Their counts are
    kept by LSOA, so that a corrected lookup can place them again."""
    listed = set(
        LsoaWard.objects.filter(lsoa_code__in=list(lsoa_names)).values_list("lsoa_code", flat=True)
    )
    districts = set(WardSet.objects.values_list("district", flat=True))
    return {
        code
        for code, name in lsoa_names.items()
        if code in listed or any(in_district(name, district) for district in districts)
    }


def months_place(
    *, ward_set: WardSet, police_months: list[PoliceMonth], counts: Iterable[LsoaCount]
) -> list[ImportedMonth]:
    """Place police.uk months in the set's wards through its lookup: an ImportedMonth each,
    with its ward counts and their totals. `counts` are the months' LSOA counts."""
    lsoa_wards = selectors.lsoa_ward_map(ward_set)
    tallies = {
        month.pk: MonthTally(rows_read=month.rows_read, rows_unplaced=month.rows_unplaced)
        for month in police_months
    }
    ward_counts: defaultdict = defaultdict(int)
    for source, code, name, crime_type, n in counts:
        tally = tallies[source]
        ward = lsoa_wards.get(code)
        if ward is not None:
            tally.rows_placed += n
            ward_counts[(source, ward, crime_type)] += n
        elif in_district(name, ward_set.district):
            tally.rows_unlisted += n
    # Every other row with an LSOA is outside the borough (kept only in its district's
    # count, stats/districts.py).
    for tally in tallies.values():
        tally.rows_outside = (
            tally.rows_read - tally.rows_unplaced - tally.rows_placed - tally.rows_unlisted
        )
    months = ImportedMonth.objects.bulk_create(
        ImportedMonth(
            ward_set=ward_set,
            ward_import_id=month.ward_import_id,
            police_month=month,
            month=month.month,
            reported_by=month.reported_by,
            rows_read=tallies[month.pk].rows_read,
            rows_placed=tallies[month.pk].rows_placed,
            rows_outside=tallies[month.pk].rows_outside,
            rows_unplaced=tallies[month.pk].rows_unplaced,
            rows_unlisted=tallies[month.pk].rows_unlisted,
        )
        for month in police_months
    )
    placed_as = {month.police_month_id: month.pk for month in months}
    WardCrimeCount.objects.bulk_create(
        (
            WardCrimeCount(
                source_id=placed_as[source], ward_id=ward, crime_type_id=crime_type, count=n
            )
            for (source, ward, crime_type), n in ward_counts.items()
        ),
        batch_size=5000,
    )
    ward_set_counts_store(months=months)
    return months


def ward_set_counts_store(*, months: list[ImportedMonth]) -> None:
    """Each month's count of every crime type over all its wards (WardSetCrimeCount), from
    the ward counts just stored for it: in the same transaction as they are."""
    sums = (
        WardCrimeCount.objects.filter(source__in=[month.pk for month in months])
        .order_by()
        .values_list("source_id", "crime_type_id")
        .annotate(n=Sum("count"))
    )
    WardSetCrimeCount.objects.bulk_create(
        WardSetCrimeCount(source_id=source, crime_type_id=crime_type, count=n)
        for source, crime_type, n in sums
    )


@dataclass
class PlacedAgain:
    """What placing a ward set's months again, through a new lookup, changed."""

    ward_set: WardSet
    months: int = 0
    moved: int = 0  # crimes counted in another ward than before
    added: int = 0  # crimes in a ward now that were in none
    removed: int = 0  # crimes in no ward now that were in one
    kept: int = 0  # months from files without LSOAs, left as they are

    @property
    def summary(self) -> str:
        if not self.months:
            text = f"No police.uk month had been imported to place in {self.ward_set}'s wards."
        else:
            text = (
                f"{self.months} month{'s' if self.months != 1 else ''} of police.uk figures "
                f"placed in {self.ward_set}'s wards again: {self.moved:,} "
                f"crime{'s' if self.moved != 1 else ''} moved to another ward, {self.added:,} "
                f"newly in a ward, {self.removed:,} no longer in one."
            )
        if self.kept:
            text += (
                f" {self.kept} month{'s' if self.kept != 1 else ''} from files without LSOAs "
                f"(counts by ward, or imported before figures were kept by LSOA) "
                f"{'were' if self.kept != 1 else 'was'} left as imported."
            )
        return text


def ward_set_place_again(*, ward_set: WardSet, lsoa_wards_before: dict[str, int]) -> PlacedAgain:
    """Place every kept police.uk month in the set's wards again, through its lookups as
    they are now, and count what moved since `lsoa_wards_before` (the lookup it had).

    A month the set has from a file without LSOAs (a counts file, or a street file imported
    before figures were kept by LSOA) cannot be placed again and stays as it is; so does
    every month of that force (or, for a counts file, every force). The caller holds the
    transaction.
    """
    kept = set(ward_set.months.filter(police_month=None).values_list("month", "reported_by"))
    whole_months = {month for month, force in kept if not force}
    police_months = [
        month
        for month in PoliceMonth.objects.order_by("month", "reported_by")
        if month.month not in whole_months and (month.month, month.reported_by) not in kept
    ]
    ward_set.months.filter(police_month__isnull=False).delete()
    counts = list(
        LsoaCrimeCount.objects.filter(source__in=[month.pk for month in police_months])
        .order_by()
        .values_list("source_id", "lsoa_code", "lsoa_name", "crime_type_id", "count")
    )
    months_place(ward_set=ward_set, police_months=police_months, counts=counts)
    lsoa_wards = selectors.lsoa_ward_map(ward_set)
    placed = PlacedAgain(ward_set=ward_set, months=len(police_months), kept=len(kept))
    for _, code, _, _, n in counts:
        before, now = lsoa_wards_before.get(code), lsoa_wards.get(code)
        if before == now:
            continue
        if before is None:
            placed.added += n
        elif now is None:
            placed.removed += n
        else:
            placed.moved += n
    return placed
