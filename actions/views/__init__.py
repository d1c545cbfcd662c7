"""The actions app's pages: the tables and pages of actions (pages), editing them
(edits), their milestones (milestones) and partners' updates waiting for approval
(proposals)."""

from .edits import (
    MOVES,
    ActionCreateView,
    ActionEditView,
    action_move,
)
from .milestones import (
    MilestoneCreateView,
    MilestoneEditView,
    MilestoneFormMixin,
    milestone_done,
)
from .pages import (
    ActionDetailView,
    AgencyDetailView,
    AgencyListView,
    EditRightsTableMixin,
    InitiativeDetailView,
    PriorityDetailView,
    UpdatesDueView,
    YearActionListView,
    public_only,
    rows_by_year,
)
from .proposals import (
    PendingUpdatesView,
    ProposalReviewView,
)

__all__ = [
    "ActionCreateView",
    "ActionDetailView",
    "ActionEditView",
    "AgencyDetailView",
    "AgencyListView",
    "EditRightsTableMixin",
    "InitiativeDetailView",
    "MOVES",
    "MilestoneCreateView",
    "MilestoneEditView",
    "MilestoneFormMixin",
    "PendingUpdatesView",
    "PriorityDetailView",
    "ProposalReviewView",
    "UpdatesDueView",
    "YearActionListView",
    "action_move",
    "milestone_done",
    "public_only",
    "rows_by_year",
]
