import django_tables2 as tables
from django.utils.html import format_html

from core.tables import BaseTable, DateTimeColumn, TextColumn

from . import selectors
from .models import GENERATED_SAMPLE_SOURCE, CrimeStatistic, District, Ward, WardImport
from .periods import Period


class CrimeStatisticTable(BaseTable):
    """The county ranking table: each figure shown exactly as published. Its downloads
    have each figure as a number, and as published in a column of its own."""

    caption = "Figures by crime category"

    category = tables.Column(
        verbose_name="Crime category", linkify=True, order_by=("category__position",)
    )
    percent_change = tables.Column(
        verbose_name="% change", attrs={"td": {"class": "govuk-table__cell--numeric"}}
    )
    rate_position = tables.Column(
        verbose_name="Position in county, crimes per 1000 population",
        attrs={"td": {"class": "govuk-table__cell--numeric"}},
    )
    reduction_position = tables.Column(
        verbose_name="Position in county for % reduction",
        attrs={"td": {"class": "govuk-table__cell--numeric"}},
    )
    # In downloads only: the page shows each figure as published.
    percent_change_text = tables.Column(verbose_name="% change as published", visible=False)
    rate_position_text = tables.Column(
        verbose_name="Position per 1000 population as published", visible=False
    )
    reduction_position_text = tables.Column(
        verbose_name="Position for % reduction as published", visible=False
    )

    class Meta(BaseTable.Meta):
        model = CrimeStatistic
        fields = (
            "category",
            "percent_change",
            "rate_position",
            "reduction_position",
            "percent_change_text",
            "rate_position_text",
            "reduction_position_text",
        )
        order_by = ("category",)
        empty_text = "This snapshot has no figures."

    def render_percent_change(self, record):
        return record.percent_change_text

    def value_percent_change(self, record):
        return record.percent_change

    def render_rate_position(self, record):
        return record.rate_position_text

    def value_rate_position(self, record):
        return record.rate_position

    def render_reduction_position(self, record):
        return record.reduction_position_text

    def value_reduction_position(self, record):
        return record.reduction_position


class CategoryFigureTable(CrimeStatisticTable):
    """One category's figures in every snapshot, newest first."""

    accurate_at = tables.Column(
        accessor="snapshot__accurate_at",
        verbose_name="Accurate at",
        linkify=lambda record: record.snapshot.get_absolute_url(),
    )
    year = tables.Column(accessor="snapshot__year__label", verbose_name="Year", orderable=False)

    class Meta(CrimeStatisticTable.Meta):
        fields = (
            "accurate_at",
            "year",
            "percent_change",
            "rate_position",
            "reduction_position",
            "percent_change_text",
            "rate_position_text",
            "reduction_position_text",
        )
        exclude = ("category",)
        order_by = ("-accurate_at",)

    def render_accurate_at(self, record):
        return record.snapshot.accurate_at_text


# --- Ward figures -----------------------------------------------------------------------

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


class StatusColumn(tables.Column):
    def render(self, value, record):
        colour = {
            WardImport.Status.DONE: "govuk-tag--green",
            WardImport.Status.FAILED: "govuk-tag--red",
        }.get(record.status, "govuk-tag--grey")
        return format_html('<strong class="govuk-tag {}">{}</strong>', colour, value)


class WardImportTable(BaseTable):
    """Imports of ward figures, newest first."""

    caption = "Imports of ward figures"

    created_at = DateTimeColumn(verbose_name="Uploaded", format="j M Y, H:i")
    file_name = TextColumn(verbose_name="File", linkify=True)
    kind = tables.Column(verbose_name="Kind")
    status = StatusColumn(verbose_name="Status")
    months = tables.Column(
        verbose_name="Months", accessor="first_month", order_by=("first_month", "last_month")
    )
    rows_placed = CountColumn(verbose_name="Rows in a ward")
    rows_outside = CountColumn(verbose_name="Outside the borough")
    rows_unplaced = CountColumn(verbose_name="Not placed")
    created_by = tables.Column(verbose_name="By", default="A command")

    class Meta(BaseTable.Meta):
        model = WardImport
        fields = (
            "created_at",
            "file_name",
            "kind",
            "status",
            "months",
            "rows_placed",
            "rows_outside",
            "rows_unplaced",
            "created_by",
        )
        order_by = ("-created_at",)
        empty_text = "Nothing has been imported yet."

    def render_months(self, record):
        if record.first_month is None:
            return "—"
        return Period(record.first_month, record.last_month).label


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


