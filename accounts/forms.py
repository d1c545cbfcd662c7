"""The sign-in and password forms, with GOV.UK classes on Django's widgets."""

from django.contrib.auth import forms as auth_forms

from core.forms import GovukFormMixin


class LoginForm(GovukFormMixin, auth_forms.AuthenticationForm):
    pass


class PasswordResetForm(GovukFormMixin, auth_forms.PasswordResetForm):
    pass


class SetPasswordForm(GovukFormMixin, auth_forms.SetPasswordForm):
    pass


class PasswordChangeForm(GovukFormMixin, auth_forms.PasswordChangeForm):
    pass
