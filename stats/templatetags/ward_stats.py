"""Ward figures in templates: `{% load ward_stats %}`.

`{% priority_ward_breakdown priority %}` adds a priority's ward breakdown to its page,
for users allowed to see ward figures; `{% trend_chart chart "id" %}` draws a chart with
its table of figures.
"""

from django import template
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

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


@register.inclusion_tag("stats/includes/trend_chart.html")
def trend_chart(chart, chart_id):
    return {
        "chart": chart,
        "chart_id": chart_id,
        "svg": chart.svg(chart_id),
        "table_body": chart_table_body(chart),
    }


def chart_table_body(chart) -> SafeString:
    """The rows of a chart's table of figures, the month (or date) as each row's header.
    Written here rather than by template loops: a ward page has a chart per crime type."""
    rows = []
    for first, *cells in chart.table_rows():
        tds = "".join(f'<td class="govuk-table__cell">{escape(cell)}</td>' for cell in cells)
        rows.append(
            f'<tr class="govuk-table__row"><th scope="row" class="govuk-table__header">'
            f"{escape(first)}</th>{tds}</tr>"
        )
    return mark_safe("\n".join(rows))  # every cell escaped


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
