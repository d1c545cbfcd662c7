"""Table pieces every app uses: the base table and columns defined once."""

import inspect
import json
from functools import cmp_to_key, lru_cache
from html import escape as escape_text
from urllib.parse import urlencode

import django_tables2 as tables
from django.db.models.functions import Lower
from django.utils.formats import localize
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.timezone import template_localtime
from django_tables2 import utils as tables_utils
from django_tables2.columns.linkcolumn import BaseLinkColumn
from django_tables2.data import TableListData
from django_tables2.utils import Accessor, OrderBy, OrderByTuple

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

    def __init__(self, data=None, *args, **kwargs):
        if isinstance(data, list):
            data = ListData(list(data))
        super().__init__(data, *args, **kwargs)
        # django-tables2 works out a render method's signature again for every cell it
        # renders (to pass only the arguments the method takes): that was most of the
        # time a table took. Each column's methods get theirs once instead.
        for bound_column in self.columns.iterall():
            bound_column.render = presigned(bound_column.render)
            bound_column.value = presigned(bound_column.value)

    def body_rows(self):
        """The page's rows for templates/includes/table.html, each a `<tr>` of HTML.

        django-tables2's own way (BoundRow.get_cell, then a template loop over the cells)
        works out again for every cell what is the same for the whole column: the
        accessor's parts, whether its field has choices, which arguments the render
        method takes, the cell's class and header. CellRenderer works those out once per
        column; a table's cells come out the same, several times faster."""
        renderers = [CellRenderer(self, column) for column in self.columns]
        for row in self.paginated_rows:
            yield mark_safe(  # every cell and header is escaped by CellRenderer
                '<tr class="govuk-table__row" role="row">'
                + "".join(renderer.td(row) for renderer in renderers)
                + "</tr>"
            )


class ListData(TableListData):
    """A list of rows, sorted as django-tables2 sorts one (each column's value compared in
    turn, the larger first where descending, values of different types grouped), with
    each row's values looked up once rather than again at every comparison: Accessor's
    lookups were most of the time the ward table took to sort its 25 rows."""

    def order_by(self, aliases):
        accessors = []
        for alias in aliases:  # as TableListData.order_by
            bound_column = self.table.columns[OrderBy(alias).bare]
            if alias[0] != bound_column.order_by_alias[0]:
                accessors += bound_column.order_by.opposite
            else:
                accessors += bound_column.order_by
        ordering = OrderByTuple(accessors)
        lookups = [Accessor(order_by.bare) for order_by in ordering]
        descending = [order_by.is_descending for order_by in ordering]
        rows = [([a.resolve(row, quiet=True) for a in lookups], row) for row in self.data]
        rows.sort(key=cmp_to_key(lambda x, y: -1 if _before(x[0], y[0], descending) else 0))
        self.data[:] = [row for _, row in rows]


def _before(a_values: list, b_values: list, descending: list[bool]) -> bool:
    """Whether a row goes before another: OrderByTuple.key's comparison, on values."""
    for a, b, reverse in zip(a_values, b_values, descending, strict=True):
        if a == b:
            continue
        if reverse:
            a, b = b, a
        try:
            return a < b
        except TypeError:
            if bool(a) is not bool(b):
                return bool(a) < bool(b)
            a_type, b_type = type(a), type(b)
            return (repr(a_type), id(a_type)) < (repr(b_type), id(b_type))
    return False


