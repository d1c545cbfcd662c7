"""Password pages in the site's design, each change written to the audit trail."""

from django.contrib.auth import views as auth_views

from audit.models import AuditEntry
from audit.services import audit_record

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
