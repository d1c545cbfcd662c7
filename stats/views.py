from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.contrib.auth.mixins import LoginRequiredMixin, PermissionRequiredMixin
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.views.decorators.http import require_POST
from django.views.generic import DetailView, FormView, ListView, TemplateView
from django_filters.views import FilterView
from django_tables2 import SingleTableMixin

from core.exports import TableExportMixin
from core.views import NotKeptMixin
from priorities.models import ReportingYear

from . import charts, comparison, selectors, services, snapshots
from .csvfiles import FileProblem, normalise
from .districtpopulations import district_populations_import
from .filtersets import WardFilterSet
from .forms import (
    DistrictPopulationsForm,
    PeriodForm,
    WardImportForm,
    WardLookupForm,
    WardPopulationsForm,
)
from .models import CrimeCategory, District, WardSet
from .periods import month_label, period_latest
from .tables import (
    CategoryFigureTable,
    ComparisonSummaryTable,
    ComparisonTable,
    CrimeStatisticTable,
    DistrictPopulationTable,
    WardFiguresTable,
    WardImportTable,
    WardMonthTable,
    WardTypeFiguresTable,
)


class SnapshotDetailView(TableExportMixin, SingleTableMixin, DetailView):
    """The county ranking table of one snapshot, with its date and commentary."""

    template_name = "stats/snapshot_detail.html"
    table_class = CrimeStatisticTable
    queryset = selectors.snapshot_detail_queryset()
    context_object_name = "snapshot"

    def get_table_data(self):
        # A list, not a queryset: the table is short, and a list spares a COUNT query.
        return list(selectors.snapshot_rows(self.object))

    def get_context_data(self, **kwargs):
        return super().get_context_data(year=self.object.year, **kwargs)

    def export_name_parts(self):
        snapshot = self.object
        return ["county crime table", snapshot.area, snapshot.accurate_at.isoformat()]


class LatestSnapshotView(SnapshotDetailView):
    """The newest county ranking table, at a stable address."""

    def get_object(self, queryset=None):
        snapshot = selectors.snapshot_latest()
        if snapshot is None:
            raise Http404("No crime statistics have been published yet.")
        return snapshot


class CategoryDetailView(TableExportMixin, SingleTableMixin, DetailView):
    """One crime category's county positions over time: a chart and every snapshot."""

    template_name = "stats/category_detail.html"
    table_class = CategoryFigureTable
    model = CrimeCategory
    context_object_name = "category"

    def get_table_data(self):
        self.figures = list(selectors.category_figures(self.object))
        return self.figures

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["chart"] = selectors.category_position_chart(self.object, self.figures)
        return context

    def export_name_parts(self):
        return [self.object.name, "county positions"]


# --- Ward figures -----------------------------------------------------------------------


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


# --- Imports ----------------------------------------------------------------------------


class ImportAccess(LoginRequiredMixin, PermissionRequiredMixin):
    """Importing figures is for administrators."""

    permission_required = "stats.add_wardimport"


class ImportListView(NotKeptMixin, ImportAccess, SingleTableMixin, ListView):
    template_name = "stats/import_list.html"
    table_class = WardImportTable
    table_pagination = {"per_page": 50}
    queryset = selectors.import_list()

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            lookups=selectors.lookups_list(),
            populations=selectors.ward_set_populations(WardSet.objects.newest()),
            **kwargs,
        )


class ImportCreateView(NotKeptMixin, ImportAccess, FormView):
    """Upload a file of ward figures; its page then shows the import's progress."""

    template_name = "stats/import_form.html"
    form_class = WardImportForm

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        ward_import = services.ward_import_create(
            ward_set=selectors.ward_set_get(None),
            kind=form.cleaned_data["kind"],
            file_name=upload.name,
            data=upload.read(),
            source=form.cleaned_data["source"],
            created_by=self.request.user,
        )
        services.ward_import_start(ward_import=ward_import)
        return redirect(ward_import)


class ImportDetailView(NotKeptMixin, ImportAccess, DetailView):
    """An import's progress (the page reloads itself until it ends), then what it did."""

    template_name = "stats/import_detail.html"
    queryset = selectors.import_detail_queryset()
    context_object_name = "ward_import"

    def get_context_data(self, **kwargs):
        return super().get_context_data(showing_sample_data=self.object.is_sample, **kwargs)


class UploadView(NotKeptMixin, ImportAccess, FormView):
    """Upload a file that one service stores whole or not at all: a file with a fault is
    refused on the form, with its file, row and column, and nothing changes."""

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        try:
            message = self.store(form, ward_set=selectors.ward_set_get(None), upload=upload)
        except FileProblem as problem:
            form.add_error("file", f"{problem} Nothing was changed.")
            return self.form_invalid(form)
        messages.success(self.request, message)
        return redirect("stats:import_list")


class LookupUploadView(UploadView):
    """Upload ONS's LSOA-to-ward lookup (what `importwardlookup` imports)."""

    template_name = "stats/lookup_form.html"
    form_class = WardLookupForm

    def store(self, form, *, ward_set, upload) -> str:
        lookup = services.ward_lookup_import(
            ward_set=ward_set,
            data=upload.read(),
            file_name=upload.name,
            source=form.cleaned_data["source"],
            user=self.request.user,
        )
        return (
            f"{lookup.file_name}: {lookup.entries.count()} {lookup.lsoa_geography} LSOAs placed "
            f"in {ward_set}'s wards; {lookup.rows_other_districts} rows of other districts "
            f"left out. {lookup.summary}"
        )


