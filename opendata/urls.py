from django.urls import path, re_path

from . import views

app_name = "opendata"

urlpatterns = [
    path("open-data/", views.OpenDataView.as_view(), name="index"),
    # Stable addresses: v1 changes only by adding columns.
    re_path(
        r"^open-data/v1/(?P<dataset>[a-z][a-z-]*)\.(?P<format>json|csv)$",
        views.open_data_file,
        name="file",
    ),
]
