from django.contrib import admin
from django.urls import include, path

from accounts.views import ManageView

from . import health

urlpatterns = [
    path("", include("reports.urls")),
    path("", include("actions.urls")),
    path("", include("stats.urls")),
    path("", include("indicators.urls")),
    path("", include("audit.urls")),
    path("", include("opendata.urls")),
    path("", include("search.urls")),
    path("", include("rounds.urls")),
    path("accounts/", include("accounts.urls")),
    path("manage/", ManageView.as_view(), name="manage"),
    path("admin/", admin.site.urls),
    path("healthz", health.healthz, name="healthz"),
]

# 503 while the database is away, the site's 500 page otherwise.
handler500 = "csp_tracker.health.server_error"
