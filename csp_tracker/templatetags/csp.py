"""Display helpers for every app's templates: `{% load csp %}`."""

from django import template
from django.core.exceptions import FieldDoesNotExist
from django.middleware.csrf import get_token
from django.template import defaulttags
from django.utils.html import conditional_escape, escape
from django.utils.safestring import mark_safe
from django.utils.text import capfirst

from csp_tracker import tables
from csp_tracker.links import link

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


@register.simple_tag
def year_switcher_items(years, current):
    """The year switcher's items (base.html), the current year marked. Written here rather
    than by a template loop: the list is on every page and grows by a year every year."""
    current_pk = getattr(current, "pk", None)
    return mark_safe(  # each URL and label escaped
        "\n".join(
            f'<li class="app-years__item"><a class="govuk-link app-years__link" '
            f'href="{escape(year.get_absolute_url())}"'
            f"{CURRENT if year.pk == current_pk else ''}>{escape(year.label)}</a></li>"
            for year in years
        )
    )


CURRENT = ' aria-current="true"'

# The header's navigation: label, URL name, section, and the permission it needs (if any).
NAVIGATION = (
    ("Priorities", "priorities:home", "priorities", None),
    ("Lead agencies", "actions:agency_list", "agencies", None),
    ("County crime table", "stats:county", "stats", None),
    ("Ward figures", "stats:ward_list", "wards", "stats.view_ward"),
    ("Updates due", "actions:updates_due", "updates_due", "actions.change_action"),
    ("Audit trail", "site:audit_list", "audit", "csp_tracker.view_auditentry"),
)


@register.simple_tag(takes_context=True)
def service_navigation_items(context):
    """The header's navigation items (base.html): the sections the user may see, the page's
    own marked, then signing in or out. Written here rather than by including a template
    for each item: the header is on every page."""
    request = context.get("request")
    user = context.get("user")
    current = context.get("nav_section")
    path = request.path if request is not None else None
    items = [
        _navigation_item(label, link(name), section == current, path)
        for label, name, section, permission in NAVIGATION
        if permission is None or (user is not None and user.has_perm(permission))
    ]
    if user is not None and user.is_authenticated:
        token = escape(get_token(request)) if request is not None else ""
        name = escape(user.get_full_name() or user.get_username())
        items.append(
            '<li class="govuk-service-navigation__item app-account">'
            f'<form method="post" action="{link("logout")}" class="app-account__form">'
            f'<input type="hidden" name="csrfmiddlewaretoken" value="{token}">'
            f'<span class="app-account__name">{name}</span> <button type="submit" '
            'class="govuk-service-navigation__link app-link-button">Sign out</button></form></li>'
        )
    else:
        items.append(_navigation_item("Sign in", link("login"), current == "login", path))
    return mark_safe("\n".join(items))  # every text and URL escaped


def _navigation_item(label: str, url: str, active: bool, path: str | None) -> str:
    href, label = escape(url), escape(label)
    if not active:
        return (
            '<li class="govuk-service-navigation__item"><a class="govuk-service-navigation__link" '
            f'href="{href}">{label}</a></li>'
        )
    current = "page" if path == url else "true"
    return (
        '<li class="govuk-service-navigation__item govuk-service-navigation__item--active">'
        f'<a class="govuk-service-navigation__link" href="{href}" aria-current="{current}">'
        f'<strong class="govuk-service-navigation__active-fallback">{label}</strong></a></li>'
    )


class LinkNode(defaulttags.URLNode):
    """`{% url %}` answered by csp_tracker.links.link, which remembers each URL."""

    def render(self, context):
        if self.args:
            return super().render(context)
        kwargs = {name: value.resolve(context) for name, value in self.kwargs.items()}
        url = link(self.view_name.resolve(context), **kwargs)
        if self.asvar:
            context[self.asvar] = url
            return ""
        return conditional_escape(url) if context.autoescape else url


@register.tag(name="link")
def link_tag(parser, token):
    """`{% link 'name' key=value %}` (or `... as variable`): `{% url %}` with keyword
    arguments, remembered. Used where a template asks for the same URLs on every page."""
    node = defaulttags.url(parser, token)
    return LinkNode(node.view_name, node.args, node.kwargs, node.asvar)


@register.simple_tag(takes_context=True)
def table_header_cells(context, table):
    """A table's header cells (templates/includes/table.html): see tables.header_cells."""
    return tables.header_cells(table, context.get("request"))


@register.simple_tag
def table_footer_cells(table):
    """A table's total row cells, or nothing: see tables.footer_cells."""
    return tables.footer_cells(table)


@register.simple_tag
def checkbox_items(field):
    """A multiple-choice field's boxes as GOV.UK checkbox items (the ward table's crime
    types): written here rather than by a template loop over the boxes."""
    items = []
    for box in field:
        data = box.data
        box_id = escape(box.id_for_label)
        items.append(
            '<div class="govuk-checkboxes__item">'
            f'<input class="govuk-checkboxes__input" id="{box_id}" name="{escape(data["name"])}" '
            f'type="checkbox" value="{escape(data["value"])}"'
            f"{' checked' if data['selected'] else ''}>"
            f'<label class="govuk-label govuk-checkboxes__label" for="{box_id}">'
            f"{conditional_escape(box.choice_label)}</label></div>"
        )
    return mark_safe("\n".join(items))  # every id, name, value and label escaped


@register.simple_tag
def filter_field(field):
    """One field of a table's filter form, as a GOV.UK form group: its label, its errors
    and its widget. Written here rather than in a template: it is on every table page."""
    errors = "".join(
        '<p class="govuk-error-message"><span class="govuk-visually-hidden">Error:</span> '
        f"{escape(error)}</p>"
        for error in field.errors
    )
    group = "govuk-form-group app-filter__field"
    if field.errors:
        group += " govuk-form-group--error"
    return mark_safe(  # the label and errors escaped; the widget's HTML is Django's
        f'<div class="{group}"><label class="govuk-label govuk-label--s" '
        f'for="{escape(field.id_for_label)}">{escape(field.label)}</label>{errors}{field}</div>'
    )


@register.simple_tag
def other_year_items(priorities):
    """The same priority in other years (a priority page): each linked, with its count."""
    items = []
    for other in priorities:
        count = other.action_count
        items.append(
            f'<li><a class="govuk-link" href="{escape(other.get_absolute_url())}">'
            f"{escape(other.year_label)}: priority {other.number}, {escape(other.title)}</a> "
            f"({count} action{'' if count == 1 else 's'})</li>"
        )
    return mark_safe("\n".join(items))  # every text escaped
