"""Display helpers for every app's templates: `{% load csp %}`."""

from django import template
from django.core.exceptions import FieldDoesNotExist
from django.utils.text import capfirst

from core import tables

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


EMPTY = "(empty)"


@register.filter
def editor_name(user) -> str:
    """Who saved something: their full name, else their user name."""
    if user is None:
        return "a deleted account"
    return user.get_full_name() or user.get_username()


@register.filter
def field_label(obj, name: str) -> str:
    """The verbose name of a model field, capitalised: `action|field_label:"update"`."""
    try:
        return capfirst(obj._meta.get_field(name).verbose_name)
    except FieldDoesNotExist:
        return capfirst(name.replace("_", " "))


@register.filter
def field_display(obj, name: str) -> str:
    """A field's value as people read it (a choice's label), or "(empty)"."""
    return history_value(getattr(obj, name, None), obj, name)


def history_value(value, obj, name: str) -> str:
    if value in (None, ""):
        return EMPTY
    if isinstance(value, bool):
        return "Yes" if value else "No"
    try:
        choices = dict(obj._meta.get_field(name).flatchoices)
    except FieldDoesNotExist:
        choices = {}
    return str(choices.get(value, value))


@register.simple_tag
def change_rows(obj, changes: dict) -> list[tuple[str, str, str]]:
    """An {field: [from, to]} dict as (label, from, to) rows for display."""
    return [
        (field_label(obj, name), history_value(old, obj, name), history_value(new, obj, name))
        for name, (old, new) in changes.items()
    ]


@register.filter
def status_tag(obj):
    """An object's progress status as a GOV.UK tag, in words as well as colour."""
    return tables.status_tag(obj.progress_status, obj.get_progress_status_display())
