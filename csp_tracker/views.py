import csv

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_safe
from django.views.generic import DetailView, TemplateView
from django_filters.views import FilterView
from django_tables2 import SingleTableMixin

from core.exports import TableExportMixin
from priorities.models import ReportingYear

from . import opendata, selectors
from .filtersets import AuditEntryFilterSet
from .forms import PasswordChangeForm, SetPasswordForm
from .models import AuditEntry
from .services import audit_record
from .tables import AuditEntryTable


def server_error(request):
    """The 500 page in the site's design. Uses the request's context processors, which
    read only settings, never the database (which may be what failed)."""
    return render(request, "500.html", status=500)


class AuditEntryListView(PermissionRequiredMixin, TableExportMixin, SingleTableMixin, FilterView):
    """Every change to the partnership's data and accounts, newest first."""

    permission_required = "csp_tracker.view_auditentry"
    template_name = "audit/auditentry_list.html"
    table_class = AuditEntryTable
    filterset_class = AuditEntryFilterSet
    table_pagination = {"per_page": 50}

    def get_queryset(self):
        return selectors.audit_entries()

    def export_name_parts(self):
        return ["audit trail", timezone.localdate().isoformat()]


class AuditEntryDetailView(PermissionRequiredMixin, DetailView):
    """One change: each field before and after."""

    permission_required = "csp_tracker.view_auditentry"
    template_name = "audit/auditentry_detail.html"
    queryset = selectors.audit_entries()
    context_object_name = "entry"


class PasswordChangeView(auth_views.PasswordChangeView):
    """Django's, in the site's design, with the change written to the audit trail."""

    form_class = PasswordChangeForm

    def form_valid(self, form):
        response = super().form_valid(form)
        audit_record(
            user=self.request.user,
            kind=AuditEntry.Kind.CHANGED,
            obj=form.user,
            changes={"password": ["(hidden)", "(hidden)"]},
            note="Changed their own password",
        )
        return response


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """Django's, in the site's design, with the reset written to the audit trail."""

    form_class = SetPasswordForm

    def form_valid(self, form):
        response = super().form_valid(form)
        audit_record(
            user=form.user,
            kind=AuditEntry.Kind.CHANGED,
            obj=form.user,
            changes={"password": ["(hidden)", "(hidden)"]},
            note="Reset their password from an e-mailed link",
        )
        return response


def open_data_licence() -> dict:
    return {"name": settings.OPEN_DATA_LICENCE_NAME, "url": settings.OPEN_DATA_LICENCE_URL}


class OpenDataView(TemplateView):
    """What the open data holds, where it is, its licence and its source."""

    template_name = "opendata/index.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            datasets=opendata.DATASETS,
            formats=opendata.FORMATS,
            licence=open_data_licence(),
            years=ReportingYear.objects.all(),
            **kwargs,
        )


@require_safe
def open_data_file(request, dataset: str, format: str):
    """One dataset as JSON (with its licence and sources) or CSV (licence in a Link header).

    `?year=2011-12` narrows it to one year.
    """
    if dataset not in opendata.DATASETS:
        raise Http404(f"No dataset called {dataset}.")
    year = None
    if request.GET.get("year"):
        year = get_object_or_404(ReportingYear, slug=request.GET["year"])
    rows = opendata.rows(dataset, year=year)
    licence = open_data_licence()
    if format == "json":
        response = JsonResponse(
            {
                "dataset": dataset,
                "description": opendata.DATASETS[dataset],
                "licence": licence,
                "publisher": settings.PARTNERSHIP_NAME,
                "year": year.label if year else None,
                "generated_at": timezone.now().isoformat(),
                "rows": rows,
            },
            json_dumps_params={"ensure_ascii": False, "indent": 1},
        )
    else:
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response.write("\ufeff")
        writer = None
        for row in rows:
            flat = {k: "/".join(v) if isinstance(v, list) else v for k, v in row.items()}
            if writer is None:
                writer = csv.DictWriter(response, fieldnames=list(flat))
                writer.writeheader()
            writer.writerow(flat)
        response["Content-Disposition"] = f'attachment; filename="{dataset}.csv"'
    response["Link"] = f'<{licence["url"]}>; rel="license"'
    response["Access-Control-Allow-Origin"] = "*"
    return response
