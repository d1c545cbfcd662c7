"""Writes of ward populations: a file of them imported, and the demo's generated sample
populations taken out."""

from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from .. import csvfiles, selectors
from ..models import Ward, WardSet
from ..populationstore import populations_store, sample_populations_remove


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
