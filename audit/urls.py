from django.urls import path

from . import views

app_name = "audit"

urlpatterns = [
    path("audit/", views.AuditEntryListView.as_view(), name="audit_list"),
    path("audit/<int:pk>/", views.AuditEntryDetailView.as_view(), name="audit_detail"),
]
