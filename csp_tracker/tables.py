"""Table pieces every app uses: the base table and columns defined once."""

import django_tables2 as tables


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


class LinkedCountColumn(tables.Column):
    """A count that links to the page listing what was counted."""

    def __init__(self, *, link_to: str = "get_absolute_url", **kwargs):
        self.link_to = link_to
        kwargs.setdefault("attrs", {"td": {"class": "govuk-table__cell--numeric"}})
        super().__init__(**kwargs)

    def render(self, value, record):
        from django.utils.html import format_html

        url = getattr(record, self.link_to)()
        return format_html('<a class="govuk-link" href="{}">{}</a>', url, value)
