from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("", views.YearDetailView.as_view(), name="home"),
    path("years/start/", views.YearStartView.as_view(), name="year_start"),
    path("imports/year/", views.YearImportView.as_view(), name="year_import"),
    path("years/<slug:year>/", views.YearDetailView.as_view(), name="year_detail"),
    path("years/<slug:year>/report/", views.YearReportView.as_view(), name="year_report"),
    path("years/<slug:year>/report/pdf/", views.year_report_pdf, name="year_report_pdf"),
    path("years/<slug:year>/report/publish/", views.report_publish, name="report_publish"),
    path("years/<slug:year>/reopen/", views.year_reopen, name="year_reopen"),
    path("published/", views.PublishedReportListView.as_view(), name="published_report_list"),
    path(
        "published/<int:pk>/",
        views.PublishedReportDetailView.as_view(),
        name="published_report_detail",
    ),
    path("published/<int:pk>/pdf/", views.published_report_pdf, name="published_report_pdf"),
]
