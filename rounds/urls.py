from django.urls import path

from . import views

app_name = "rounds"

urlpatterns = [
    path("rounds/", views.RoundListView.as_view(), name="round_list"),
    path("rounds/mine/", views.MyRoundsView.as_view(), name="my_rounds"),
    path("years/<slug:year>/rounds/", views.YearRoundsView.as_view(), name="year_rounds"),
    path("rounds/<int:pk>/", views.RoundDetailView.as_view(), name="round_detail"),
    path("rounds/<int:pk>/close/", views.RoundCloseView.as_view(), name="round_close"),
    path("rounds/<int:pk>/mine/", views.RoundMineView.as_view(), name="round_mine"),
    path(
        "years/<slug:year>/report/changes/",
        views.ReportChangesView.as_view(),
        name="report_changes",
    ),
]
