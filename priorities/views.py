from django.views.generic import TemplateView
from django_filters.views import FilterView
from django_tables2 import SingleTableMixin

from actions.filtersets import ActionFilterSet
from actions.models import Agency
from actions.tables import ActionTable
from actions.views import EditRightsTableMixin
from stats.selectors import snapshot_latest

from . import selectors


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


class PriorityDetailView(EditRightsTableMixin, SingleTableMixin, FilterView):
    """A priority's table of actions, sortable and filterable."""

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

    def get_filterset_kwargs(self, filterset_class):
        kwargs = super().get_filterset_kwargs(filterset_class)
        kwargs["agencies"] = Agency.objects.leading_in(self.priority)
        return kwargs

    def get_context_data(self, **kwargs):
        return super().get_context_data(priority=self.priority, year=self.priority.year, **kwargs)
