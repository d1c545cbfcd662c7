"""The pages of actions: a priority's table, a year's, an agency's, a piece of work's,
an action's page and the updates due."""

import re
from functools import partial

from django.conf import settings
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.views.generic import DetailView, TemplateView
from django_filters.views import FilterView
from django_tables2 import SingleTableMixin

from core.exports import TableExportMixin
from core.views import NotKeptMixin
from priorities import selectors as priority_selectors
from priorities.models import ReportingYear

from .. import selectors, services
from ..filtersets import (
    MAX_DAYS,
    ActionFilterSet,
    AgencyActionFilterSet,
    AgencyFilterSet,
    YearActionFilterSet,
)
from ..models import Action, Agency
from ..tables import (
    ActionAcrossPrioritiesTable,
    ActionTable,
    AgencyTable,
    UpdatesDueTable,
    YearActionTable,
)


def public_only(request) -> bool:
    """Whether the page shows only what the public sees: internal actions are for those
    signed in."""
    return not request.user.is_authenticated


class EditRightsTableMixin:
    """For a table of actions: an edit column only for users who may edit some row."""

    def get_table_kwargs(self):
        self.edit_rights = selectors.edit_rights(self.request.user)
        kwargs = super().get_table_kwargs()
        if not self.edit_rights.any:
            kwargs["exclude"] = ("edit",)
        return kwargs

    def get_table(self, **kwargs):
        table = super().get_table(**kwargs)
        table.edit_rights = self.edit_rights
        table.pending = selectors.pending_by_action(self.edit_rights)
        table.show_editors = selectors.may_see_editors(self.request.user)
        return table


class PriorityDetailView(EditRightsTableMixin, TableExportMixin, SingleTableMixin, FilterView):
    """A priority's table of actions, sortable, filterable and downloadable."""

    template_name = "actions/priority_detail.html"
    table_class = ActionTable
    filterset_class = ActionFilterSet
    table_pagination = {"per_page": 50}

    def get_queryset(self):
        return self.priority.actions.for_table(public=public_only(self.request))

    def get(self, request, *args, **kwargs):
        self.priority = priority_selectors.priority_get(
            year_slug=self.kwargs["year"], number=self.kwargs["number"]
        )
        return super().get(request, *args, **kwargs)

    def export_name_parts(self):
        return [self.priority.year.slug, f"priority {self.priority.number}", self.priority.title]

    def open_to_partners(self) -> bool:
        """Whether partners may update the year's actions (a partner's rights know already)."""
        if self.edit_rights.open_year_ids:
            return self.priority.year_id in self.edit_rights.open_year_ids
        return priority_selectors.year_is_open_to_partners(self.priority.year)

    def get_filterset_kwargs(self, filterset_class):
        kwargs = super().get_filterset_kwargs(filterset_class)
        kwargs["agencies"] = Agency.objects.leading_in(self.priority)
        return kwargs

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            priority=self.priority,
            year=self.priority.year,
            open_to_partners=self.open_to_partners,  # read only if the page shows it
            other_years=priority_selectors.priority_in_other_years(
                self.priority, public=public_only(self.request)
            ),
            **kwargs,
        )


class YearActionListView(EditRightsTableMixin, TableExportMixin, SingleTableMixin, FilterView):
    """Every action of a year in one table, sortable, filterable and downloadable.

    Not among freshness.CONDITIONAL_PAGES: "not updated for N days" changes with the clock,
    not only with the data, so the page is not kept by data version.
    """

    template_name = "actions/year_actions.html"
    table_class = YearActionTable
    filterset_class = YearActionFilterSet
    table_pagination = {"per_page": 50}

    def get(self, request, *args, **kwargs):
        self.year = priority_selectors.year_get(self.kwargs["year"])
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        return (
            Action.objects.for_year(self.year)
            .for_table(public=public_only(self.request))
            .with_overdue(timezone.localdate())
        )

    def get_filterset_kwargs(self, filterset_class):
        return {**super().get_filterset_kwargs(filterset_class), "year": self.year}

    def get_context_data(self, **kwargs):
        return super().get_context_data(year=self.year, **kwargs)

    def export_name_parts(self):
        return [self.year.slug, "all actions"]


