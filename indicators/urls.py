from django.urls import path

from . import views

app_name = "indicators"

PRIORITY = "years/<slug:year>/priorities/<int:number>/indicators/"

urlpatterns = [
    path(f"{PRIORITY}add/", views.IndicatorCreateView.as_view(), name="indicator_add"),
    path(f"{PRIORITY}<int:pk>/edit/", views.IndicatorEditView.as_view(), name="indicator_edit"),
    path(f"{PRIORITY}<int:pk>/figures/add/", views.ValueCreateView.as_view(), name="value_add"),
    path(
        f"{PRIORITY}<int:pk>/figures/<int:value>/edit/",
        views.ValueEditView.as_view(),
        name="value_edit",
    ),
]
