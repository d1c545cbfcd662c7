"""Storing populations, of wards or of districts, as an imported file gives them."""

from dataclasses import dataclass

from django.db import transaction

from audit.models import AuditEntry
from audit.services import audit_diff, audit_record, audit_snapshot

from .models import GENERATED_SAMPLE_SOURCE

FIELDS = ["population", "population_year", "population_source"]


@dataclass
class Stored:
    changed: int = 0
    unchanged: int = 0
    samples_cleared: int = 0


def populations_store(*, places, given: dict, file_name: str, user=None, fill_code=False) -> Stored:
    """Give each place (wards or districts, locked by the caller's transaction) the
    population `given` has for it (its id -> a row with population, year and source), or
    take away a generated sample population the file leaves out: real figures are never
    mixed with made-up ones. A published population the file leaves out stays. With
    `fill_code`, a place without an ONS code takes the row's. Each place changed is written
    to the audit trail with its before and after."""
    stored = Stored()
    fields = FIELDS + (["code"] if fill_code else [])
    for place in places:
        before = audit_snapshot(place)
        row = given.get(place.pk)
        if row is not None:
            if fill_code:
                place.code = place.code or row.code
            place.population, place.population_year = row.population, row.year
            place.population_source = row.source
        elif place.population_source == GENERATED_SAMPLE_SOURCE:
            place.population = place.population_year = None
            place.population_source = ""
            stored.samples_cleared += 1
        else:
            continue
        changes = audit_diff(before, audit_snapshot(place))
        if not changes:
            stored.unchanged += 1
            continue
        if row is not None:
            stored.changed += 1
        place.full_clean()
        place.save(update_fields=fields)
        audit_record(
            user=user,
            kind=AuditEntry.Kind.CHANGED,
            obj=place,
            changes=changes,
            note=f"Population imported from {file_name}"
            if row is not None
            else f"Generated sample population removed on importing {file_name}",
        )
    return stored


def sample_populations_remove(*, places, user=None) -> int:
    """Take every generated sample population of these places (wards or districts) out;
    published ones stay. Each one changed is written to the audit trail. Returns how many."""
    removed = 0
    with transaction.atomic():
        for place in places.select_for_update().filter(population_source=GENERATED_SAMPLE_SOURCE):
            before = audit_snapshot(place)
            place.population = place.population_year = None
            place.population_source = ""
            place.save(update_fields=FIELDS)
            audit_record(
                user=user,
                kind=AuditEntry.Kind.CHANGED,
                obj=place,
                changes=audit_diff(before, audit_snapshot(place)),
                note="Generated sample population removed",
            )
            removed += 1
    return removed
