"""Display helpers for every app's templates: `{% load csp %}`."""

from django import template

register = template.Library()


@register.inclusion_tag("includes/breadcrumbs.html")
def breadcrumbs(*labels_and_urls):
    """`{% breadcrumbs "Home" home_url "Priority 2" priority_url %}`: the trail above a heading."""
    if len(labels_and_urls) % 2:
        raise template.TemplateSyntaxError("breadcrumbs takes label and URL pairs")
    pairs = zip(labels_and_urls[::2], labels_and_urls[1::2], strict=True)
    return {"crumbs": list(pairs)}


@register.filter
def refers_to_row_above(text: str) -> bool:
    """True for a cell that says “As above”, meaning the row before."""
    return text.strip().lower() == "as above"
