from functools import partial

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST, require_safe
from django.views.generic import DetailView, FormView, ListView, TemplateView

from core.views import NotKeptMixin
from priorities import selectors as priority_selectors
from priorities import services as priority_services
from priorities.models import ReportingYear
from stats.selectors import snapshot_latest

from . import selectors, services
from .forms import CarryForwardFormSet, YearImportForm, YearStartForm
from .models import CheckedUpload, PublishedReport
from .overview import YearOverview
from .report import report_context, report_pdf
from .yearplan.read import YearFileError


class YearDetailView(TemplateView):
    """The home page: a year's six priorities with their action counts."""

    template_name = "reports/year_detail.html"

    def get_context_data(self, **kwargs):
        year = priority_selectors.year_get(self.kwargs.get("year"))
        public = not self.request.user.is_authenticated  # internal actions left out
        context = super().get_context_data(**kwargs)
        context.update(
            year=year,
            priorities=priority_selectors.year_priorities(year, public=public) if year else [],
            snapshot=snapshot_latest(year=year) if year else None,
            overview=(
                YearOverview(year, due_days=settings.UPDATE_DUE_DAYS, public=public)
                if year
                else None
            ),
            # Read only if the page shows it (to those who update or reopen).
            open_to_partners=partial(priority_selectors.year_is_open_to_partners, year),
        )
        return context


class YearReportView(TemplateView):
    """The year's report in its published layout, ready to print, with its PDF."""

    template_name = "reports/report.html"

    def get_context_data(self, **kwargs):
        year = priority_selectors.year_get(self.kwargs["year"])
        context = super().get_context_data(**kwargs)
        context.update(report_context(year), published=year.published.all()[:5])
        return context


@require_safe
def year_report_pdf(request, year: str):
    """The year's report as a PDF, generated now."""
    report_year = priority_selectors.year_get(year)
    response = HttpResponse(report_pdf(report_year), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{report_year.slug}-report.pdf"'
    return response


@require_POST
@permission_required("reports.add_publishedreport", raise_exception=True)
def report_publish(request, year: str):
    """Publish a dated snapshot of the year's report (coordinators)."""
    published = services.report_publish(year=priority_selectors.year_get(year), user=request.user)
    messages.success(request, f"The report has been published: {published}.")
    return redirect(published.get_absolute_url())


@require_POST
@permission_required("priorities.reopen_year", raise_exception=True)
def year_reopen(request, year: str):
    """Reopen a past year to partners' updates, or close it (coordinators)."""
    reopened = request.POST.get("reopened") == "yes"
    report_year = priority_services.year_reopen(
        year=priority_selectors.year_get(year), user=request.user, reopened=reopened
    )
    if reopened:
        messages.success(request, f"Partners may post updates on {report_year.label} again.")
    else:
        messages.success(request, f"{report_year.label} is closed to partners' updates.")
    return redirect(report_year.get_absolute_url())


class PublishedReportListView(ListView):
    """Every published snapshot of every year's report, newest first."""

    template_name = "reports/publishedreport_list.html"
    queryset = PublishedReport.objects.select_related("year").defer("body_html", "pdf")
    context_object_name = "reports"
    paginate_by = 50


class PublishedReportDetailView(DetailView):
    """A published snapshot, exactly as it was published."""

    template_name = "reports/publishedreport_detail.html"
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


class YearImportView(NotKeptMixin, PermissionRequiredMixin, FormView):
    """Upload a year's plan: the dry run first, then, when asked, the import itself.

    The first post checks the file and shows what it would add, change and remove, and
    keeps the file (reports.models.CheckedUpload); the second post names the kept file, so
    that exactly what was checked is imported (and checked again), however large it is."""

    permission_required = "priorities.import_year"
    template_name = "reports/year_import.html"
    form_class = YearImportForm

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        content, name = upload.read(), upload.name
        kind, label = form.cleaned_data["kind"], form.cleaned_data["year"]
        replace = form.cleaned_data["replace"]
        create_agencies = form.cleaned_data["create_agencies"]
        try:
            plan = services.plan_from_upload(
                content=content,
                name=name,
                kind=kind,
                label=label,
                create_agencies=create_agencies,
            )
            comparison = services.year_import(
                plan=plan, user=self.request.user, replace=replace, dry_run=True
            )
        except YearFileError as error:
            form.add_error(None, str(error))
            return self.form_invalid(form)
        checked = None
        if not comparison.is_empty:
            checked = services.checked_upload_keep(
                content=content,
                name=name,
                kind=kind,
                label=label,
                replace=replace,
                user=self.request.user,
                create_agencies=create_agencies,
            )
        return self.render_to_response(
            self.get_context_data(
                form=form,
                comparison=comparison,
                name=name,
                checked=checked,
                warnings=plan.warnings,
            )
        )

    def post(self, request, *args, **kwargs):
        if request.POST.get("apply") != "yes":
            return super().post(request, *args, **kwargs)
        upload = CheckedUpload.objects.filter(
            pk=request.POST.get("upload") if request.POST.get("upload", "").isdecimal() else None,
            uploaded_by=request.user,
        ).first()
        if upload is None:
            return self.refused("That file is no longer waiting to be imported: check it again.")
        try:
            comparison = services.checked_upload_import(upload=upload, user=request.user)
        except YearFileError as error:
            return self.refused(str(error))
        messages.success(request, f"Imported {comparison.label}.")
        return redirect("reports:year_detail", year=comparison.label.replace("/", "-"))

    def refused(self, problem: str):
        """The upload form again, saying why the import was refused."""
        return self.render_to_response(self.get_context_data(problem=problem))


class YearStartView(NotKeptMixin, PermissionRequiredMixin, FormView):
    """Start the next reporting year, carrying forward the unfinished actions the
    coordinator ticks, with their targets and timescales as edited on the page."""

    permission_required = "priorities.add_reportingyear"
    template_name = "reports/year_start.html"
    form_class = YearStartForm

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.from_year = selectors.year_to_carry_from(
            request.POST.get("from_year") if request.method == "POST" else None,
            request.GET.get("from"),
        )

    def get_initial(self):
        newest = ReportingYear.objects.newest()
        if newest is None:
            return {}
        start = newest.starts_on.year + 1
        return {"from_year": self.from_year, "label": f"{start}/{(start + 1) % 100:02d}"}

    def get_context_data(self, **kwargs):
        kwargs.setdefault("formset", self.get_formset())
        return super().get_context_data(
            carried=selectors.unfinished_by_year(),
            from_year=self.from_year,
            from_choices=ReportingYear.objects.order_by("-starts_on"),
            **kwargs,
        )

    def get_formset(self):
        actions = selectors.unfinished_actions(self.from_year)
        data = self.request.POST if self.request.method == "POST" else None
        return CarryForwardFormSet(data, actions=actions, prefix="carry")

    def post(self, request, *args, **kwargs):
        form, formset = self.get_form(), self.get_formset()
        if not (form.is_valid() and formset.is_valid()):
            return self.render_to_response(self.get_context_data(form=form, formset=formset))
        try:
            year = services.year_start(
                from_year=form.cleaned_data["from_year"],
                label=form.cleaned_data["label"],
                user=request.user,
                carried=[services.Carried(*row) for row in formset.carried()],
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.render_to_response(self.get_context_data(form=form, formset=formset))
        messages.success(request, f"{year.label} has been started.")
        return redirect(year.get_absolute_url())
