"""The stats app's pages: the county tables, published and worked out from police.uk's
files (county), the ward figures (wards) and the administrators' import pages (imports)."""

from .county import (
    CategoryDetailView,
    CountyComparisonView,
    LatestSnapshotView,
    SnapshotDetailView,
    county_comparison_save,
)
from .imports import (
    DistrictPopulationsUploadView,
    ImportAccess,
    ImportCreateView,
    ImportDetailView,
    ImportListView,
    LookupUploadView,
    PopulationsUploadView,
    UploadView,
)
from .wards import (
    WardDetailView,
    WardFiguresAccess,
    WardListView,
    WardMonthsView,
    figures_source,
)

__all__ = [
    "CategoryDetailView",
    "CountyComparisonView",
    "DistrictPopulationsUploadView",
    "ImportAccess",
    "ImportCreateView",
    "ImportDetailView",
    "ImportListView",
    "LatestSnapshotView",
    "LookupUploadView",
    "PopulationsUploadView",
    "SnapshotDetailView",
    "UploadView",
    "WardDetailView",
    "WardFiguresAccess",
    "WardListView",
    "WardMonthsView",
    "county_comparison_save",
    "figures_source",
]