def header_cells(table, request) -> str:
    """The table's <th> cells: GOV.UK header classes (right-aligned over a column of
    figures), aria-sort, and for a sortable column a link that sorts by it from the first
    page, keeping the request's other parameters (as django-tables2's querystring_replace
    does). Written here rather than by a template loop, which read each column's
    attributes several times over."""
    params = dict(request.GET) if request is not None else {}
    cells = []
    for column in table.columns:
        attrs = column.attrs
        th_class = attrs["th"].get("class") or ""
        numeric = "govuk-table__cell--numeric" in (attrs["td"].get("class") or "")
        classes = f"{th_class} govuk-table__header--numeric" if numeric else th_class
        if not column.orderable:
            cells.append(
                format_html(
                    '<th scope="col" class="govuk-table__header {}" role="columnheader">{}</th>',
                    classes,
                    column.header,
                )
            )
            continue
        if not column.is_ordered:
            sort = "none"
        elif column.order_by_alias.is_descending:
            sort = "descending"
        else:
            sort = "ascending"
        query = {
            **params,
            table.prefixed_order_by_field: column.order_by_alias.next,
            table.prefixed_page_field: 1,
        }
        cells.append(
            format_html(
                '<th scope="col" class="govuk-table__header {}" role="columnheader" '
                'aria-sort="{}"><a class="govuk-link app-sort-link" href="?{}">{}'
                '<span class="govuk-visually-hidden"> (sort)</span></a></th>',
                classes,
                sort,
                urlencode(query, doseq=True),
                column.header,
            )
        )
    return mark_safe("".join(cells))  # every cell was built by format_html


def footer_cells(table) -> str:
    """The total row's cells (templates/includes/table.html), or "" for a table without
    footers: the first column's footer as the row's header, then each column's as a cell
    with its class and header. Written here rather than by a template loop, which read each
    column's footer and attributes several times over."""
    if not table.has_footer():
        return ""
    cells = []
    for number, column in enumerate(table.columns):
        footer = template_text(footer_value(column))
        if number == 0:
            cells.append(
                f'<th scope="row" class="govuk-table__header" role="rowheader">{footer}</th>'
            )
            continue
        cells.append(f"{cell_opening(column)}{footer}</td>")
    return mark_safe("".join(cells))  # every footer, class and header escaped


def footer_value(bound_column):
    """BoundColumn.footer, without working out the footer function's signature twice on
    every call (django-tables2 asks inspect for it each time: most of a total row's time).
    A column with footer code of its own goes to django-tables2."""
    column = bound_column.column
    footer = column._footer
    if type(column).footer is not tables.Column.footer or not inspect.isfunction(footer):
        return bound_column.footer
    arguments, catch_all = _signature(footer)
    available = {"column": column, "bound_column": bound_column, "table": bound_column._table}
    if catch_all:
        return footer(**available)
    if any(name not in available for name in arguments):
        return None  # as django-tables2's call_with_appropriate
    return footer(**{name: available[name] for name in arguments})


@lru_cache(maxsize=1024)
def _signature(function) -> tuple[tuple[str, ...], bool]:
    arguments, catch_all = tables_utils.signature(function)
    return arguments, bool(catch_all)


def cell_opening(bound_column) -> str:
    """A column's `<td>`: its class, and its header as data-label (for narrow screens)."""
    return format_html(
        '<td class="govuk-table__cell {}" role="cell" data-label="{}">',
        bound_column.attrs["td"].get("class") or "",
        bound_column.header,
    )


def template_text(value) -> str:
    """A value as the template language writes it: local time, localised, escaped."""
    if type(value) is str:
        # Most cells: plain text, neither localised nor a time, escaped as Django's
        # escape() does (without its wrapping, a third of the time).
        return escape_text(value)
    return conditional_escape(localize(template_localtime(value)))


# What django-tables2 offers a column's render method (BoundRow._optional_cell_arguments).
CELL_ARGUMENTS = frozenset(("value", "record", "column", "bound_column", "bound_row", "table"))


