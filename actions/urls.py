from django.urls import path

from . import views

app_name = "actions"

urlpatterns = [
    path("actions/<int:pk>/", views.ActionDetailView.as_view(), name="action_detail"),
    path("agencies/", views.AgencyListView.as_view(), name="agency_list"),
    path("agencies/<slug:slug>/", views.AgencyDetailView.as_view(), name="agency_detail"),
    path("linked-work/<int:pk>/", views.InitiativeDetailView.as_view(), name="initiative_detail"),
]
