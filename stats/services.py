"""Writes of crime statistics: reference data, LSOA lookups and imports of ward figures.

An import reads and checks the whole file first (stats/csvfiles/), reporting its
progress as it goes, then stores the figures in one transaction: a bad file changes
nothing, and a month imported again replaces the figures it had.
"""

import hashlib
import logging
import threading
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core import serializers
from django.db import close_old_connections, connection, transaction
from django.db.models import Q
from django.utils import timezone

from audit.models import AuditEntry
from audit.services import audit_record

from . import csvfiles, districts, placing, selectors
from .csvfiles import FileProblem
from .models import (
    GENERATED_SAMPLE_SOURCE,  # noqa: F401 (re-exported for the sample and the commands)
    POLICE_UK_SOURCE,  # noqa: F401
    ImportedMonth,
    LsoaCrimeCount,
    LsoaWard,
    PoliceMonth,
    Ward,
    WardCrimeCount,
    WardImport,
    WardLookup,
    WardSet,
)
from .populationstore import populations_store, sample_populations_remove

logger = logging.getLogger(__name__)

LOOKUP_SOURCE = "Office for National Statistics, Open Geography Portal (Open Government Licence)"


def fixture_load_missing(*, path: Path) -> int:
    """Add the objects of a natural-key fixture that are not in the database yet.

    Objects already present are left exactly as they are (an administrator may have
    edited them), so loading the same fixture again changes nothing. Returns how many
    objects it added. All or nothing.
    """
    added = 0
    with path.open(encoding="utf-8") as stream, transaction.atomic():
        for deserialized in serializers.deserialize(
            "json", stream, handle_forward_references=False
        ):
            if deserialized.object.pk is None:
                deserialized.object.full_clean()
                deserialized.save()
                added += 1
    return added


def ward_lookup_import(
    *,
    ward_set: WardSet,
    data: bytes,
    file_name: str,
    source: str,
    is_sample: bool = False,
    user=None,
) -> WardLookup:
    """Store the ward set's rows of an ONS LSOA-to-ward lookup, and place every police.uk
    month already imported in its wards again through it.

    Replaces the lookup of the same LSOA geography (LSOA11, …), whole or not at all, and
    writes it to the audit trail (`user`: who uploaded it; None for a command). The
    record's summary says how many crimes the new lookup moved to another ward.
    """
    lookup = csvfiles.read_lookup_file(
        data,
        file_name=file_name,
        district=ward_set.district,
        district_code=ward_set.district_code,
        wards=selectors.ward_names(ward_set),
    )
    with transaction.atomic():
        lsoa_wards_before = selectors.lsoa_ward_map(ward_set)
        ward_set.lookups.filter(lsoa_geography=lookup.lsoa_geography).delete()
        record = WardLookup(
            ward_set=ward_set,
            lsoa_geography=lookup.lsoa_geography,
            ward_geography=lookup.ward_geography,
            file_name=file_name,
            source=source,
            is_sample=is_sample,
            rows_read=lookup.rows_read,
            rows_other_districts=lookup.rows_other_districts,
        )
        record.full_clean()
        record.save()
        LsoaWard.objects.bulk_create(
            LsoaWard(lookup=record, lsoa_code=code, lsoa_name=name, ward_id=ward)
            for code, name, ward in lookup.entries
        )
        placed = placing.ward_set_place_again(
            ward_set=ward_set, lsoa_wards_before=lsoa_wards_before
        )
        record.summary = placed.summary
        record.save(update_fields=["summary"])
        audit_record(
            user=user,
            kind=AuditEntry.Kind.LOADED,
            obj=record,
            note=f"LSOA-to-ward lookup imported from {record.file_name}: "
            f"{len(lookup.entries)} LSOAs. {placed.summary}",
        )
    return record


def ward_import_create(
    *,
    ward_set: WardSet,
    kind: str,
    file_name: str,
    data: bytes,
    source: str,
    is_sample: bool = False,
    created_by=None,
    keep_content: bool = True,
) -> WardImport:
    """Record a file to import; ward_import_run imports it.

    An upload keeps the file's bytes in the record until it is imported (a background
    thread or runwardimports reads them there); a command that imports straight away passes
    keep_content=False and hands the bytes to ward_import_run itself.
    """
    ward_import = WardImport(
        ward_set=ward_set,
        kind=kind,
        file_name=Path(file_name).name,
        file_size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        content=data if keep_content else None,
        source=source,
        is_sample=is_sample,
        created_by=created_by,
        rows_total=csvfiles.count_lines(data),
    )
    ward_import.full_clean(exclude=["content"])
    ward_import.save()
    return ward_import