class CellRenderer:
    """One column's cells, rendered as django-tables2's BoundRow.get_cell renders them
    (tests/test_tables.py compares the two on every table of the site)."""

    def __init__(self, table, bound_column):
        column = bound_column.column
        self.name = bound_column.name
        self.bound_column = bound_column
        self.column = column
        self.table = table
        self.accessor = Accessor(bound_column.accessor)
        self.bits = tuple(self.accessor.bits)
        self.render = bound_column.render
        self.link = bound_column.link
        self.empty_values = column.empty_values
        arguments, catch_all = tables_utils.signature(self.render)
        self.arguments = None if catch_all else tuple(arguments)
        # The commonest render methods take the value, the record or both: called with
        # just those, straight (not through presigned's wrapper), without the dictionary
        # of everything a cell could be given.
        self.plain_render = None
        if not self.link and self.arguments in (("value",), ("record",), ("value", "record")):
            self.plain_render = getattr(self.render, "__wrapped__", self.render)
        self.callable = catch_all or set(arguments) <= CELL_ARGUMENTS
        # Whether the cell needs the accessor's value: for the render method, the link, or
        # to tell an empty value (StatusColumn, say, renders from the record alone).
        self.needs_value = (
            self.arguments is None
            or "value" in self.arguments
            or bool(self.empty_values)
            or bool(self.link)
        )
        # Cases the general path handles: a many-to-many column (which asks the database
        # whether the value exists), a link column with fixed text, accessors with
        # arguments, and a field with choices (whose value is its label, from
        # get_FOO_display).
        model = getattr(table._meta, "model", None)
        field = self.accessor.get_field(model) if model else None
        self.general = (
            isinstance(column, (tables.ManyToManyColumn, BaseLinkColumn))
            or bool(self.accessor.callable_args or self.accessor.callable_kwargs)
            or (self.needs_value and (bool(getattr(field, "choices", None)) or not self.bits))
        )
        self.opening = cell_opening(bound_column)

    def td(self, row) -> str:
        return f"{self.opening}{template_text(self.cell(row))}</td>"

    def cell(self, row):
        record = row.record
        # Accessor.resolve looks a name up as an item before an attribute: a record with
        # items (a dict, a list) goes that way.
        if self.general or hasattr(type(record), "__getitem__"):
            return row.get_cell(self.name)
        value = None
        if self.needs_value:
            try:
                value = self.value(record)
            except Exception:
                value = None
        if value in self.empty_values:
            return self.bound_column.default
        if not self.callable:
            return None
        if self.plain_render is not None:
            if self.arguments == ("value",):
                return self.plain_render(value=value)
            if self.arguments == ("record",):
                return self.plain_render(record=record)
            return self.plain_render(value=value, record=record)
        everything = {
            "value": value,
            "record": record,
            "column": self.column,
            "bound_column": self.bound_column,
            "bound_row": row,
            "table": self.table,
        }
        if self.arguments is None:
            content = self.render(**everything)
        else:
            content = self.render(**{name: everything[name] for name in self.arguments})
        return self.link(content, **everything) if self.link else content

    def value(self, record):
        """Accessor.resolve for a record with attributes (a model instance, a dataclass):
        attributes, calling what is callable. Anything else along the way (a dict, a list)
        goes to Accessor.resolve itself."""
        try:
            return self.attribute_value(record)
        except (AttributeError, TypeError):
            return self.accessor.resolve(record)

    def attribute_value(self, record):
        current = record
        for bit in self.bits:
            current = getattr(current, bit)
            if callable(current):
                if getattr(current, "alters_data", False):
                    raise ValueError(f"Refusing to call {bit}(): alters_data is set")
                if not getattr(current, "do_not_call_in_templates", False):
                    current = current()
            if current is None:
                break
        return current


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
    call.__wrapped__ = method
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
        return status_tag(record.progress_status, status_label(record))

    def value(self, record):
        return status_label(record)


def status_label(record) -> str:
    """record.get_progress_status_display(), without Django building the dictionary of
    the field's choices again for every call (on every row of every table of actions)."""
    value = record.progress_status
    return str(_status_labels(type(record)).get(value, value))


@lru_cache(maxsize=16)
def _status_labels(model) -> dict:
    return dict(model._meta.get_field("progress_status").flatchoices)


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
