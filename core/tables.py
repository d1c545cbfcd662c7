"""Table pieces every app uses: the base table, and the columns used in several tables.

Every table renders through templates/includes/table.html (DJANGO_TABLES2_TEMPLATE), which
loops over django-tables2's rows (`row.items`) and columns (`column.header`,
`column.footer`). A cell with markup is written by its column's `render` with
`format_html`, or by a TemplateColumn's template.
"""

import django_tables2 as tables
from django.core.paginator import Paginator
from django.db.models.functions import Lower
from django.utils.html import format_html

# Rows a page may be asked to show (?per_page=): more is ignored, as is less than one.
MAX_PER_PAGE = 500


class BaseTable(tables.Table):
    """A GOV.UK-styled table that stacks its cells on narrow screens.

    `caption` names the table for screen readers; it is visually hidden when the page
    heading already says the same.
    """

    caption = ""
    caption_visually_hidden = True

    class Meta:
        template_name = "includes/table.html"
        attrs = {"class": "govuk-table app-table"}
        per_page = 50

    def paginate(self, paginator_class=Paginator, per_page=None, page=1, *args, **kwargs):
        """django-tables2's, ignoring a number of rows a page that is not from 1 to
        MAX_PER_PAGE (?per_page=-1 or 10^20): the table's own 50 rows a page instead."""
        if per_page is not None and not 1 <= per_page <= MAX_PER_PAGE:
            per_page = None
        return super().paginate(paginator_class, per_page, page, *args, **kwargs)


class TextColumn(tables.Column):
    """A column of free text that sorts alphabetically, whatever the capital letters.

    Databases compare text by code point ("Support Programme" before "Support facilities")
    unless told otherwise; this sorts on the lower-cased text on SQLite and PostgreSQL alike.
    """

    def order(self, queryset, is_descending):
        fields = self.order_by or (self.accessor,)
        expressions = [Lower(str(field).replace(".", "__").lstrip("-")) for field in fields]
        ordering = [e.desc() if is_descending else e.asc() for e in expressions]
        return queryset.order_by(*ordering, "pk"), True


class DateTimeColumn(tables.DateTimeColumn):
    """A date and time, shown in the column's format and downloaded as itself: a real date
    in XLSX, ISO text in CSV (core.exports)."""

    def value(self, value):
        return value


class LinkedCountColumn(tables.Column):
    """A count that links to the page listing what was counted."""

    def __init__(self, *, link_to: str = "get_absolute_url", **kwargs):
        self.link_to = link_to
        kwargs.setdefault("attrs", {"td": {"class": "govuk-table__cell--numeric"}})
        super().__init__(**kwargs)

    def render(self, value, record):
        url = getattr(record, self.link_to)()
        return format_html('<a class="govuk-link" href="{}">{}</a>', url, value)

    def value(self, value):
        return value


# GOV.UK tag colours for each progress status; the tag always says the status in words.
STATUS_TAG_COLOURS = {
    "not_started": "govuk-tag--grey",
    "red": "govuk-tag--red",
    "amber": "govuk-tag--orange",
    "green": "govuk-tag--green",
    "complete": "govuk-tag--blue",
}


def status_tag(value: str, label: str):
    """A progress status as a GOV.UK tag, in words as well as colour."""
    if not value:
        return format_html('<span class="app-no-status">{}</span>', "Not recorded")
    return format_html(
        '<strong class="govuk-tag {}">{}</strong>', STATUS_TAG_COLOURS.get(value, ""), label
    )


class StatusColumn(tables.Column):
    """A progress status as a GOV.UK tag: coloured, and always with its name in words."""

    def __init__(self, **kwargs):
        kwargs.setdefault("verbose_name", "Progress status")
        kwargs.setdefault("empty_values", ())
        kwargs.setdefault("attrs", {"td": {"class": "app-table__status"}})
        super().__init__(**kwargs)

    def render(self, record):
        # Not `value`: django-tables2 passes a choice field's label there, not its value.
        return status_tag(record.progress_status, record.get_progress_status_display())

    def value(self, record):
        return record.get_progress_status_display()
