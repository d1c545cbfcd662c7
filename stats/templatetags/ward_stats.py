"""Ward figures in templates: `{% load ward_stats %}`.

`{% priority_ward_breakdown priority %}` adds a priority's ward breakdown to its page,
for users allowed to see ward figures; `{{ change|percent_change }}` says a change in words.
"""

from django import template

from .. import selectors
from ..periods import month_value
from ..tables import WardFiguresTable

register = template.Library()


@register.inclusion_tag("stats/includes/priority_ward_breakdown.html", takes_context=True)
def priority_ward_breakdown(context, priority):
    """The priority's crime types ward by ward over its year (needs stats.view_ward)."""
    request = context["request"]
    if not request.user.has_perm("stats.view_ward"):
        return {"show": False}
    breakdown = selectors.priority_breakdown(priority)
    table = None
    query = ""
    if breakdown.has_figures:
        table = WardFiguresTable(
            breakdown.wards,
            crime_types=breakdown.crime_types,
            footer_counts=breakdown.borough,
            borough=f"{breakdown.ward_set.district}, all wards",
            orderable=False,
        )
        table.caption = f"Priority {priority.number} crime types by ward, {breakdown.period.label}"
        query = "&".join(
            [f"crime_type={crime_type.pk}" for crime_type in breakdown.crime_types]
            + [f"start={month_value(breakdown.period.start)}"]
            + [f"end={month_value(breakdown.period.end)}"]
        )
    return {
        "show": True,
        "request": request,
        "perms": context.get("perms"),
        "priority": priority,
        "breakdown": breakdown,
        "table": table,
        "query": query,
    }


@register.filter
def percent_change(value) -> str:
    """+12.5% up, −3.0% down: with its sign in words for everyone."""
    if value is None:
        return "no change worked out"
    if value > 0:
        return f"up {value}%"
    if value < 0:
        return f"down {-value}%"
    return "no change"
