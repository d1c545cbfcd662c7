from django.http import Http404
from django.views.generic import DetailView
from django_tables2 import SingleTableMixin

from . import selectors
from .models import CrimeCategory
from .tables import CategoryFigureTable, CrimeStatisticTable


class SnapshotDetailView(SingleTableMixin, DetailView):
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


class LatestSnapshotView(SnapshotDetailView):
    """The newest county ranking table, at a stable address."""

    def get_object(self, queryset=None):
        snapshot = selectors.snapshot_latest()
        if snapshot is None:
            raise Http404("No crime statistics have been published yet.")
        return snapshot


class CategoryDetailView(SingleTableMixin, DetailView):
    """One crime category's figures in every snapshot."""

    template_name = "stats/category_detail.html"
    table_class = CategoryFigureTable
    model = CrimeCategory
    context_object_name = "category"

    def get_table_data(self):
        return list(selectors.category_figures(self.object))
