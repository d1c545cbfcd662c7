"""The ward figures pages: every ward of a set, one ward, and a ward's figures month by
month (a download)."""

from django.contrib.auth.mixins import LoginRequiredMixin, PermissionRequiredMixin
from django.utils.functional import cached_property
from django.views.generic import TemplateView
from django_filters.views import FilterView
from django_tables2 import SingleTableMixin

from core.exports import TableExportMixin

from .. import selectors
from ..filtersets import WardFilterSet
from ..forms import PeriodForm
from ..periods import period_latest
from ..tables.wards import WardFiguresTable, WardMonthTable, WardTypeFiguresTable


def figures_source(provenance, populations) -> str:
    """A download's Source column: where the figures and the rates' populations come from."""
    figures = provenance.summary if provenance else "No figures."
    return " ".join(filter(None, [figures, populations.summary]))


class WardFiguresAccess(LoginRequiredMixin, PermissionRequiredMixin):
    """Ward figures are for signed-in users allowed to see them (councillors, partners, …)."""

    permission_required = "stats.view_ward"


class WardListView(WardFiguresAccess, TableExportMixin, SingleTableMixin, FilterView):
    """Every ward against the chosen crime types for a period, with the borough's total.

    `?_export=csv` or `xlsx` downloads the same table, total row and source included.
    """

    template_name = "stats/ward_list.html"
    filterset_class = WardFilterSet
    table_class = WardFiguresTable
    table_pagination = False

    def get(self, request, *args, **kwargs):
        self.ward_set = selectors.ward_set_get(kwargs.get("ward_set"))
        self.imported = selectors.imported_months(self.ward_set)
        self.months = selectors.months_with_figures(self.imported)
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        # By name alone: the wards' own ordering goes by their set first (a join, for
        # wards all of one set). The table sorts them again as asked.
        return self.ward_set.wards.order_by("name")

    def get_filterset_kwargs(self, filterset_class):
        return {**super().get_filterset_kwargs(filterset_class), "months": self.months}

    @cached_property
    def choice(self):
        return self.filterset.choice()

    @cached_property
    def provenance(self):
        period = self.choice.period
        return period and selectors.provenance(self.ward_set, period, months=self.imported)

    @cached_property
    def wards(self):
        """The wards with their counts: the page's table and its download share them."""
        if self.choice.period is None:
            return []
        return selectors.wards_with_counts(
            self.object_list,
            crime_types=self.choice.crime_types,
            period=self.choice.period,
            months=self.imported,
        )

    def get_table_data(self):
        return self.wards

    @property
    def sample_populations(self) -> bool:
        """Whether the table's rates come from generated sample populations."""
        return bool(self.choice.period) and self.populations.is_sample

    @cached_property
    def borough(self) -> dict:
        """The total row's counts, and its rate per 1,000 residents."""
        if self.choice.period is None:
            return {}
        counts = selectors.borough_counts(
            crime_types=self.choice.crime_types, period=self.choice.period, months=self.imported
        )
        counts["rate"] = selectors.rate_per_1000(counts["total"], self.populations.total)
        return counts

    @cached_property
    def populations(self):
        return selectors.ward_set_populations(self.ward_set)

    def get_table_kwargs(self):
        return {
            "crime_types": self.choice.crime_types,
            "footer_counts": self.borough,
            "borough": f"{self.ward_set.district}, all wards",
            "source": figures_source(self.provenance, self.populations),
        }

    def export_name_parts(self):
        period = self.choice.period
        return [self.ward_set.slug, "wards", period.short_label if period else ""]

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            ward_set=self.ward_set,
            choice=self.choice,
            provenance=self.provenance,
            populations=self.populations if self.choice.period else None,
            showing_sample_data=bool(self.provenance and self.provenance.is_sample)
            or self.sample_populations,
            sample_populations=self.sample_populations,
            **kwargs,
        )


class WardDetailView(WardFiguresAccess, TableExportMixin, SingleTableMixin, TemplateView):
    """One ward: each crime type this period against a year earlier, beside the borough."""

    template_name = "stats/ward_detail.html"
    table_class = WardTypeFiguresTable
    table_pagination = False

    @cached_property
    def ward(self):
        return selectors.ward_get(ward_set_slug=self.kwargs["ward_set"], slug=self.kwargs["ward"])

    @cached_property
    def imported(self):
        return selectors.imported_months(self.ward.ward_set)

    @cached_property
    def form(self):
        months = selectors.months_with_figures(self.imported)
        return PeriodForm(self.request.GET or None, months=months)

    @cached_property
    def page(self):
        return selectors.ward_page(
            self.ward,
            period=self.form.period() or period_latest(self.form.months),
            months=self.imported,
        )

    def get_table_data(self):
        return self.page.with_figures

    def get_table_kwargs(self):
        provenance = self.page.provenance
        return {"source": figures_source(provenance, self.page.populations)}

    def export_name_parts(self):
        return [self.ward.slug, self.page.period.short_label if self.page.period else ""]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            ward=self.ward,
            ward_set=self.ward.ward_set,
            form=self.form,
            page=self.page,
            showing_sample_data=bool(self.page.provenance and self.page.provenance.is_sample)
            or self.page.sample_populations,
            sample_populations=self.page.sample_populations,
        )
        return context


class WardMonthsView(WardDetailView):
    """A ward's figures month by month, crime type by crime type: a download (CSV or XLSX)."""

    table_class = WardMonthTable

    def get_table_data(self):
        if self.page.period is None:
            return []
        return selectors.ward_monthly_rows(self.ward, period=self.page.period)

    def export_name_parts(self):
        return [*super().export_name_parts(), "by month"]

    def render_to_response(self, context, **response_kwargs):
        export_format = self.request.GET.get(self.export_trigger_param)
        return self.create_export(export_format if export_format in self.export_formats else "csv")
