"""Tables of the administrators' import pages: imports of ward figures, and the districts
with their populations."""

import django_tables2 as tables
from django.utils.html import format_html

from core.tables import BaseTable, DateTimeColumn, TextColumn

from ..models import GENERATED_SAMPLE_SOURCE, District, WardImport
from ..periods import Period
from .wards import CountColumn


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
