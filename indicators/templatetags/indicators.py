"""Indicators in templates: `{% load indicators %}`.

`{% priority_indicators priority %}` adds a priority's indicators to its page (the page is
in `actions`, which may not import this app: the template loads the tag instead);
`{{ figures|indicator_change }}` says an indicator's change against its baseline in words.
"""

from django import template

from .. import selectors
from ..figures import IndicatorFigures

register = template.Library()


@register.inclusion_tag("indicators/includes/priority_indicators.html", takes_context=True)
def priority_indicators(context, priority):
    """The priority's indicators with their figures and charts; coordinators (permission
    to change priorities) get links to add, edit and enter figures."""
    request = context["request"]
    return {
        "priority": priority,
        "year": priority.year,
        "indicators": selectors.priority_indicators(priority),
        "may_change": request.user.has_perm("priorities.change_priority"),
    }


@register.filter
def indicator_change(figures: IndicatorFigures) -> str:
    """−5 (−11.1%) against the baseline, in words: "down 5 (11.1%)"."""
    if figures.change is None:
        return "not worked out"
    if figures.change == 0:
        return "no change"
    word = "up" if figures.change > 0 else "down"
    text = f"{word} {abs(figures.change):,}"
    if figures.change_percent is not None:
        text += f" ({abs(figures.change_percent)}%)"
    return text


@register.filter
def indicator_number(value) -> str:
    """A figure as the pages write it: 1,234; 40.5; a dash for none."""
    if value is None:
        return "–"
    if value == int(value):
        return f"{int(value):,}"
    return f"{value:,}"
