"""Storing the figures an import read: the months it holds replace the ones they had
(a counts file's in its ward set; a street file's by LSOA, placed in every ward set with a
lookup and counted in its districts), and the text saying what was replaced."""

from django.db.models import Q
from django.utils import timezone

from .. import csvfiles, districts, placing
from ..models import (
    ImportedMonth,
    LsoaCrimeCount,
    PoliceMonth,
    WardCrimeCount,
    WardImport,
    WardSet,
)


def _store(ward_import: WardImport, figures: csvfiles.Figures) -> str:
    """Replace the months the file holds and store its figures. Returns what it replaced."""
    if ward_import.kind == WardImport.Kind.COUNTS:
        return _store_counts(ward_import, figures)
    return _store_street(ward_import, figures)


def _store_counts(ward_import: WardImport, figures: csvfiles.Figures) -> str:
    """A counts file states a month's whole figures in its ward set: it replaces all of the
    set's figures for that month, whichever file they came from."""
    ward_set = ward_import.ward_set
    replaced = _replaced(
        ImportedMonth.objects.filter(
            ward_set=ward_set, month__in={month for month, _ in figures.months}
        )
    )
    months = ImportedMonth.objects.bulk_create(
        ImportedMonth(
            ward_set=ward_set,
            ward_import=ward_import,
            month=month,
            reported_by=force,
            rows_read=tally.rows_read,
            rows_placed=tally.rows_placed,
            rows_outside=tally.rows_outside,
            rows_unplaced=tally.rows_unplaced,
            rows_unlisted=tally.rows_unlisted,
        )
        for (month, force), tally in sorted(figures.months.items())
    )
    by_key = {(m.month, m.reported_by): m.pk for m in months}
    WardCrimeCount.objects.bulk_create(
        (
            WardCrimeCount(
                source_id=by_key[(month, force)], ward_id=ward, crime_type_id=crime_type, count=n
            )
            for (month, force, ward, crime_type), n in figures.counts.items()
        ),
        batch_size=5000,
    )
    placing.ward_set_counts_store(months=months)
    return _replaced_text(replaced)


def _store_street(ward_import: WardImport, figures: csvfiles.Figures) -> str:
    """Keep a force's months by LSOA, replacing the months it had, and place them in every
    ward set with a lookup (replacing a counts file's figures for those months there)."""
    ward_sets = list(WardSet.objects.filter(lookups__isnull=False).distinct().order_by("pk"))
    same_month = Q(pk__in=[])
    for month, force in figures.months:
        same_month |= Q(month=month, reported_by=force)
    replaced_police = list(
        PoliceMonth.objects.filter(same_month).select_related("ward_import").order_by("month")
    )
    PoliceMonth.objects.filter(pk__in=[m.pk for m in replaced_police]).delete()
    # Months from files without LSOAs: a counts file's, or a street file's imported before
    # figures were kept by LSOA.
    whole_month = Q(pk__in=[])
    for month, force in figures.months:
        whole_month |= Q(month=month, reported_by__in=[force, ""])
    replaced = replaced_police + _replaced(
        ImportedMonth.objects.filter(whole_month, ward_set__in=ward_sets, police_month=None)
    )
    no_district = districts.rows_without_district(figures.lsoa_counts, figures.lsoa_names)
    police_months = PoliceMonth.objects.bulk_create(
        PoliceMonth(
            ward_import=ward_import,
            month=month,
            reported_by=force,
            rows_read=tally.rows_read,
            rows_unplaced=tally.rows_unplaced,
            rows_no_district=no_district.get((month, force), 0),
        )
        for (month, force), tally in sorted(figures.months.items())
    )
    source_of = {(m.month, m.reported_by): m.pk for m in police_months}
    counts = [
        (source_of[(month, force)], code, figures.lsoa_names[code], crime_type, n)
        for (month, force, code, crime_type), n in figures.lsoa_counts.items()
    ]
    # Kept by LSOA: the borough's LSOAs (every ward set's district, by the LSOA's name or a
    # lookup); other districts' rows are kept as their districts' counts.
    kept = placing.lsoas_of_the_borough(figures.lsoa_names)
    LsoaCrimeCount.objects.bulk_create(
        (
            LsoaCrimeCount(
                source_id=source, lsoa_code=code, lsoa_name=name, crime_type_id=crime_type, count=n
            )
            for source, code, name, crime_type, n in counts
            if code in kept
        ),
        batch_size=5000,
    )
    districts.district_counts_store(police_months=police_months, counts=counts)
    for ward_set in ward_sets:
        placing.months_place(ward_set=ward_set, police_months=police_months, counts=counts)
    text = _replaced_text(replaced)
    others = [str(ward_set) for ward_set in ward_sets if ward_set != ward_import.ward_set]
    if others:
        text += f" Also placed in the wards of {', '.join(others)}."
    return text.strip()


def _replaced(months) -> list[ImportedMonth]:
    """The months about to be replaced, for the summary, deleted (with their counts)."""
    replaced = list(
        months.select_related("ward_import", "ward_set").order_by("month", "reported_by", "pk")
    )
    if replaced:
        ImportedMonth.objects.filter(pk__in=[m.pk for m in replaced]).delete()
    return replaced


def _replaced_text(replaced: list[ImportedMonth | PoliceMonth]) -> str:
    """Which months an import replaced, and the files they came from (a counts file's with
    its ward set, when several sets lost one)."""
    if not replaced:
        return ""
    sets = {m.ward_set_id for m in replaced if isinstance(m, ImportedMonth)}

    def which(month) -> str:
        text = month.reported_by or "counts file"
        if len(sets) > 1 and isinstance(month, ImportedMonth):
            text += f", {month.ward_set}"
        return text

    return (
        "It replaced the figures for "
        + "; ".join(
            f"{m.month:%B %Y} ({which(m)}) from {m.ward_import.file_name}, "
            f"imported {_day(m.ward_import.created_at)}"
            for m in replaced
        )
        + "."
    )


def _day(moment) -> str:
    moment = timezone.localtime(moment)
    return f"{moment.day} {moment:%B %Y}"