class ActionDetailView(DetailView):
    template_name = "actions/action_detail.html"
    context_object_name = "action"

    def get_queryset(self):
        return selectors.action_detail_queryset(public=public_only(self.request))

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            history=selectors.action_history(self.object, public=public_only(self.request)),
            milestones=selectors.action_milestones(self.object),
            proposals=selectors.action_proposals(action=self.object, user=self.request.user),
            can_edit=bool(
                services.action_editable_fields(user=self.request.user, action=self.object)
            ),
            show_editors=selectors.may_see_editors(self.request.user),
            open_to_partners=partial(
                priority_selectors.year_is_open_to_partners, self.object.priority.year
            ),
            **kwargs,
        )


class AgencyListView(TableExportMixin, SingleTableMixin, FilterView):
    template_name = "actions/agency_list.html"
    table_class = AgencyTable
    filterset_class = AgencyFilterSet
    table_pagination = {"per_page": 50}

    def get_queryset(self):
        return selectors.agency_list(public=public_only(self.request))

    def export_name_parts(self):
        return ["lead agencies"]


class AgencyDetailView(EditRightsTableMixin, TableExportMixin, SingleTableMixin, FilterView):
    """Every action an agency leads, itself or through its teams, across priorities."""

    template_name = "actions/agency_detail.html"
    table_class = ActionAcrossPrioritiesTable
    filterset_class = AgencyActionFilterSet
    table_pagination = {"per_page": 50}

    def get_queryset(self):
        self.agency = get_object_or_404(
            selectors.agency_detail_queryset(), slug=self.kwargs["slug"]
        )
        return selectors.agency_actions(self.agency, public=public_only(self.request))

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            agency=self.agency,
            **kwargs,
        )

    def export_name_parts(self):
        year = self.filterset.form.cleaned_data.get("year") if self.filterset.is_valid() else None
        return [self.agency.short_name, "actions", year.slug if year else "all years"]


class InitiativeDetailView(TableExportMixin, SingleTableMixin, DetailView):
    """One piece of work side by side under each priority where it appears."""

    template_name = "actions/initiative_detail.html"
    context_object_name = "initiative"
    table_class = ActionAcrossPrioritiesTable
    table_pagination = False

    def get_queryset(self):
        return selectors.initiative_detail_queryset(public=public_only(self.request))

    def get_table_data(self):
        return self.object.actions.all()

    def get_table_kwargs(self):
        return {"orderable": False, "exclude": ("edit",)}

    def get_table(self, **kwargs):
        table = super().get_table(**kwargs)
        table.show_linked_work = False  # the table itself shows every row of the work
        table.show_editors = selectors.may_see_editors(self.request.user)
        return table

    def get_context_data(self, **kwargs):
        actions = self.object.actions.all()
        year = actions[0].priority.year if actions else None
        return super().get_context_data(year=year, year_counts=rows_by_year(actions), **kwargs)

    def export_name_parts(self):
        return ["linked work", self.object.name[:60]]


def rows_by_year(actions) -> list[tuple[str, int]]:
    """Each year's label with how many of `actions` (in year order) are in it."""
    counts: dict[str, int] = {}
    for action in actions:
        counts[action.priority.year.label] = counts.get(action.priority.year.label, 0) + 1
    return list(counts.items())


class UpdatesDueView(
    NotKeptMixin,
    PermissionRequiredMixin,
    EditRightsTableMixin,
    TableExportMixin,
    SingleTableMixin,
    TemplateView,
):
    """The newest year's actions whose update is older than a number of days, each once,
    sortable and downloadable."""

    permission_required = "actions.change_action"
    template_name = "actions/updates_due.html"
    table_class = UpdatesDueTable
    table_pagination = {"per_page": 50}

    def get(self, request, *args, **kwargs):
        self.year = ReportingYear.objects.newest()
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        if self.year is None:
            return Action.objects.none()
        return selectors.actions_due(year=self.year, days=self.days())

    def get_context_data(self, **kwargs):
        return super().get_context_data(year=self.year, days=self.days(), **kwargs)

    def export_name_parts(self):
        return ["updates due", self.year.slug if self.year else "", f"{self.days()} days"]

    def days(self) -> int:
        """?days=: whole days from 0 to 36,500 in ASCII digits (not ², not 10^20); anything
        else is ignored for UPDATE_DUE_DAYS."""
        value = self.request.GET.get("days", "")
        if re.fullmatch(r"[0-9]{1,5}", value) and int(value) <= MAX_DAYS:
            return int(value)
        return settings.UPDATE_DUE_DAYS
