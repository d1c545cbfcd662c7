"""Table pieces every app uses: the base table and columns defined once."""

import django_tables2 as tables
from django.db.models.functions import Lower
from django.utils.html import format_html


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


class LinkedCountColumn(tables.Column):
    """A count that links to the page listing what was counted."""

    def __init__(self, *, link_to: str = "get_absolute_url", **kwargs):
        self.link_to = link_to
        kwargs.setdefault("attrs", {"td": {"class": "govuk-table__cell--numeric"}})
        super().__init__(**kwargs)

    def render(self, value, record):
        url = getattr(record, self.link_to)()
        return format_html('<a class="govuk-link" href="{}">{}</a>', url, value)
