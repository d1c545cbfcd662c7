"""Ward counts chosen by hand and indicators over them, for the indicator tests. None of
it is real."""

from datetime import date

from django.utils import timezone

from indicators.models import Indicator, IndicatorValue
from stats.models import CrimeType, ImportedMonth, Ward, WardCrimeCount, WardImport, WardSet
from stats.placing import ward_set_counts_store

ASB = "Anti-social behaviour"
BURGLARY = "Burglary"


def counts_make(ward_set: WardSet, counts: dict, *, is_sample=True) -> WardImport:
    """An import of exactly these counts: {month: {(ward slug, crime type name): n}}. Only
    the months named have figures."""
    months = sorted(counts)
    ward_import = WardImport.objects.create(
        ward_set=ward_set,
        kind=WardImport.Kind.COUNTS,
        status=WardImport.Status.DONE,
        file_name="indicator-test.csv",
        source="Generated in a test; not real figures",
        is_sample=is_sample,
        first_month=months[0],
        last_month=months[-1],
    )
    wards = {ward.slug: ward for ward in Ward.objects.filter(ward_set=ward_set)}
    types = {crime_type.name: crime_type for crime_type in CrimeType.objects.all()}
    imported = []
    for month in months:
        row = ImportedMonth.objects.create(
            ward_set=ward_set, ward_import=ward_import, month=month, rows_read=1
        )
        imported.append(row)
        WardCrimeCount.objects.bulk_create(
            WardCrimeCount(source=row, ward=wards[slug], crime_type=types[name], count=n)
            for (slug, name), n in counts[month].items()
        )
    ward_set_counts_store(months=imported)
    return ward_import


def indicator_make(priority, *, crime_types=(), wards=(), position=None, **fields) -> Indicator:
    values = {
        "name": "Anti-social behaviour incidents",
        "kind": Indicator.Kind.CRIME,
        "baseline_start": date(2011, 4, 1),
        "baseline_end": date(2011, 6, 1),
        "target_change": -10,
        "direction": Indicator.Direction.LOWER,
        **fields,
    }
    if position is None:
        position = priority.indicators.count() + 1
    indicator = Indicator.objects.create(priority=priority, position=position, **values)
    indicator.crime_types.set(CrimeType.objects.filter(name__in=crime_types))
    indicator.wards.set(wards)
    return indicator


def value_make(indicator, start: date, end: date, value: int, note="") -> IndicatorValue:
    return IndicatorValue.objects.create(
        indicator=indicator,
        period_start=start,
        period_end=end,
        value=value,
        note=note,
        entered_at=timezone.now(),
    )
