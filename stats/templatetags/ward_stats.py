"""Ward figures in templates: `{% load ward_stats %}`.

`{% priority_ward_breakdown priority %}` adds a priority's ward breakdown to its page,
for users allowed to see ward figures; `{% trend_chart chart "id" %}` draws a chart with
its table of figures; `{% ward_type_sections page ward ward_set %}` writes a ward page's
section for each crime type.
"""

from html import escape as escape_text

from django import template
from django.utils.safestring import mark_safe

from .. import charts, selectors
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


@register.simple_tag
def trend_chart(chart, chart_id):
    """A chart with its key and its table of figures (stats.charts.figure)."""
    return charts.figure(chart, chart_id)


@register.simple_tag
def ward_type_sections(page, ward, ward_set):
    """A ward page's section for each crime type with figures: the period against a year
    earlier beside the borough's, in words, then the chart with its table. Written here
    rather than by a template loop: a ward page has one for each of 14 crime types."""
    sections = []
    district = escape_text(ward_set.district)
    for figures in page.with_figures:
        crime_type = figures.crime_type
        slug = escape_text(crime_type.slug)
        text = (
            f"{escape_text(ward.name)}: {_count(figures.count)} ({_count(figures.previous)} "
            "a year earlier"
        )
        if figures.change is not None:
            text += f", {percent_change(figures.change)}"
        text += f"). {district}: {_count(figures.borough)}"
        if figures.borough_change is not None:
            text += f" ({percent_change(figures.borough_change)})"
        notes = []
        if figures.category_changed:
            notes.append(
                '<p class="govuk-body">police.uk changed what this category counts between '
                "the two periods, so no change is worked out.</p>"
            )
        if crime_type.notes:
            notes.append(
                f'<p class="govuk-body-s app-published">{escape_text(crime_type.notes)}</p>'
            )
        sections.append(
            f'<section class="app-ward-type" aria-labelledby="{slug}">\n'
            f'<h2 class="govuk-heading-m" id="{slug}">{escape_text(crime_type.name)}</h2>\n'
            f'<p class="govuk-body">{text}.</p>\n'
            + "".join(notes)
            + charts.figure(figures.chart, f"{crime_type.slug}-chart")
            + "\n</section>"
        )
    return mark_safe("\n".join(sections))  # every text escaped above


def _count(value) -> str:
    return "no figures" if value is None else f"{value:,}"


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
