from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from . import forms, health, views

accounts = [
    path(
        "login/",
        auth_views.LoginView.as_view(authentication_form=forms.LoginForm),
        name="login",
    ),
    path(
        "password_change/",
        views.PasswordChangeView.as_view(),
        name="password_change",
    ),
    path(
        "password_reset/",
        auth_views.PasswordResetView.as_view(form_class=forms.PasswordResetForm),
        name="password_reset",
    ),
    path(
        "reset/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    # logout, password_change_done, password_reset_done and password_reset_complete
    path("", include("django.contrib.auth.urls")),
]

urlpatterns = [
    path("", include("priorities.urls")),
    path("", include("actions.urls")),
    path("", include("stats.urls")),
    path("", include("csp_tracker.site_urls")),
    path("accounts/", include(accounts)),
    path("admin/", admin.site.urls),
    path("healthz", health.healthz, name="healthz"),
]

# 503 while the database is away, the site's 500 page otherwise.
handler500 = "csp_tracker.health.server_error"
