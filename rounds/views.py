from django.contrib import messages
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.views.generic import DetailView, FormView, TemplateView
from django_tables2 import RequestConfig, SingleTableMixin

from actions.selectors import user_agency_ids
from actions.tables import YearActionTable
from actions.views import EditRightsTableMixin
from core.views import NotKeptMixin
from priorities import selectors as priority_selectors
from priorities.models import ReportingYear

from . import selectors, services
from .forms import RoundOpenForm
from .tables import ReportingRoundTable, RoundChangeTable, RoundCompletionTable


class RoundListView(NotKeptMixin, PermissionRequiredMixin, SingleTableMixin, TemplateView):
    """Every year's reporting rounds, newest first, with the way to open the next
    (coordinators; the Manage page links here)."""

    permission_required = "rounds.view_reportinground"
    template_name = "rounds/round_all.html"
    table_class = ReportingRoundTable
    table_pagination = {"per_page": 50}

    def get_table_data(self):
        return selectors.every_round()

    def get_context_data(self, **kwargs):
        return super().get_context_data(newest=ReportingYear.objects.newest(), **kwargs)


class MyRoundsView(NotKeptMixin, PermissionRequiredMixin, TemplateView):
    """The open rounds in which the signed-in partner's agencies owe updates: where a
    partner starts from (the header's "Your updates"; the reminders link to each round's
    own list)."""

    permission_required = "actions.post_update_own_agency"
    template_name = "rounds/my_rounds.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(rounds=selectors.open_rounds_for(self.request.user))


class YearRoundsView(NotKeptMixin, PermissionRequiredMixin, SingleTableMixin, FormView):
    """A year's reporting rounds, and the form that opens the next (coordinators)."""

    permission_required = "rounds.add_reportinground"
    template_name = "rounds/round_list.html"
    form_class = RoundOpenForm
    table_class = ReportingRoundTable
    table_pagination = False

    def dispatch(self, request, *args, **kwargs):
        self.year = priority_selectors.year_get(kwargs["year"])
        return super().dispatch(request, *args, **kwargs)

    def get_table_data(self):
        return selectors.year_rounds(self.year)

    def get_table_kwargs(self):
        return {"exclude": ("year",)}

    def get_context_data(self, **kwargs):
        open_round = selectors.year_rounds(self.year).open().first()
        return super().get_context_data(year=self.year, open_round=open_round, **kwargs)

    def form_valid(self, form):
        try:
            opened = services.round_open(
                year=self.year,
                label=form.cleaned_data["label"],
                deadline=form.cleaned_data["deadline"],
                user=self.request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, f"{opened.label} is open.")
        return redirect(opened.get_absolute_url())


class RoundDetailView(NotKeptMixin, PermissionRequiredMixin, SingleTableMixin, DetailView):
    """A round: completion by lead agency and what changed since the previous round."""

    permission_required = "rounds.view_reportinground"
    template_name = "rounds/round_detail.html"
    queryset = selectors.round_detail_queryset()
    context_object_name = "round"
    table_class = RoundCompletionTable
    table_pagination = False

    def get_table_data(self):
        return selectors.round_completion(self.object)

    def get_context_data(self, **kwargs):
        changes = RoundChangeTable(selectors.round_changes(self.object), prefix="changes-")
        RequestConfig(self.request, paginate=False).configure(changes)
        return super().get_context_data(changes=changes, **kwargs)


class RoundCloseView(NotKeptMixin, PermissionRequiredMixin, DetailView):
    """Close a round, after asking: the report is published as it stands (coordinators)."""

    permission_required = "rounds.change_reportinground"
    template_name = "rounds/round_close.html"
    queryset = selectors.round_detail_queryset()
    context_object_name = "round"

    def post(self, request, *args, **kwargs):
        reporting_round = get_object_or_404(self.get_queryset(), pk=kwargs["pk"])
        try:
            closed = services.round_close(reporting_round=reporting_round, user=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(reporting_round.get_absolute_url())
        messages.success(request, f"{closed.label} is closed and {closed.published} is published.")
        return redirect(closed.get_absolute_url())


class RoundMineView(
    NotKeptMixin, PermissionRequiredMixin, EditRightsTableMixin, SingleTableMixin, DetailView
):
    """What the signed-in partner's agencies still owe in a round: their actions not
    updated since it opened, each with its edit link."""

    permission_required = "actions.post_update_own_agency"
    template_name = "rounds/round_mine.html"
    queryset = selectors.round_detail_queryset()
    context_object_name = "round"
    table_class = YearActionTable
    table_pagination = {"per_page": 50}

    def get_table_data(self):
        self.agency_ids = user_agency_ids(self.request.user)
        return selectors.round_owed(reporting_round=self.object, agency_ids=self.agency_ids)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["done"] = selectors.round_done_count(
            reporting_round=self.object, agency_ids=self.agency_ids
        )
        context["has_agency"] = bool(self.agency_ids)
        return context


class ReportChangesView(TemplateView):
    """The year's report: what changed since its latest reporting round closed (the
    report's page links here). Public, as the report is: internal actions are left out
    for those not signed in."""

    template_name = "rounds/report_changes.html"

    def get_context_data(self, **kwargs):
        year = priority_selectors.year_get(self.kwargs["year"])
        last = selectors.latest_closed_round(year)
        changes = None
        if last is not None:
            rows = selectors.action_changes(
                year_id=year.pk,
                since=last.closed_at,
                public=not self.request.user.is_authenticated,
            )
            changes = RoundChangeTable(rows, prefix="changes-")
            RequestConfig(self.request, paginate=False).configure(changes)
        context = super().get_context_data(**kwargs)
        context.update(year=year, last=last, changes=changes)  # the year, not its slug
        return context
