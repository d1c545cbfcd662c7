"""The crime figures: the county table as published (county), wards and crime types
(wards), the ward figures imported from police.uk's files with where each comes from
(figures), and the force's districts with their monthly counts (districts)."""

from .county import CrimeCategory, CrimeStatistic, StatisticsSnapshot
from .districts import District, DistrictCrimeCount
from .figures import (
    GENERATED_SAMPLE_SOURCE,
    POLICE_UK_SOURCE,
    ImportedMonth,
    LsoaCrimeCount,
    LsoaWard,
    PoliceMonth,
    WardCrimeCount,
    WardImport,
    WardLookup,
    WardSetCrimeCount,
)
from .wards import CrimeType, CrimeTypeAlias, NaturalKeyManager, Ward, WardAlias, WardSet

__all__ = [
    "GENERATED_SAMPLE_SOURCE",
    "POLICE_UK_SOURCE",
    "CrimeCategory",
    "CrimeStatistic",
    "CrimeType",
    "CrimeTypeAlias",
    "District",
    "DistrictCrimeCount",
    "ImportedMonth",
    "LsoaCrimeCount",
    "LsoaWard",
    "NaturalKeyManager",
    "PoliceMonth",
    "StatisticsSnapshot",
    "Ward",
    "WardAlias",
    "WardCrimeCount",
    "WardImport",
    "WardLookup",
    "WardSet",
    "WardSetCrimeCount",
]
