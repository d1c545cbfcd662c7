"""The actions app's models: lead agencies, their aliases, which actions each leads and
how the public sees who made a change (agencies); actions, their queries, progress
status and linked work (actions); milestones (milestones); the history of saved edits
(history); and partners' updates waiting for approval (proposals)."""

from .actions import INTERNAL_FIELDS, Action, ActionQuerySet, Initiative, ProgressStatus
from .agencies import LEAD_SEPARATOR, ActionLead, Agency, AgencyAlias, AgencyQuerySet, credit
from .history import ActionUpdate
from .milestones import Milestone, MilestoneQuerySet
from .proposals import UpdateProposal

__all__ = [
    "INTERNAL_FIELDS",
    "LEAD_SEPARATOR",
    "Action",
    "ActionLead",
    "ActionQuerySet",
    "ActionUpdate",
    "Agency",
    "AgencyAlias",
    "AgencyQuerySet",
    "Initiative",
    "Milestone",
    "MilestoneQuerySet",
    "ProgressStatus",
    "UpdateProposal",
    "credit",
]