NUMERIC = {
    "td": {"class": "govuk-table__cell--numeric"},
    "th": {"class": "govuk-table__header--numeric"},
}


class ComparisonSummaryTable(BaseTable):
    """The county comparison in the published table's shape: for each category, the
    borough's % change and its two positions, worked out; beside them, the figures as the
    newest published table gave them (typed from the report, for another period).
    Rows: dicts made by views.CountyComparisonView."""

    caption = "The borough against the county, by crime category"

    category = tables.Column(verbose_name="Crime category", orderable=False)
    change = tables.Column(verbose_name="% change", attrs=NUMERIC, orderable=False)
    rate_position = tables.Column(
        verbose_name="Position in county, crimes per 1,000 population",
        attrs=NUMERIC,
        orderable=False,
    )
    reduction_position = tables.Column(
        verbose_name="Position in county for % reduction", attrs=NUMERIC, orderable=False
    )
    published = tables.Column(
        verbose_name="As published: % change, positions", orderable=False, default=""
    )
    note = tables.Column(verbose_name="Note", orderable=False, default="")

    class Meta(BaseTable.Meta):
        empty_text = "No figures."


class ComparisonTable(BaseTable):
    """Every district's figures in every category that can be worked out (its downloads
    have the figures as numbers). Rows: dicts made by views.CountyComparisonView."""

    caption = "Every district, by crime category"

    category = tables.Column(verbose_name="Crime category", orderable=False)
    district = tables.Column(verbose_name="District", orderable=False)
    count = tables.Column(verbose_name="Crimes in the period", attrs=NUMERIC, orderable=False)
    previous = tables.Column(verbose_name="Crimes before", attrs=NUMERIC, orderable=False)
    change = tables.Column(verbose_name="% change", attrs=NUMERIC, orderable=False)
    rate = tables.Column(verbose_name="Crimes per 1,000 population", attrs=NUMERIC, orderable=False)
    rate_position = tables.Column(
        verbose_name="Position by crimes per 1,000", attrs=NUMERIC, orderable=False, default=""
    )
    reduction_position = tables.Column(
        verbose_name="Position for % reduction", attrs=NUMERIC, orderable=False, default=""
    )

    class Meta(BaseTable.Meta):
        empty_text = "No district has figures for these months."

    def render_district(self, value, record):
        if record["is_borough"]:
            return format_html("<strong>{}</strong> (the borough)", value)
        return value

    def value_district(self, value):
        return value

    def value_change(self, record):
        return None if record["change_value"] is None else round(record["change_value"], 1)

    def value_rate(self, record):
        return None if record["rate_value"] is None else round(record["rate_value"], 2)


class DistrictPopulationTable(BaseTable):
    """The districts of the force, with the population each has (if any), its year and
    source: a generated one says so."""

    caption = "The districts and their populations"

    name = tables.Column(verbose_name="District", orderable=False)
    code = tables.Column(verbose_name="ONS code", orderable=False, default="—")
    population = CountColumn(verbose_name="Population", orderable=False)
    population_year = tables.Column(verbose_name="Year", orderable=False, default="—")
    population_source = tables.Column(verbose_name="Source", orderable=False, default="—")

    class Meta(BaseTable.Meta):
        model = District
        fields = ("name", "code", "population", "population_year", "population_source")
        empty_text = "No district yet: an import of police.uk files or of populations adds them."

    def render_population_source(self, value):
        if value == GENERATED_SAMPLE_SOURCE:
            return format_html(
                '<strong class="govuk-tag govuk-tag--yellow">{}</strong>', GENERATED_SAMPLE_SOURCE
            )
        return value
