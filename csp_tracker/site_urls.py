from django.urls import path, re_path

from . import views

app_name = "site"

urlpatterns = [
    path("audit/", views.AuditEntryListView.as_view(), name="audit_list"),
    path("audit/<int:pk>/", views.AuditEntryDetailView.as_view(), name="audit_detail"),
    path("open-data/", views.OpenDataView.as_view(), name="open_data"),
    # Stable addresses: v1 changes only by adding columns.
    re_path(
        r"^open-data/v1/(?P<dataset>[a-z]+)\.(?P<format>json|csv)$",
        views.open_data_file,
        name="open_data_file",
    ),
]
