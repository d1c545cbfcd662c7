"""Writes of reference data: the objects of a natural-key fixture (wards, crime types) and
the ONS LSOA-to-ward lookups, which place police.uk's months in wards again."""

from pathlib import Path

from django.core import serializers
from django.db import transaction

from audit.models import AuditEntry
from audit.services import audit_record

from .. import csvfiles, placing, selectors
from ..models import LsoaWard, WardLookup, WardSet

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
