"""What the import commands share: finding the ward set, and running an import with output."""

from pathlib import Path

from django.core.management.base import CommandError

from ... import services
from ...models import WardImport, WardSet


def ward_set_for(slug: str | None) -> WardSet:
    if slug:
        try:
            return WardSet.objects.get(slug=slug)
        except WardSet.DoesNotExist:
            raise CommandError(f"No ward set {slug!r}: load the wards first.") from None
    ward_set = WardSet.objects.newest()
    if ward_set is None:
        raise CommandError(
            "No wards have been loaded: run "
            "`python manage.py loadstatsfixture fixtures/dacorum-wards-2007.json` first."
        )
    return ward_set


def read_file(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        raise CommandError(f"{path}: {error.strerror}") from None


def import_file(command, *, path: Path, kind: str, ward_set: WardSet, source: str, is_sample=False):
    """Import one file now, printing progress and the outcome; CommandError if it fails."""
    data = read_file(path)
    ward_import = services.ward_import_create(
        ward_set=ward_set,
        kind=kind,
        file_name=path.name,
        data=data,
        source=source,
        is_sample=is_sample,
        keep_content=False,
    )
    shown = set()

    def progress(done: int, total: int) -> None:
        tenth = 10 * done // total if total else 10
        if tenth not in shown and 0 < tenth < 10:
            shown.add(tenth)
            command.stdout.write(f"  {path.name}: {done:,} of {total:,} lines read")

    ward_import = services.ward_import_run(
        ward_import_id=ward_import.pk, data=data, progress=progress
    )
    if ward_import.status != WardImport.Status.DONE:
        raise CommandError(ward_import.error)
    command.stdout.write(command.style.SUCCESS(f"{path.name}: {ward_import.summary}"))
    unlisted_report(command, ward_import)
    return ward_import


def unlisted_report(command, ward_import: WardImport) -> None:
    """The borough's LSOAs the lookup lacks, one line each: to put right in the lookup."""
    for lsoa in ward_import.unlisted_lsoas:
        rows = ", ".join(map(str, lsoa["first_rows"]))
        more = ", …" if lsoa["rows"] > len(lsoa["first_rows"]) else ""
        command.stdout.write(
            command.style.WARNING(
                f"  {ward_import.file_name}: {lsoa['code']} “{lsoa['name']}” is in "
                f"{ward_import.ward_set.district} but not in the LSOA-to-ward lookup: "
                f"{lsoa['rows']:,} row{'s' if lsoa['rows'] != 1 else ''} "
                f"(row{'s' if len(lsoa['first_rows']) != 1 else ''} {rows}{more}) "
                "in no ward figure."
            )
        )
