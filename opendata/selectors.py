"""Open data: read-only datasets of what anonymous visitors may see, as JSON and CSV.

Each dataset is a list of flat rows (dicts) with the same keys; `rows(name, year=...)`
builds one in a fixed number of queries. Names of the people who edit are never included.
"""

from django.db.models import Prefetch

from actions.models import Action, ActionLead
from actions.selectors import agency_list
from priorities.models import Priority
from stats.comparison import CountyFigures
from stats.models import CrimeStatistic
from stats.periods import Period

DATASETS = {
    "priorities": "Each year's strategic priorities, with how many actions each has.",
    "actions": "Every action under every priority: the published row, its current update "
    "and progress status, and the date the update last changed.",
    "agencies": "The lead agencies, with their full names, aliases and how many actions "
    "each leads (its teams' included).",
    "statistics": "The county crime tables: for each crime category, the % change and the "
    "district's two positions in the county, as numbers and as published.",
    "county-comparison": "The county table worked out from police.uk's street-level files: "
    "every district's crimes, % change, crimes per 1,000 residents and positions in each "
    "crime category, for the latest 12 months against the 12 before (or a reporting year "
    "against the months before it, with ?year=). Rows from generated sample data say so.",
}
FORMATS = ("json", "csv")


def _iso(value):
    return value.isoformat() if value else None


def priority_rows(year=None):
    # Open data is public: internal actions are neither listed nor counted.
    priorities = Priority.objects.with_action_counts(public=True).select_related("year")
    if year is not None:
        priorities = priorities.filter(year=year)
    return [
        {
            "year": p.year.label,
            "number": p.number,
            "title": p.title,
            "published_title": p.published_title,
            "action_count": p.action_count,
            "is_sample": p.year.is_sample,
            "source": p.year.source,
            "url": p.get_absolute_url(),
        }
        for p in priorities.order_by("-year__starts_on", "number")
    ]


def action_rows(year=None):
    actions = Action.objects.public().select_related("priority__year", "initiative")
    actions = actions.prefetch_related(
        Prefetch("leads", queryset=ActionLead.objects.select_related("agency").order_by("position"))
    )
    if year is not None:
        actions = actions.filter(priority__year=year)
    return [
        {
            "id": a.pk,
            "year": a.priority.year.label,
            "priority": a.priority.number,
            "position": a.position,
            "action": a.action,
            "lead_agency": a.lead_text,
            "lead_agencies": [lead.agency.short_name for lead in a.leads.all()],
            "target": a.target,
            "timescale": a.timescale,
            "update": a.update,
            "progress_status": a.progress_status,
            "progress_status_label": a.get_progress_status_display(),
            "update_date": _iso(a.update_changed_at),
            "linked_work": a.initiative.name if a.initiative else "",
            "is_sample": a.priority.year.is_sample,
            "source": a.priority.year.source,
            "url": a.get_absolute_url(),
        }
        for a in actions.order_by("-priority__year__starts_on", "priority__number", "position")
    ]


def agency_rows(year=None):
    return [
        {
            "short_name": agency.short_name,
            "name": agency.name,
            "part_of": agency.parent.short_name if agency.parent else "",
            "also_written": [alias.name for alias in agency.aliases.all()],
            "action_count": agency.action_count,
            "url": agency.get_absolute_url(),
        }
        for agency in agency_list(public=True).order_by("short_name")
    ]


def statistic_rows(year=None):
    figures = CrimeStatistic.objects.select_related("snapshot__year", "category")
    if year is not None:
        figures = figures.filter(snapshot__year=year)
    return [
        {
            "year": f.snapshot.year.label,
            "accurate_at": _iso(f.snapshot.accurate_at),
            "accurate_at_as_published": f.snapshot.accurate_at_text,
            "area": f.snapshot.area,
            "county": f.snapshot.county,
            "districts": f.snapshot.districts,
            "category": f.category.name,
            "percent_change": float(f.percent_change),
            "percent_change_as_published": f.percent_change_text,
            "position_per_1000_population": f.rate_position,
            "position_per_1000_population_as_published": f.rate_position_text,
            "position_for_reduction": f.reduction_position,
            "position_for_reduction_as_published": f.reduction_position_text,
            "is_sample": f.snapshot.year.is_sample,
            "source": f.snapshot.source,
        }
        for f in figures.order_by("-snapshot__accurate_at", "category__position")
    ]


def comparison_rows(year=None):
    figures = CountyFigures()
    period = Period.of_dates(year.starts_on, year.ends_on) if year else figures.default_period()
    if period is None:
        return []
    comparison = figures.compare(period)
    files = ", ".join(comparison.files)
    return [
        {
            "period": row["period"],
            "previous_period": row["previous_period"],
            "category": row["category"],
            "district": row["district"],
            "is_borough": row["is_borough"],
            "crimes": row["count"],
            "crimes_before": row["previous"],
            "percent_change": row["change_value"],
            "population": row["population"],
            "population_source": row["population_source"],
            "crimes_per_1000_population": row["rate_value"],
            "position_per_1000_population": row["rate_position_value"],
            "position_per_1000_population_as_shown": row["rate_position"],
            "position_for_reduction": row["reduction_position_value"],
            "position_for_reduction_as_shown": row["reduction_position"],
            "districts_ranked": row["districts_ranked"],
            "is_sample": row["is_sample"],
            "source": f"police.uk street-level crime data: {files}",
        }
        for row in comparison.rows()
    ]


ROWS = {
    "priorities": priority_rows,
    "actions": action_rows,
    "agencies": agency_rows,
    "statistics": statistic_rows,
    "county-comparison": comparison_rows,
}


def rows(name: str, *, year=None) -> list[dict]:
    return ROWS[name](year)
