"""Writes of crime statistics. Callers import from here: reference data and LSOA lookups
(reference), imports of ward figures, run in the background (imports) and stored in one
transaction (storing), and ward populations (populations)."""

from ..models import GENERATED_SAMPLE_SOURCE, POLICE_UK_SOURCE
from .imports import ward_import_create, ward_import_run, ward_import_start
from .populations import (
    PopulationsImported,
    ward_populations_import,
    ward_populations_sample_remove,
)
from .reference import LOOKUP_SOURCE, fixture_load_missing, ward_lookup_import

__all__ = [
    "GENERATED_SAMPLE_SOURCE",
    "LOOKUP_SOURCE",
    "POLICE_UK_SOURCE",
    "PopulationsImported",
    "fixture_load_missing",
    "ward_import_create",
    "ward_import_run",
    "ward_import_start",
    "ward_lookup_import",
    "ward_populations_import",
    "ward_populations_sample_remove",
]
