from django.urls import path

from . import views

app_name = "stats"

urlpatterns = [
    path("county/", views.LatestSnapshotView.as_view(), name="county"),
    path("county/<int:pk>/", views.SnapshotDetailView.as_view(), name="snapshot_detail"),
    path("categories/<slug:slug>/", views.CategoryDetailView.as_view(), name="category_detail"),
]
