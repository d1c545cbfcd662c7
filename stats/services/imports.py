"""Imports of ward figures: recording a file, running the import in the background, and
what the finished import says.

An import reads and checks the whole file first (stats/csvfiles/), reporting its
progress as it goes, then stores the figures in one transaction (storing.py): a bad file
changes nothing, and a month imported again replaces the figures it had.
"""

import hashlib
import logging
import threading
from pathlib import Path

from django.conf import settings
from django.db import close_old_connections, connection, transaction
from django.utils import timezone

from audit.models import AuditEntry
from audit.services import audit_record

from .. import csvfiles, districts, selectors
from ..csvfiles import FileProblem
from ..models import WardImport, WardSet
from .storing import _store

logger = logging.getLogger(__name__)


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
