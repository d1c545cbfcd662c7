"""Reads of wards, crime types, populations, LSOA lookups and imports."""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404

from .. import csvfiles
from ..models import (
    GENERATED_SAMPLE_SOURCE,
    CrimeType,
    ImportedMonth,
    LsoaWard,
    Ward,
    WardAlias,
    WardImport,
    WardLookup,
    WardSet,
)


def ward_set_get(slug: str | None) -> WardSet:
    """The ward set with this slug, or the newest one; 404 if there is none."""
    if slug is None:
        newest = WardSet.objects.newest()
        if newest is None:
            raise Http404("No wards have been loaded.")
        return newest
    return get_object_or_404(WardSet, slug=slug)


def crime_types_all() -> list[CrimeType]:
    """Every crime type, in the order tables show them."""
    return list(CrimeType.objects.all())


def ward_lookups(ward_set: WardSet) -> list[WardLookup]:
    """The LSOA lookups that place the set's figures in its wards."""
    return list(ward_set.lookups.order_by("lsoa_geography"))


def ward_get(*, ward_set_slug: str, slug: str) -> Ward:
    return get_object_or_404(
        Ward.objects.select_related("ward_set"), ward_set__slug=ward_set_slug, slug=slug
    )


def crime_type_names() -> dict[str, int]:
    """Every name and former name of every crime type (normalised) -> its id."""
    names = {}
    for crime_type in CrimeType.objects.prefetch_related("aliases"):
        names[csvfiles.normalise(crime_type.name)] = crime_type.pk
        for alias in crime_type.aliases.all():
            names[csvfiles.normalise(alias.name)] = crime_type.pk
    return names


def ward_names(ward_set: WardSet) -> csvfiles.WardNames:
    """A ward set's wards by ONS code, name and alias, as imports match them."""
    return csvfiles.WardNames(
        str(ward_set),
        ward_set.wards.values_list("pk", "name", "code"),
        WardAlias.objects.filter(ward__ward_set=ward_set).values_list("name", "ward_id"),
    )


def forces_imported(ward_set: WardSet) -> list[str]:
    """The forces whose police.uk files the ward set has figures from, as they name
    themselves ("Hertfordshire Constabulary")."""
    return list(
        ImportedMonth.objects.filter(ward_set=ward_set)
        .exclude(reported_by="")
        .order_by("reported_by")
        .values_list("reported_by", flat=True)
        .distinct()
    )


def lsoa_ward_map(ward_set: WardSet) -> dict[str, int]:
    """LSOA code -> ward id, from every lookup of the ward set (the newest geography wins)."""
    rows = (
        LsoaWard.objects.filter(lookup__ward_set=ward_set)
        .order_by("lookup__lsoa_geography")
        .values_list("lsoa_code", "ward_id")
    )
    return dict(rows)


def imported_months(ward_set: WardSet) -> list[ImportedMonth]:
    """Every month of figures the ward set has, oldest import first, each with the import
    it came from (only the fields its provenance shows): in one query, for the months a
    page offers and where its figures come from."""
    return list(
        ImportedMonth.objects.filter(ward_set=ward_set)
        .select_related("ward_import")
        .only(
            "month",
            "reported_by",
            "rows_placed",
            "rows_outside",
            "rows_unplaced",
            "rows_unlisted",
            "ward_import__file_name",
            "ward_import__source",
            "ward_import__is_sample",
            "ward_import__created_at",
        )
        .order_by("ward_import__created_at", "month")
    )


def months_with_figures(months: list[ImportedMonth]) -> list[date]:
    """The months that have figures, in order (from imported_months)."""
    return sorted({row.month for row in months})


def crime_types_default(crime_types: list[CrimeType]) -> list[CrimeType]:
    """Of the crime types, those a table shows unless asked for others: those counted for a
    priority."""
    return [crime_type for crime_type in crime_types if crime_type.priority_number is not None]


def type_key(crime_type: CrimeType) -> str:
    return f"type_{crime_type.pk}"


def import_list():
    return WardImport.objects.select_related("ward_set", "created_by").defer("content")


def import_detail_queryset():
    return WardImport.objects.select_related("ward_set", "created_by").defer("content")


def lookups_list():
    return WardLookup.objects.select_related("ward_set").annotate(lsoas=Count("entries"))


@dataclass
class Populations:
    """The populations of a ward set's wards, as far as they are known."""

    wards: int = 0
    known: int = 0
    total: int | None = None  # the borough's: only where every ward's population is known
    is_sample: bool = False  # some population is a generated sample, not a real figure
    # (source, year) -> how many wards have a population from it
    sources: dict[tuple[str, int], int] = field(default_factory=dict)

    @property
    def summary(self) -> str:
        """Where the rates' populations come from, in a line of text (for downloads)."""
        if not self.known:
            return ""
        return (
            "Rates per 1,000 residents use populations from: "
            + "; ".join(f"{source} ({year})" for source, year in self.sources)
            + "."
        )


def ward_set_populations(ward_set: WardSet | int | None) -> Populations:
    """The set's wards' populations, in one query: the borough's total (where every ward
    has one), and whether any is a generated sample. No ward set: none known."""
    if ward_set is None:
        return Populations()
    rows = list(
        Ward.objects.filter(ward_set=ward_set)
        .order_by()
        .values_list("population", "population_year", "population_source")
    )
    known = [row for row in rows if row[0] is not None]
    return Populations(
        wards=len(rows),
        known=len(known),
        total=sum(row[0] for row in known) if rows and len(known) == len(rows) else None,
        is_sample=any(source == GENERATED_SAMPLE_SOURCE for _, _, source in known),
        sources=dict(Counter((source, year) for _, year, source in known)),
    )
