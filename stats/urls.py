from django.urls import path

from . import views

app_name = "stats"

urlpatterns = [
    path("county/", views.LatestSnapshotView.as_view(), name="county"),
    path("county/<int:pk>/", views.SnapshotDetailView.as_view(), name="snapshot_detail"),
    path("county/computed/", views.CountyComparisonView.as_view(), name="county_computed"),
    path("county/computed/save/", views.county_comparison_save, name="county_computed_save"),
    path("categories/<slug:slug>/", views.CategoryDetailView.as_view(), name="category_detail"),
    path("wards/", views.WardListView.as_view(), name="ward_list"),
    path("wards/<slug:ward_set>/", views.WardListView.as_view(), name="ward_set_wards"),
    path("wards/<slug:ward_set>/<slug:ward>/", views.WardDetailView.as_view(), name="ward_detail"),
    path(
        "wards/<slug:ward_set>/<slug:ward>/months/",
        views.WardMonthsView.as_view(),
        name="ward_months",
    ),
    path("ward-imports/", views.ImportListView.as_view(), name="import_list"),
    path("ward-imports/new/", views.ImportCreateView.as_view(), name="import_create"),
    path("ward-imports/<int:pk>/", views.ImportDetailView.as_view(), name="import_detail"),
    path("ward-imports/lookup/", views.LookupUploadView.as_view(), name="import_lookup"),
    path(
        "ward-imports/populations/",
        views.PopulationsUploadView.as_view(),
        name="import_populations",
    ),
    path(
        "ward-imports/district-populations/",
        views.DistrictPopulationsUploadView.as_view(),
        name="import_district_populations",
    ),
]
