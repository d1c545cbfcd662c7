from django.shortcuts import get_object_or_404
from django.views.generic import DetailView
from django_filters.views import FilterView
from django_tables2 import SingleTableMixin

from . import selectors
from .filtersets import AgencyActionFilterSet, AgencyFilterSet
from .tables import ActionAcrossPrioritiesTable, AgencyTable


class ActionDetailView(DetailView):
    template_name = "actions/action_detail.html"
    queryset = selectors.action_detail_queryset()
    context_object_name = "action"


class AgencyListView(SingleTableMixin, FilterView):
    template_name = "actions/agency_list.html"
    table_class = AgencyTable
    filterset_class = AgencyFilterSet
    table_pagination = {"per_page": 50}

    def get_queryset(self):
        return selectors.agency_list()


class AgencyDetailView(SingleTableMixin, FilterView):
    """Every action an agency leads, itself or through its teams, across priorities."""

    template_name = "actions/agency_detail.html"
    table_class = ActionAcrossPrioritiesTable
    filterset_class = AgencyActionFilterSet
    table_pagination = {"per_page": 50}

    def get_queryset(self):
        self.agency = get_object_or_404(
            selectors.agency_detail_queryset(), slug=self.kwargs["slug"]
        )
        return selectors.agency_actions(self.agency)

    def get_context_data(self, **kwargs):
        return super().get_context_data(agency=self.agency, **kwargs)


class InitiativeDetailView(DetailView):
    """One piece of work side by side under each priority where it appears."""

    template_name = "actions/initiative_detail.html"
    queryset = selectors.initiative_detail_queryset()
    context_object_name = "initiative"

    def get_context_data(self, **kwargs):
        table = ActionAcrossPrioritiesTable(
            self.object.actions.all(), orderable=False, exclude=("year",)
        )
        table.show_linked_work = False  # the table itself shows every row of the work
        actions = self.object.actions.all()
        year = actions[0].priority.year if actions else None
        return super().get_context_data(table=table, year=year, **kwargs)
