from django.contrib.auth import views as auth_views
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.shortcuts import render
from django.views.generic import DetailView
from django_filters.views import FilterView
from django_tables2 import SingleTableMixin

from . import selectors
from .filtersets import AuditEntryFilterSet
from .forms import PasswordChangeForm, SetPasswordForm
from .models import AuditEntry
from .services import audit_record
from .tables import AuditEntryTable


def server_error(request):
    """The 500 page in the site's design. Uses the request's context processors, which
    read only settings, never the database (which may be what failed)."""
    return render(request, "500.html", status=500)


class AuditEntryListView(PermissionRequiredMixin, SingleTableMixin, FilterView):
    """Every change to the partnership's data and accounts, newest first."""

    permission_required = "csp_tracker.view_auditentry"
    template_name = "audit/auditentry_list.html"
    table_class = AuditEntryTable
    filterset_class = AuditEntryFilterSet
    table_pagination = {"per_page": 50}

    def get_queryset(self):
        return selectors.audit_entries()


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
