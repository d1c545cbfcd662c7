from django.urls import path

from . import views

app_name = "priorities"

urlpatterns = [
    path("", views.YearDetailView.as_view(), name="home"),
    path("years/<slug:year>/", views.YearDetailView.as_view(), name="year_detail"),
    path(
        "years/<slug:year>/priorities/<int:number>/",
        views.PriorityDetailView.as_view(),
        name="priority_detail",
    ),
]
