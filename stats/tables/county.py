"""Tables of the county figures: the published county table and a category over time,
and the county table worked out from police.uk's files."""

import django_tables2 as tables
from django.utils.html import format_html

from core.tables import BaseTable

from ..models import CrimeStatistic


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


# Right-aligned figures (templates/includes/table.html right-aligns their headers too).
NUMERIC = {"td": {"class": "govuk-table__cell--numeric"}}


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