def ward_import_start(*, ward_import: WardImport) -> None:
    """Import in a background thread once the job is committed (the page shows progress).

    With STATS_IMPORT_IN_BACKGROUND = False (tests) it imports straight away instead.
    """
    if not getattr(settings, "STATS_IMPORT_IN_BACKGROUND", True):
        ward_import_run(ward_import_id=ward_import.pk)
        return

    def run():
        close_old_connections()
        try:
            ward_import_run(ward_import_id=ward_import.pk)
        finally:
            connection.close()

    name = f"ward-import-{ward_import.pk}"
    transaction.on_commit(lambda: threading.Thread(target=run, daemon=True, name=name).start())


def ward_import_run(*, ward_import_id: int, data: bytes | None = None, progress=None) -> WardImport:
    """Import a waiting file: read and check it all, then store it in one transaction.

    A file with a problem fails with the file, row and column named, and changes
    nothing. Only a waiting import runs, so two runners never import one file twice.
    """
    claimed = WardImport.objects.filter(pk=ward_import_id, status=WardImport.Status.PENDING).update(
        status=WardImport.Status.RUNNING, started_at=timezone.now()
    )
    ward_import = WardImport.objects.select_related("ward_set").get(pk=ward_import_id)
    if not claimed:
        return ward_import

    def report(rows_done: int) -> None:
        done = min(rows_done, ward_import.rows_total)
        WardImport.objects.filter(pk=ward_import.pk).update(rows_done=done)
        if progress is not None:
            progress(done, ward_import.rows_total)

    try:
        figures = _read(ward_import, data, report)
        with transaction.atomic():
            summary = _store(ward_import, figures)
            audit_record(
                user=ward_import.created_by,
                kind=AuditEntry.Kind.LOADED,
                obj=ward_import,
                note=f"Ward figures imported from {ward_import.file_name}",
            )
    except FileProblem as problem:
        _finish(ward_import, status=WardImport.Status.FAILED, error=str(problem))
    except Exception as error:
        logger.exception("Import %s of %s failed", ward_import.pk, ward_import.file_name)
        _finish(
            ward_import,
            status=WardImport.Status.FAILED,
            error=f"{ward_import.file_name}: the import stopped on an unexpected error "
            f"({type(error).__name__}: {error}). Nothing was changed.",
        )
        raise
    else:
        _finish(ward_import, status=WardImport.Status.DONE, figures=figures, summary=summary)
    return ward_import


