import django_tables2 as tables

from csp_tracker.tables import BaseTable

from .models import CrimeStatistic


class CrimeStatisticTable(BaseTable):
    """The county ranking table: each figure shown exactly as published."""

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

    class Meta(BaseTable.Meta):
        model = CrimeStatistic
        fields = ("category", "percent_change", "rate_position", "reduction_position")
        order_by = ("category",)
        empty_text = "This snapshot has no figures."

    def render_percent_change(self, record):
        return record.percent_change_text

    def render_rate_position(self, record):
        return record.rate_position_text

    def render_reduction_position(self, record):
        return record.reduction_position_text


class CategoryFigureTable(CrimeStatisticTable):
    """One category's figures in every snapshot, newest first."""

    accurate_at = tables.Column(
        accessor="snapshot__accurate_at",
        verbose_name="Accurate at",
        linkify=lambda record: record.snapshot.get_absolute_url(),
    )
    year = tables.Column(accessor="snapshot__year__label", verbose_name="Year", orderable=False)

    class Meta(CrimeStatisticTable.Meta):
        fields = ("accurate_at", "year", "percent_change", "rate_position", "reduction_position")
        exclude = ("category",)
        order_by = ("-accurate_at",)

    def render_accurate_at(self, record):
        return record.snapshot.accurate_at_text