class PopulationsUploadView(UploadView):
    """Upload ward populations (what `importwardpopulations` imports)."""

    template_name = "stats/populations_form.html"
    form_class = WardPopulationsForm

    def store(self, form, *, ward_set, upload) -> str:
        imported = services.ward_populations_import(
            ward_set=ward_set, data=upload.read(), file_name=upload.name, user=self.request.user
        )
        return imported.summary


class DistrictPopulationsUploadView(NotKeptMixin, ImportAccess, SingleTableMixin, FormView):
    """Upload district populations (what `importdistrictpopulations` imports), above a
    table of the districts with the population each has now."""

    template_name = "stats/district_populations_form.html"
    form_class = DistrictPopulationsForm
    table_class = DistrictPopulationTable
    table_pagination = False

    def get_table_data(self):
        return District.objects.order_by("name")

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        try:
            imported = district_populations_import(
                data=upload.read(), file_name=upload.name, user=self.request.user
            )
        except FileProblem as problem:
            form.add_error("file", f"{problem} Nothing was changed.")
            return self.form_invalid(form)
        messages.success(self.request, imported.summary)
        return redirect("stats:import_district_populations")


class CountyComparisonView(TableExportMixin, SingleTableMixin, TemplateView):
    """The county table worked out from police.uk's files: the borough's row of each
    category in the published table's shape (beside the newest published table), every
    district behind it, and the borough's positions month by month."""

    template_name = "stats/county_comparison.html"
    table_class = ComparisonTable

    @cached_property
    def figures(self) -> comparison.CountyFigures:
        return comparison.CountyFigures()

    @cached_property
    def form(self) -> PeriodForm:
        data = self.request.GET if "start" in self.request.GET else None
        return PeriodForm(data, months=self.figures.months)

    @cached_property
    def comparison(self) -> "comparison.Comparison | None":
        period = self.form.period() if self.form.is_bound else self.figures.default_period()
        return self.figures.compare(period) if period else None

    @cached_property
    def published(self):
        return selectors.snapshot_latest()

    def get_table_data(self):
        return self.comparison.rows() if self.comparison else []

    def summary_rows(self) -> list[dict]:
        published = {}
        if self.published is not None:
            published = {
                normalise(row.category.name): row for row in selectors.snapshot_rows(self.published)
            }
        rows = []
        for category in self.comparison.categories:
            borough = category.borough
            as_published = published.get(normalise(category.category.name))
            rows.append(
                {
                    "category": category.category.name,
                    "change": borough.change_text if borough else "",
                    "rate_position": _position(borough.rate_position if borough else None),
                    "reduction_position": _position(
                        borough.reduction_position if borough else None
                    ),
                    "published": (
                        f"{as_published.percent_change_text}, {as_published.rate_position_text}, "
                        f"{as_published.reduction_position_text}"
                        if as_published
                        else ""
                    ),
                    "note": category.missing or category.category.note,
                }
            )
        return rows

    def position_charts(self) -> list[charts.PositionChart]:
        borough = self.figures.borough
        found = []
        for category in comparison.CATEGORIES:
            points = self.figures.borough_positions(category)
            if not points:
                continue
            found.append(
                charts.PositionChart(
                    title=f"{category.name}: {borough}'s position among the districts",
                    dates=[month for month, _, _ in points],
                    date_labels=[month_label(month) for month, _, _ in points],
                    districts=max(rate.of for _, rate, _ in points),
                    series=[
                        charts.Series(
                            "Position by crimes per 1,000 population",
                            [rate.place for _, rate, _ in points],
                        ),
                        charts.Series(
                            "Position for % reduction",
                            [reduction.place if reduction else None for _, _, reduction in points],
                        ),
                    ],
                    date_heading="12 months to",
                )
            )
        return found

    def export_name_parts(self):
        period = self.comparison.period if self.comparison else None
        return ["county comparison", period.short_label if period else ""]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        found = self.comparison
        if found is not None:
            context.update(
                summary_table=ComparisonSummaryTable(self.summary_rows()),
                position_charts=self.position_charts(),
                showing_sample_data=found.is_sample,
                sample_populations=found.sample_populations,
            )
        return super().get_context_data(
            **context,
            form=self.form,
            comparison=found,
            has_figures=bool(self.figures.months),
            published=self.published,
            borough=self.figures.borough,
            districts=self.figures.districts,
            years=ReportingYear.objects.order_by("-starts_on")
            if self.request.user.has_perm("stats.add_statisticssnapshot")
            else [],
        )


def _position(position) -> str:
    return f"{position} of {position.of}" if position else ""


@require_POST
@permission_required("stats.add_statisticssnapshot", raise_exception=True)
def county_comparison_save(request):
    """Save the comparison of the chosen months as a dated snapshot of the chosen year."""
    year = ReportingYear.objects.filter(slug=request.POST.get("year", "")).first()
    if year is None:
        messages.error(request, "Choose the reporting year to save the county table in.")
        return redirect("stats:county_computed")
    figures = comparison.CountyFigures()
    form = PeriodForm(request.POST, months=figures.months)
    period = form.period()
    if period is None:
        messages.error(request, "Choose the months to compare: " + form.errors.as_text())
        return redirect("stats:county_computed")
    found = figures.compare(period)
    published = selectors.snapshot_latest()
    try:
        snapshot = snapshots.comparison_snapshot_save(
            comparison=found,
            year=year,
            county=published.county if published else "the force's area",
            user=request.user,
        )
    except snapshots.SnapshotRefused as refused:
        messages.error(request, str(refused))
        return redirect(
            f"{reverse('stats:county_computed')}?start={period.start:%Y-%m}&end={period.end:%Y-%m}"
        )
    messages.success(
        request,
        f"Saved as {year.label}'s county table accurate at {snapshot.accurate_at_text}.",
    )
    return redirect(snapshot)
