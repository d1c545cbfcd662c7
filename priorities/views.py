from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST, require_safe
from django.views.generic import DetailView, ListView, TemplateView
from django_filters.views import FilterView
from django_tables2 import SingleTableMixin

from actions.filtersets import ActionFilterSet
from actions.models import Agency
from actions.tables import ActionTable
from actions.views import EditRightsTableMixin
from csp_tracker.exports import TableExportMixin
from stats.selectors import snapshot_latest

from . import selectors, services
from .models import PublishedReport
from .reports import report_context, report_pdf


class YearDetailView(TemplateView):
    """The home page: a year's six priorities with their action counts."""

    template_name = "priorities/year_detail.html"

    def get_context_data(self, **kwargs):
        year = selectors.year_get(self.kwargs.get("year"))
        context = super().get_context_data(**kwargs)
        context.update(
            year=year,
            priorities=selectors.year_priorities(year) if year else [],
            snapshot=snapshot_latest(year=year) if year else None,
        )
        return context


class PriorityDetailView(EditRightsTableMixin, TableExportMixin, SingleTableMixin, FilterView):
    """A priority's table of actions, sortable, filterable and downloadable."""

    template_name = "priorities/priority_detail.html"
    table_class = ActionTable
    filterset_class = ActionFilterSet
    table_pagination = {"per_page": 50}

    def get_queryset(self):
        return self.priority.actions.for_table()

    def get(self, request, *args, **kwargs):
        self.priority = selectors.priority_get(
            year_slug=self.kwargs["year"], number=self.kwargs["number"]
        )
        return super().get(request, *args, **kwargs)

    def export_name_parts(self):
        return [self.priority.year.slug, f"priority {self.priority.number}", self.priority.title]

    def get_filterset_kwargs(self, filterset_class):
        kwargs = super().get_filterset_kwargs(filterset_class)
        kwargs["agencies"] = Agency.objects.leading_in(self.priority)
        return kwargs

    def get_context_data(self, **kwargs):
        return super().get_context_data(priority=self.priority, year=self.priority.year, **kwargs)


class YearReportView(TemplateView):
    """The year's report in its published layout, ready to print, with its PDF."""

    template_name = "priorities/report.html"

    def get_context_data(self, **kwargs):
        year = selectors.year_get(self.kwargs["year"])
        context = super().get_context_data(**kwargs)
        context.update(report_context(year), published=year.published.all()[:5])
        return context


@require_safe
def year_report_pdf(request, year: str):
    """The year's report as a PDF, generated now."""
    report_year = selectors.year_get(year)
    response = HttpResponse(report_pdf(report_year), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{report_year.slug}-report.pdf"'
    return response


@require_POST
@permission_required("priorities.add_publishedreport", raise_exception=True)
def report_publish(request, year: str):
    """Publish a dated snapshot of the year's report (coordinators)."""
    published = services.report_publish(year=selectors.year_get(year), user=request.user)
    messages.success(request, f"The report has been published: {published}.")
    return redirect(published.get_absolute_url())


class PublishedReportListView(ListView):
    """Every published snapshot of every year's report, newest first."""

    template_name = "priorities/publishedreport_list.html"
    queryset = PublishedReport.objects.select_related("year").defer("body_html", "pdf")
    context_object_name = "reports"
    paginate_by = 50


class PublishedReportDetailView(DetailView):
    """A published snapshot, exactly as it was published."""

    template_name = "priorities/publishedreport_detail.html"
    queryset = PublishedReport.objects.select_related("year").defer("pdf")
    context_object_name = "report"

    def get_context_data(self, **kwargs):
        return super().get_context_data(showing_sample_data=self.object.is_sample, **kwargs)


@require_safe
def published_report_pdf(request, pk: int):
    """A published snapshot's PDF, as it was generated when it was published."""
    published = get_object_or_404(PublishedReport.objects.select_related("year"), pk=pk)
    response = HttpResponse(bytes(published.pdf), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{published.pdf_filename}"'
    return response
