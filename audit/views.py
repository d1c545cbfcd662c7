from django.contrib.auth.mixins import PermissionRequiredMixin
from django.utils import timezone
from django.views.generic import DetailView
from django_filters.views import FilterView
from django_tables2 import SingleTableMixin

from core.exports import TableExportMixin
from core.views import NotKeptMixin

from . import selectors
from .filtersets import AuditEntryFilterSet
from .tables import AuditEntryTable


class AuditEntryListView(
    NotKeptMixin, PermissionRequiredMixin, TableExportMixin, SingleTableMixin, FilterView
):
    """Every change to the partnership's data and accounts, newest first."""

    permission_required = "audit.view_auditentry"
    template_name = "audit/auditentry_list.html"
    table_class = AuditEntryTable
    filterset_class = AuditEntryFilterSet
    table_pagination = {"per_page": 50}

    def get_queryset(self):
        return selectors.audit_entries()

    def export_name_parts(self):
        return ["audit trail", timezone.localdate().isoformat()]


class AuditEntryDetailView(NotKeptMixin, PermissionRequiredMixin, DetailView):
    """One change: each field before and after."""

    permission_required = "audit.view_auditentry"
    template_name = "audit/auditentry_detail.html"
    queryset = selectors.audit_entries()
    context_object_name = "entry"
