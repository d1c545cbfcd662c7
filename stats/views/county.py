"""The county tables: the published ones (a snapshot, a category over time), and the one
worked out from police.uk's files, with saving it as a snapshot."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.views.decorators.http import require_POST
from django.views.generic import DetailView, TemplateView
from django_tables2 import SingleTableMixin

from core.exports import TableExportMixin
from priorities.models import ReportingYear

from .. import charts, comparison, selectors, snapshots
from ..csvfiles import normalise
from ..forms import PeriodForm
from ..models import CrimeCategory
from ..periods import month_label
from ..tables.county import (
    CategoryFigureTable,
    ComparisonSummaryTable,
    ComparisonTable,
    CrimeStatisticTable,
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
