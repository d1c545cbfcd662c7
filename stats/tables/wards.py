"""Tables of ward figures (every ward, one ward by crime type, one ward by month), and the
columns they share: counts, rates and percentages, and the Source column of their
downloads."""

import django_tables2 as tables
from django.utils.html import format_html

from core.tables import BaseTable, TextColumn

from .. import selectors
from ..models import Ward

# Figures stay on one line (a "%" must not wrap away from its number).
NUMERIC = {
    "td": {"class": "govuk-table__cell--numeric app-table__no"},
    "tf": {"class": "govuk-table__cell--numeric app-table__no"},
}


def _number(value) -> str:
    return "—" if value is None else f"{value:,}"


def _percent(value) -> str:
    if value is None:
        return "—"
    return f"{value:+}%" if value else "0%"


class CountColumn(tables.Column):
    """A count of crimes: right-aligned, with thousands separated; its footer is the borough's."""

    def __init__(self, **kwargs):
        kwargs.setdefault("attrs", NUMERIC)
        kwargs.setdefault("empty_values", ())
        super().__init__(**kwargs)

    def render(self, value):
        return _number(value)

    def value(self, value):
        return "" if value is None else value


class SourcedExport:
    """Downloads (CSV and XLSX) of a table of figures carry the total row, if there is one,
    and in a last column where the figures come from (`source`), on every row."""

    source = ""

    def as_values(self, exclude_columns=None):
        rows = iter(super().as_values(exclude_columns=exclude_columns))
        yield [*next(rows), "Source"]
        for row in rows:
            yield [*row, self.source]
        footer = self.footer_values(exclude_columns or ())
        if footer is not None:
            yield [*footer, self.source]

    def footer_values(self, exclude_columns) -> list | None:
        return None

    def exported_columns(self, exclude_columns):
        return [
            column
            for column in self.columns.iterall()
            if not (column.column.exclude_from_export or column.name in exclude_columns)
        ]


def _borough_figure(table, bound_column) -> str:
    """A count column's footer: the borough's figure for the column (by its name)."""
    return _number(table.footer_counts.get(bound_column.name))


def _rate(value) -> str:
    return "not known" if value is None else f"{value}"


class WardRateColumn(CountColumn):
    """Crimes per 1,000 residents (a Decimal to one place), or "not known" where the
    population is not: sortable, the wards without a population coming first upwards."""

    def render(self, value):
        return _rate(value)


class WardFiguresTable(SourcedExport, BaseTable):
    """Every ward against the chosen crime types for a period, with the borough's total row.

    The crime type columns are added per request (`extra_columns`, one per chosen type);
    `footer_counts` holds the borough's figures for the total row (its `rate` per 1,000
    residents, where every ward's population is known).
    """

    caption = "Crimes by ward"

    # The rows are wards with their counts added (stats.selectors.wards_with_counts), sorted
    # here: by name whatever the capitals, as TextColumn sorts a queryset.
    name = TextColumn(
        verbose_name="Ward", footer=lambda table: table.borough, order_by=("name_key",)
    )
    code = tables.Column(
        verbose_name="ONS code", footer="", attrs={"td": {"class": "app-table__no"}}
    )
    total = CountColumn(verbose_name="All crime types", footer=_borough_figure)
    rate = WardRateColumn(
        verbose_name="All crime types per 1,000 residents",
        footer=lambda table: _rate(table.footer_counts.get("rate")),
    )

    class Meta(BaseTable.Meta):
        model = Ward
        fields = ("name", "code", "total", "rate")
        sequence = ("name", "code", "...", "total", "rate")
        order_by = ("name",)
        empty_text = "No wards match."

    def __init__(self, *args, crime_types=(), footer_counts=None, borough="", source="", **kwargs):
        self.footer_counts = footer_counts or {}
        self.borough = borough
        self.source = source
        kwargs["extra_columns"] = [
            (
                selectors.type_key(crime_type),
                CountColumn(verbose_name=crime_type.name, footer=_borough_figure),
            )
            for crime_type in crime_types
        ]
        super().__init__(*args, **kwargs)

    def render_name(self, value, record):
        """The ward, linked to its page."""
        return format_html('<a href="{}">{}</a>', record.get_absolute_url(), value)

    def value_name(self, value):
        return value

    def footer_values(self, exclude_columns) -> list:
        """The total row as plain values."""
        return [
            self.borough if column.name == "name" else self.footer_counts.get(column.name, "")
            for column in self.exported_columns(exclude_columns)
        ]


class PercentColumn(tables.Column):
    def __init__(self, **kwargs):
        kwargs.setdefault("attrs", NUMERIC)
        kwargs.setdefault("empty_values", ())
        kwargs.setdefault("orderable", False)
        super().__init__(**kwargs)

    def render(self, value):
        return _percent(value)

    def value(self, value):
        return "" if value is None else value


class RateColumn(PercentColumn):
    def render(self, value):
        return "—" if value is None else f"{value}"


class WardTypeFiguresTable(SourcedExport, BaseTable):
    """One ward's figures for each crime type, beside the borough's."""

    caption = "Crimes in the ward by type, with the borough beside it"

    crime_type = tables.Column(verbose_name="Crime type", orderable=False)
    count = CountColumn(verbose_name="This period", orderable=False)
    previous = CountColumn(verbose_name="A year earlier", orderable=False)
    change = PercentColumn(verbose_name="Change")
    rate = RateColumn(verbose_name="Per 1,000 residents")
    borough = CountColumn(verbose_name="Borough, this period", orderable=False)
    borough_previous = CountColumn(verbose_name="Borough, a year earlier", orderable=False)
    borough_change = PercentColumn(verbose_name="Borough change")

    class Meta(BaseTable.Meta):
        fields = (
            "crime_type",
            "count",
            "previous",
            "change",
            "rate",
            "borough",
            "borough_previous",
            "borough_change",
        )
        empty_text = "No crime types."

    def __init__(self, *args, source="", **kwargs):
        super().__init__(*args, **kwargs)
        self.source = source

    def render_crime_type(self, record):
        """The crime type, linked to its section (chart and figures) further down the page."""
        crime_type = record.crime_type
        return format_html('<a href="#{}">{}</a>', crime_type.slug, crime_type.name)

    def value_crime_type(self, record):
        return record.crime_type.name


class WardMonthTable(SourcedExport, BaseTable):
    """A ward's count of each crime type in each month (for the monthly CSV)."""

    month = tables.Column(verbose_name="Month", accessor="source__month")
    crime_type = tables.Column(verbose_name="Crime type", accessor="crime_type__name")
    count = CountColumn(verbose_name="Count", accessor="n")

    class Meta(BaseTable.Meta):
        fields = ("month", "crime_type", "count")

    def __init__(self, *args, source="", **kwargs):
        super().__init__(*args, **kwargs)
        self.source = source

    def value_month(self, value):
        return f"{value:%Y-%m}"
