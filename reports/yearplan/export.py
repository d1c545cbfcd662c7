"""Writing a year as a yearly-plan file: `year_export()` gives everything `plan_read` and
`year_import` need to rebuild it in another database; `dumps()` writes it as text."""

import json

from django.db.models import Q

from actions.models import Action, Agency
from priorities.models import ReportingYear

from .indicators import INDICATOR_PREFETCH, indicators_export
from .read import FORMAT, VERSION


def year_export(year: ReportingYear) -> dict:
    """A year in the yearly-plan format: everything `plan_read` and `year_import` need to
    rebuild it in another database. Keys and lists in a fixed order."""
    actions = (
        Action.objects.filter(priority__year=year)
        .select_related("priority", "initiative", "continues__priority__year")
        .prefetch_related("leads__agency", "milestones__agency")
        .order_by("priority__number", "position")
    )
    by_priority: dict[int, list[dict]] = {}
    agency_ids = set()
    for action in actions:
        agency_ids |= {lead.agency_id for lead in action.leads.all()}
        continues = action.continues
        agency_ids |= {milestone.agency_id for milestone in action.milestones.all()} - {None}
        by_priority.setdefault(action.priority_id, []).append(
            {
                "action": action.action,
                "lead": action.lead_text,
                "target": action.target,
                "timescale": action.timescale,
                "update": action.update,
                "progress_status": action.progress_status,
                "linked_work": action.initiative.name if action.initiative else None,
                "continues": {
                    "year": continues.priority.year.label,
                    "priority": continues.priority.number,
                    "position": continues.position,
                }
                if continues
                else None,
                "milestones": milestones_export(action),
            }
        )
    parent_ids = Agency.objects.filter(pk__in=agency_ids, parent__isnull=False).values("parent")
    everyone = (
        Agency.objects.filter(Q(pk__in=agency_ids) | Q(pk__in=parent_ids))
        .select_related("parent")
        .prefetch_related("aliases")
    )
    return {
        "format": FORMAT,
        "version": VERSION,
        "year": {
            "label": year.label,
            "starts_on": year.starts_on.isoformat(),
            "ends_on": year.ends_on.isoformat(),
            "report_title": year.report_title,
            "partnership": year.partnership,
            "source": year.source,
            "is_sample": year.is_sample,
        },
        "agencies": [
            {
                "short_name": agency.short_name,
                "name": agency.name,
                "part_of": agency.parent.short_name if agency.parent else None,
                "aliases": sorted(alias.name for alias in agency.aliases.all()),
            }
            # Organisations before their teams, so that a reader meets a parent first.
            for agency in sorted(everyone, key=lambda a: (a.parent_id is not None, a.short_name))
        ],
        "priorities": [
            {
                "number": priority.number,
                "title": priority.title,
                "published_title": priority.published_title,
                "actions": by_priority.get(priority.pk, []),
                "indicators": indicators_export(priority.indicators.all()),
            }
            for priority in year.priorities.order_by("number").prefetch_related(*INDICATOR_PREFETCH)
        ],
        "statistics": [
            {
                "title": snapshot.title,
                "area": snapshot.area,
                "area_heading": snapshot.area_heading,
                "county": snapshot.county,
                "districts": snapshot.districts,
                "accurate_at": snapshot.accurate_at.isoformat(),
                "accurate_at_text": snapshot.accurate_at_text,
                "rate_heading": snapshot.rate_heading,
                "reduction_heading": snapshot.reduction_heading,
                "commentary": snapshot.commentary,
                "source": snapshot.source,
                "rows": [
                    {
                        "category": row.category.name,
                        "percent_change": str(row.percent_change),
                        "percent_change_text": row.percent_change_text,
                        "rate_position": row.rate_position,
                        "rate_position_text": row.rate_position_text,
                        "reduction_position": row.reduction_position,
                        "reduction_position_text": row.reduction_position_text,
                    }
                    for row in sorted(snapshot.rows.all(), key=lambda r: r.category.position)
                ],
            }
            for snapshot in year.snapshots.prefetch_related("rows__category").order_by(
                "accurate_at"
            )
        ],
    }


def milestones_export(action: Action) -> list[dict]:
    """An action's milestones (prefetched, with agencies) in the file's form, in order."""
    return [
        {
            "title": milestone.title,
            "due": milestone.due_on.isoformat(),
            "done": milestone.done_on.isoformat() if milestone.done_on else None,
            "agency": milestone.agency.short_name if milestone.agency else None,
        }
        for milestone in sorted(action.milestones.all(), key=lambda m: m.position)
    ]


def dumps(data: dict) -> str:
    """The file's text: UTF-8 JSON, two-space indents, a final newline."""
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
