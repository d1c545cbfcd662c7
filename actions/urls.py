from django.urls import path, re_path

from . import views

app_name = "actions"

urlpatterns = [
    path("actions/<int:pk>/", views.ActionDetailView.as_view(), name="action_detail"),
    path("actions/<int:pk>/edit/", views.ActionEditView.as_view(), name="action_edit"),
    re_path(
        r"^actions/(?P<pk>[0-9]+)/move/(?P<direction>up|down)/$",
        views.action_move,
        name="action_move",
    ),
    path(
        "actions/<int:pk>/milestones/add/",
        views.MilestoneCreateView.as_view(),
        name="milestone_add",
    ),
    path("milestones/<int:pk>/edit/", views.MilestoneEditView.as_view(), name="milestone_edit"),
    path("milestones/<int:pk>/done/", views.milestone_done, name="milestone_done"),
    path(
        "years/<slug:year>/priorities/<int:number>/",
        views.PriorityDetailView.as_view(),
        name="priority_detail",
    ),
    path("years/<slug:year>/actions/", views.YearActionListView.as_view(), name="year_actions"),
    path(
        "years/<slug:year>/priorities/<int:number>/add-action/",
        views.ActionCreateView.as_view(),
        name="action_add",
    ),
    path("updates-due/", views.UpdatesDueView.as_view(), name="updates_due"),
    path("updates/pending/", views.PendingUpdatesView.as_view(), name="pending_updates"),
    path(
        "updates/pending/<int:pk>/",
        views.ProposalReviewView.as_view(),
        name="pending_update_review",
    ),
    path("agencies/", views.AgencyListView.as_view(), name="agency_list"),
    path("agencies/<slug:slug>/", views.AgencyDetailView.as_view(), name="agency_detail"),
    path("linked-work/<int:pk>/", views.InitiativeDetailView.as_view(), name="initiative_detail"),
]
