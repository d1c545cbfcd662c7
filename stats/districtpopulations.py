"""District populations, for the county comparison's crimes per 1,000 residents.

Imported from a CSV (`district_code,district,population,year,source`) by the page
/ward-imports/district-populations/ and the command `importdistrictpopulations`: the whole
file is checked first, then stored in one transaction, each district changed written to
the audit trail with its before and after.
"""

from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from audit.models import AuditEntry
from audit.services import audit_record

from . import csvfiles
from .districts import districts_get_or_create
from .models import District
from .populationstore import populations_store, sample_populations_remove


@dataclass
class DistrictPopulationsImported:
    """What importing a file of district populations did."""

    file_name: str
    changed: int
    unchanged: int
    created: int
    samples_cleared: int
    districts_without: int

    @property
    def summary(self) -> str:
        given = self.changed + self.unchanged
        text = (
            f"{self.file_name}: populations of {given} district{'s' if given != 1 else ''} "
            f"({self.changed} changed, {self.unchanged} as they were)."
        )
        if self.created:
            text += (
                f" {self.created} district{'s' if self.created != 1 else ''} no import had "
                f"met {'were' if self.created != 1 else 'was'} added."
            )
        if self.samples_cleared:
            text += (
                f" {self.samples_cleared} generated sample population"
                f"{'s' if self.samples_cleared != 1 else ''} of districts not in the file "
                f"{'were' if self.samples_cleared != 1 else 'was'} removed."
            )
        if self.districts_without:
            text += (
                f" {self.districts_without} district"
                f"{'s have' if self.districts_without != 1 else ' has'} no population, so "
                f"no rate per 1,000 residents is worked out for "
                f"{'them' if self.districts_without != 1 else 'it'}."
            )
        return text


def district_populations_import(
    *, data: bytes, file_name: str, user=None
) -> DistrictPopulationsImported:
    """Store the populations a CSV (`district_code,district,population,year,source`) gives.

    The whole file is checked first: a fault raises FileProblem (file, row, column) and
    changes nothing. A district no import has met yet is added, with its code; a district
    with no code yet takes the file's. Districts the file leaves out keep a published
    population, but lose a generated sample one: real figures are never mixed with made-up
    ones. Each district added or changed is written to the audit trail.
    """
    file_name = Path(file_name).name
    with transaction.atomic():
        stored = list(District.objects.select_for_update().order_by("name"))
        populations = csvfiles.read_district_populations_file(
            data,
            file_name=file_name,
            known=[csvfiles.KnownDistrict(d.pk, d.name, d.code) for d in stored],
        )
        new = [row for row in populations if row.district is None]
        if new:
            ids = districts_get_or_create(row.name for row in new)
            for row in new:
                row.district = ids[csvfiles.normalise(row.name)]
            added = District.objects.filter(pk__in=[row.district for row in new])
            for district in added:
                audit_record(
                    user=user,
                    kind=AuditEntry.Kind.CREATED,
                    obj=district,
                    note=f"District added on importing populations from {file_name}",
                )
            stored = list(District.objects.select_for_update().order_by("name"))
        given = {row.district: row for row in populations}
        done = populations_store(
            places=stored, given=given, file_name=file_name, user=user, fill_code=True
        )
    return DistrictPopulationsImported(
        file_name=file_name,
        changed=done.changed,
        unchanged=done.unchanged,
        created=len(new),
        samples_cleared=done.samples_cleared,
        districts_without=sum(1 for district in stored if district.population is None),
    )


def district_populations_sample_remove(*, user=None) -> int:
    """Take every generated sample population of a district out (the demo's); published
    ones stay, and so do the districts. Each one changed is written to the audit trail.
    Returns how many."""
    return sample_populations_remove(places=District.objects.all(), user=user)