def _read(ward_import: WardImport, data: bytes | None, report) -> csvfiles.Figures:
    if data is None:
        data = bytes(ward_import.content or b"")
    crime_types = selectors.crime_type_names()
    if ward_import.kind == WardImport.Kind.COUNTS:
        return csvfiles.read_counts_file(
            data,
            file_name=ward_import.file_name,
            wards=selectors.ward_names(ward_import.ward_set),
            crime_types=crime_types,
            progress=report,
        )
    lsoa_wards = selectors.lsoa_ward_map(ward_import.ward_set)
    if not lsoa_wards:
        raise FileProblem(
            ward_import.file_name,
            f"no LSOA-to-ward lookup has been imported for {ward_import.ward_set}, so no row "
            "could be placed in a ward. Import the ONS lookup first (importwardlookup).",
        )
    return csvfiles.read_street_file(
        data,
        file_name=ward_import.file_name,
        lsoa_wards=lsoa_wards,
        crime_types=crime_types,
        district=ward_import.ward_set.district,
        progress=report,
        forces=selectors.forces_imported(ward_import.ward_set),
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


def _finish(ward_import, *, status, error="", figures=None, summary=""):
    ward_import.status = status
    ward_import.finished_at = timezone.now()
    ward_import.content = None
    ward_import.error = error
    fields = ["status", "finished_at", "content", "error"]
    if figures is not None:
        ward_import.rows_done = ward_import.rows_total
        ward_import.rows_read = figures.total("rows_read")
        ward_import.rows_placed = figures.total("rows_placed")
        ward_import.rows_outside = figures.total("rows_outside")
        ward_import.rows_unplaced = figures.total("rows_unplaced")
        ward_import.rows_unlisted = figures.total("rows_unlisted")
        ward_import.unlisted_lsoas = [
            {"code": lsoa.code, "name": lsoa.name, "rows": lsoa.rows, "first_rows": lsoa.first_rows}
            for lsoa in figures.unlisted.values()
        ]
        ward_import.first_month = figures.first_month
        ward_import.last_month = figures.last_month
        ward_import.summary = " ".join(filter(None, [_describe(figures), summary]))
        fields += [
            "rows_done",
            "rows_read",
            "rows_placed",
            "rows_outside",
            "rows_unplaced",
            "rows_unlisted",
            "unlisted_lsoas",
            "first_month",
            "last_month",
            "summary",
        ]
    ward_import.save(update_fields=fields)


def _describe(figures: csvfiles.Figures) -> str:
    read, placed = figures.total("rows_read"), figures.total("rows_placed")
    outside, unplaced = figures.total("rows_outside"), figures.total("rows_unplaced")
    unlisted = figures.total("rows_unlisted")
    months = len({month for month, _ in figures.months})
    text = (
        f"{read:,} rows ({figures.layout}) for {months} month{'s' if months != 1 else ''}: "
        f"{placed:,} placed in a ward"
    )
    if unlisted:
        lsoas = len(figures.unlisted)
        text += (
            f", {unlisted:,} in {lsoas} LSOA{'s' if lsoas != 1 else ''} of the borough missing "
            "from the lookup, which are in no ward figure until the lookup has "
            f"{'them' if lsoas != 1 else 'it'}"
        )
    if outside:
        text += f", {outside:,} in LSOAs outside the borough (not in the lookup)"
    if unplaced:
        text += (
            f", {unplaced:,} with no LSOA, which cannot be placed in a ward and are in no "
            "ward figure"
        )
    text += "."
    forces = sorted({force for _, force in figures.months if force})
    if forces:
        text += " Reported by " + ", ".join(forces) + "."
    if figures.lsoa_counts:
        named = {districts.district_name(name) for name in figures.lsoa_names.values()}
        named.discard(None)
        text += f" Counted in {len(named)} district{'s' if len(named) != 1 else ''}"
        without = sum(
            districts.rows_without_district(figures.lsoa_counts, figures.lsoa_names).values()
        )
        if without:
            text += (
                f"; {without:,} row{'s' if without != 1 else ''} in an LSOA whose name names "
                "no district, in no district's count"
            )
        text += "."
    if read and not placed and figures.layout.startswith("police.uk street-level, with"):
        text += " None of its rows is in the borough: is it another force's file?"
    return text


# --- Ward populations -------------------------------------------------------------------


@dataclass
class PopulationsImported:
    """What importing a file of ward populations did."""

    file_name: str
    ward_set: WardSet
    changed: int
    unchanged: int
    samples_cleared: int
    wards_without: int

    @property
    def summary(self) -> str:
        text = (
            f"{self.file_name}: populations of {self.changed + self.unchanged} ward"
            f"{'s' if self.changed + self.unchanged != 1 else ''} of {self.ward_set} "
            f"({self.changed} changed, {self.unchanged} as they were)."
        )
        if self.samples_cleared:
            text += (
                f" {self.samples_cleared} generated sample population"
                f"{'s' if self.samples_cleared != 1 else ''} of wards not in the file "
                f"{'were' if self.samples_cleared != 1 else 'was'} removed."
            )
        if self.wards_without:
            text += (
                f" {self.wards_without} ward{'s have' if self.wards_without != 1 else ' has'} "
                "no population, so no rate is shown for "
                f"{'them' if self.wards_without != 1 else 'it'} nor for the borough."
            )
        return text


def ward_populations_import(
    *, ward_set: WardSet, data: bytes, file_name: str, user=None
) -> PopulationsImported:
    """Store the populations a CSV (`ward,population,year,source`) gives the set's wards.

    The whole file is checked first: a fault raises FileProblem (file, row, column) and
    changes nothing. Wards the file leaves out keep a published population, but lose a
    generated sample one: real figures are never mixed with made-up ones. Each ward changed
    is written to the audit trail with its before and after.
    """
    file_name = Path(file_name).name
    populations = csvfiles.read_populations_file(
        data, file_name=file_name, wards=selectors.ward_names(ward_set)
    )
    given = {population.ward: population for population in populations}
    with transaction.atomic():
        wards = list(ward_set.wards.select_for_update().order_by("name"))
        done = populations_store(places=wards, given=given, file_name=file_name, user=user)
    return PopulationsImported(
        file_name=file_name,
        ward_set=ward_set,
        changed=done.changed,
        unchanged=done.unchanged,
        samples_cleared=done.samples_cleared,
        wards_without=sum(1 for ward in wards if ward.population is None),
    )


def ward_populations_sample_remove(*, user=None) -> int:
    """Take every generated sample population out (the demo's); published ones stay.
    Each ward changed is written to the audit trail. Returns how many."""
    return sample_populations_remove(places=Ward.objects.all(), user=user)
