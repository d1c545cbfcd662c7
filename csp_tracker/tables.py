"""Table pieces every app uses: the base table and columns defined once."""

import inspect
import json

import django_tables2 as tables
from django.db.models.functions import Lower
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from .models import AuditEntry


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

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # django-tables2 works out a render method's signature again for every cell it
        # renders (to pass only the arguments the method takes): that was most of the
        # time a table took. Each column's methods get theirs once instead.
        for bound_column in self.columns.iterall():
            bound_column.render = presigned(bound_column.render)
            bound_column.value = presigned(bound_column.value)

    def body_rows(self):
        """The page's rows for templates/includes/table.html: each cell with its column's
        class and header, which are worked out once per column rather than once per cell.
        (No column here has classes that depend on the row.)"""
        columns = [
            (column.name, column.attrs["td"].get("class") or "", column.header)
            for column in self.columns
        ]
        for row in self.paginated_rows:
            yield [(row.get_cell(name), td_class, header) for name, td_class, header in columns]


_SIGNATURES: dict = {}


def presigned(method):
    """`method`, with its signature known to inspect.signature() without working it out
    (see BaseTable.__init__). Functions that are not methods are returned as they are."""
    function = getattr(method, "__func__", None)
    if function is None:
        return method
    if function not in _SIGNATURES:
        _SIGNATURES[function] = inspect.signature(method)

    def call(*args, **kwargs):
        return method(*args, **kwargs)

    call.__signature__ = _SIGNATURES[function]
    return call


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


class StatusColumn(tables.Column):
    """A progress status as a GOV.UK tag: coloured, and always with its name in words."""

    def __init__(self, **kwargs):
        kwargs.setdefault("verbose_name", "Progress status")
        kwargs.setdefault("empty_values", ())
        super().__init__(**kwargs)

    def render(self, record):
        # Not `value`: django-tables2 passes a choice field's label there, not its value.
        return status_tag(record.progress_status, record.get_progress_status_display())

    def value(self, record):
        return record.get_progress_status_display()


def status_tag(value: str, label: str):
    if not value:
        return mark_safe('<span class="app-no-status">Not recorded</span>')
    colour = STATUS_TAG_COLOURS.get(value, "")
    return format_html('<strong class="govuk-tag {}">{}</strong>', colour, label)


class AuditEntryTable(BaseTable):
    caption = "Changes, newest first"

    at = tables.DateTimeColumn(verbose_name="When", format="j M Y, H:i")
    username = tables.Column(verbose_name="Who", default="The system")
    kind = tables.Column(verbose_name="Change")
    content_type = tables.Column(verbose_name="Record", orderable=False)
    object_repr = tables.Column(verbose_name="What", linkify=True)
    changes = tables.Column(verbose_name="Fields", orderable=False, empty_values=())

    class Meta(BaseTable.Meta):
        model = AuditEntry
        fields = ("at", "username", "kind", "content_type", "object_repr", "changes")
        order_by = ("-at",)
        empty_text = "No changes match."

    def render_content_type(self, value):
        return value.name.capitalize()

    def render_changes(self, value, record):
        return ", ".join(value) if value else record.note or "—"

    def value_changes(self, value):
        return json.dumps(value, ensure_ascii=False)
