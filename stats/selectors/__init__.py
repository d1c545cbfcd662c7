"""Reads of crime statistics, shaped for the pages that show them: the county tables
(county), wards, crime types and imports (wards), the ward figures of a period and a
priority's breakdown by ward (figures), where those figures come from (provenance), one
ward's page (wardpage) and counts month by month for indicators (monthly)."""

from .county import (
    category_figures,
    category_position_chart,
    snapshot_detail_queryset,
    snapshot_latest,
    snapshot_rows,
)
from .figures import (
    PriorityBreakdown,
    borough_counts,
    percent_change,
    priority_breakdown,
    rate_per_1000,
    wards_with_counts,
)
from .provenance import ImportSource, Provenance, provenance
from .wardpage import TypeFigures, WardPage, ward_figures, ward_monthly_rows, ward_page
from .wards import (
    Populations,
    crime_type_names,
    crime_types_all,
    crime_types_default,
    forces_imported,
    import_detail_queryset,
    import_list,
    imported_months,
    lookups_list,
    lsoa_ward_map,
    months_with_figures,
    type_key,
    ward_get,
    ward_lookups,
    ward_names,
    ward_set_get,
    ward_set_populations,
)

__all__ = [
    "ImportSource",
    "Populations",
    "PriorityBreakdown",
    "Provenance",
    "TypeFigures",
    "WardPage",
    "borough_counts",
    "category_figures",
    "category_position_chart",
    "crime_type_names",
    "forces_imported",
    "crime_types_all",
    "crime_types_default",
    "import_detail_queryset",
    "import_list",
    "imported_months",
    "lookups_list",
    "lsoa_ward_map",
    "months_with_figures",
    "percent_change",
    "priority_breakdown",
    "provenance",
    "rate_per_1000",
    "snapshot_detail_queryset",
    "snapshot_latest",
    "snapshot_rows",
    "type_key",
    "ward_figures",
    "ward_get",
    "ward_lookups",
    "ward_monthly_rows",
    "ward_names",
    "ward_page",
    "ward_set_get",
    "ward_set_populations",
    "wards_with_counts",
]
