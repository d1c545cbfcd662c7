"""The stats app's tables: the county tables, published and worked out from police.uk's
files (county), the ward figures with the columns they share (wards) and the import
pages' tables (imports)."""

from .county import (
    CategoryFigureTable,
    ComparisonSummaryTable,
    ComparisonTable,
    CrimeStatisticTable,
)
from .imports import DistrictPopulationTable, StatusColumn, WardImportTable
from .wards import (
    CountColumn,
    PercentColumn,
    RateColumn,
    SourcedExport,
    WardFiguresTable,
    WardMonthTable,
    WardRateColumn,
    WardTypeFiguresTable,
)

__all__ = [
    "CategoryFigureTable",
    "ComparisonSummaryTable",
    "ComparisonTable",
    "CountColumn",
    "CrimeStatisticTable",
    "DistrictPopulationTable",
    "PercentColumn",
    "RateColumn",
    "SourcedExport",
    "StatusColumn",
    "WardFiguresTable",
    "WardImportTable",
    "WardMonthTable",
    "WardRateColumn",
    "WardTypeFiguresTable",
]
