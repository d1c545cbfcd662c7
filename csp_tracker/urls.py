from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("priorities.urls")),
    path("", include("actions.urls")),
    path("", include("stats.urls")),
    path("admin/", admin.site.urls),
]

handler500 = "csp_tracker.views.server_error"
