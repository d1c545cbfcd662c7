"""Saving the county comparison worked out from police.uk as a dated snapshot, so the year's
report can show it as it stood that day (as the published tables are)."""

from django.db import transaction
from django.utils import timezone

from audit.models import AuditEntry
from audit.services import audit_record
from priorities.models import ReportingYear

from .comparison import Comparison
from .csvfiles import normalise
from .models import POLICE_UK_SOURCE, CrimeCategory, CrimeStatistic, StatisticsSnapshot

RATE_HEADING = "Position in county per 1,000 population"
REDUCTION_HEADING = "Position in county for % reduction"


class SnapshotRefused(Exception):
    """Why a comparison cannot be saved, in words for the page."""


def comparison_snapshot_save(
    *, comparison: Comparison, year: ReportingYear, county: str, user=None
) -> StatisticsSnapshot:
    """Store the borough's row of each category that has a % change and both positions
    (the others are named in the commentary), dated today, in one transaction.

    Refused (SnapshotRefused) for generated sample figures or populations, which are never
    put in a report, for an incomplete period, and when the year has a snapshot of today."""
    if comparison.is_sample or comparison.sample_populations:
        raise SnapshotRefused(
            "These figures are worked out from generated sample data (not real figures), "
            "so they cannot be saved into a report."
        )
    if not comparison.complete or comparison.borough is None:
        raise SnapshotRefused(
            "Only a complete comparison of the borough can be saved: "
            + (
                "months without figures: "
                + ", ".join(f"{m:%B %Y}" for m in comparison.missing_months)
                if comparison.missing_months
                else "the borough is not among the districts imported"
            )
            + "."
        )
    today = timezone.localdate()
    if StatisticsSnapshot.objects.filter(year=year, accurate_at=today).exists():
        raise SnapshotRefused(
            f"{year.label} already has a county table accurate at {today:%-d %B %Y}: "
            "nothing was saved."
        )
    categories = {normalise(c.name): c for c in CrimeCategory.objects.all()}
    saved, left_out = [], []
    for category in comparison.categories:
        borough = category.borough
        known = categories.get(normalise(category.category.name))
        if (
            known is None
            or borough is None
            or borough.change is None
            or borough.rate_position is None
            or borough.reduction_position is None
        ):
            left_out.append(category.category.name)
        else:
            saved.append((known, borough))
    if not saved:
        raise SnapshotRefused("No category has all three figures to save.")
    ranked = max(borough.rate_position.of for _, borough in saved)
    commentary = (
        f"Worked out by CSP Tracker from police.uk street-level files: "
        f"{comparison.period.label} against {comparison.previous.label}, "
        f"among the {ranked} districts with figures and a population."
    )
    if left_out:
        commentary += " Not worked out: " + ", ".join(left_out) + "."
    with transaction.atomic():
        snapshot = StatisticsSnapshot(
            year=year,
            title="Crime Stats (worked out from police.uk)",
            area=comparison.borough.name,
            area_heading=f"% change, {comparison.period.label}",
            county=county,
            districts=ranked,
            accurate_at=today,
            accurate_at_text=f"{today:%-d/%-m/%y}",
            rate_heading=RATE_HEADING,
            reduction_heading=REDUCTION_HEADING,
            commentary=commentary,
            source=f"{POLICE_UK_SOURCE}. Files: {', '.join(comparison.files)}. Populations: "
            + "; ".join(sorted({d.population_source for d in comparison.districts if d.population}))
            + ".",
        )
        snapshot.full_clean()
        snapshot.save()
        rows = []
        for category, borough in saved:
            row = CrimeStatistic(
                snapshot=snapshot,
                category=category,
                percent_change=round(float(borough.change), 1),
                percent_change_text=borough.change_text,
                rate_position=borough.rate_position.place,
                rate_position_text=str(borough.rate_position),
                reduction_position=borough.reduction_position.place,
                reduction_position_text=str(borough.reduction_position),
            )
            row.full_clean()
            rows.append(row)
        CrimeStatistic.objects.bulk_create(rows)
        audit_record(
            user=user,
            kind=AuditEntry.Kind.CREATED,
            obj=snapshot,
            note=f"County comparison saved: {commentary}",
        )
    return snapshot
