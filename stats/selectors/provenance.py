"""Where the ward figures of a period come from (provenance): the imports and the months
they gave, the lookups that placed them in wards, and what they leave out."""

from dataclasses import dataclass, field
from datetime import date

from django.utils import timezone

from ..models import (
    GENERATED_SAMPLE_SOURCE,
    ImportedMonth,
    WardImport,
    WardLookup,
    WardSet,
)
from ..periods import Period
from .wards import imported_months, ward_lookups


@dataclass
class ImportSource:
    """One import behind the figures of a period: its file, date and the months it gave."""

    ward_import: WardImport
    months: list[date] = field(default_factory=list)
    forces: set[str] = field(default_factory=set)
    rows_placed: int = 0
    rows_outside: int = 0
    rows_unplaced: int = 0
    rows_unlisted: int = 0

    @property
    def month_range(self) -> str:
        return Period(min(self.months), max(self.months)).label


@dataclass
class Provenance:
    """Where the figures of a period come from, and what they leave out."""

    period: Period
    sources: list[ImportSource]
    lookups: list[WardLookup]
    months_with_figures: set[date]
    periods: tuple[Period, ...] = ()
    month_of_source: dict[int, date] = field(default_factory=dict)  # ImportedMonth id -> month

    @property
    def is_sample(self) -> bool:
        return any(s.ward_import.is_sample for s in self.sources) or any(
            lookup.is_sample for lookup in self.lookups if self.sources
        )

    @property
    def months_missing(self) -> list[date]:
        """Months of the period (and of any period compared with it) without figures."""
        months = sorted({m for period in self.periods or (self.period,) for m in period.months})
        return [m for m in months if m not in self.months_with_figures]

    @property
    def is_complete(self) -> bool:
        return not self.months_missing

    @property
    def rows_outside(self) -> int:
        return sum(s.rows_outside for s in self.sources)

    @property
    def rows_unlisted(self) -> int:
        """Rows in LSOAs of the borough that the lookup does not have: in no ward figure."""
        return sum(s.rows_unlisted for s in self.sources)

    @property
    def summary(self) -> str:
        """The provenance in one line of text, for CSV downloads."""
        parts = [GENERATED_SAMPLE_SOURCE + "."] if self.is_sample else []
        for source in self.sources:
            ward_import = source.ward_import
            text = (
                f"{ward_import.file_name}, imported "
                f"{timezone.localtime(ward_import.created_at):%Y-%m-%d}, {source.month_range}"
            )
            if ward_import.source != GENERATED_SAMPLE_SOURCE:
                text += f": {ward_import.source}"
            parts.append(text + ".")
        for lookup in self.lookups:
            text = (
                f"Placed in wards by {lookup.file_name} ({lookup.lsoa_geography} to "
                f"{lookup.ward_geography}, best fit)"
            )
            if lookup.source != GENERATED_SAMPLE_SOURCE:
                text += f": {lookup.source}"
            parts.append(text + ".")
        if self.months_missing:
            parts.append(f"No figures for {len(self.months_missing)} month(s) of the period.")
        if self.rows_unlisted:
            parts.append(
                f"{self.rows_unlisted:,} rows in LSOAs of the borough missing from the lookup "
                "are in no ward figure."
            )
        if self.rows_unplaced:
            parts.append(f"{self.rows_unplaced:,} rows without an LSOA are in no ward figure.")
        return " ".join(parts) or "No figures."

    @property
    def rows_unplaced(self) -> int:
        return sum(s.rows_unplaced for s in self.sources)


def provenance(
    ward_set: WardSet, *periods: Period, months: list[ImportedMonth] | None = None
) -> Provenance:
    """The imports behind the figures of the periods (the first is the one named), from
    the ward set's imported months (read here unless given)."""
    if months is None:
        months = imported_months(ward_set)
    sources: dict[int, ImportSource] = {}
    seen = set()
    month_of_source = {}
    for row in months:
        if not any(period.start <= row.month <= period.end for period in periods):
            continue
        ward_import = row.ward_import
        source = sources.setdefault(ward_import.pk, ImportSource(ward_import))
        source.months.append(row.month)
        if row.reported_by:
            source.forces.add(row.reported_by)
        source.rows_placed += row.rows_placed
        source.rows_outside += row.rows_outside
        source.rows_unplaced += row.rows_unplaced
        source.rows_unlisted += row.rows_unlisted
        seen.add(row.month)
        month_of_source[row.pk] = row.month
    return Provenance(
        period=periods[0],
        sources=list(sources.values()),
        lookups=ward_lookups(ward_set),
        months_with_figures=seen,
        periods=periods,
        month_of_source=month_of_source,
    )
