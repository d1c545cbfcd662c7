"""Password pages in the site's design, each change written to the audit trail; where each
role starts after signing in; the Manage page."""

from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import UserPassesTestMixin
from django.shortcuts import redirect
from django.views.decorators.http import require_safe
from django.views.generic import TemplateView

from audit.models import AuditEntry
from audit.services import audit_record
from core.views import NotKeptMixin

from . import selectors
from .forms import PasswordChangeForm, SetPasswordForm


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


@require_safe
@login_required
def landing(request):
    """Where signing in leads when no `next` says otherwise: the page the user's role
    works from (accounts.selectors.landing_url)."""
    return redirect(selectors.landing_url(request.user))


class ManageView(NotKeptMixin, UserPassesTestMixin, TemplateView):
    """Every page a coordinator or administrator may use to run the site, grouped, each
    with a line on what it is for: the header's "Manage" item."""

    template_name = "accounts/manage.html"

    def test_func(self):
        return selectors.may_manage(self.request.user)

    def get_context_data(self, **kwargs):
        return super().get_context_data(sections=selectors.manage_sections(self.request.user))
