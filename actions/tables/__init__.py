"""The actions app's tables: the columns they share (columns); the tables of actions,
a priority's, several priorities', a year's and those due an update (actions); lead
agencies (agencies); and the updates waiting for approval (proposals)."""

from .actions import (
    ACTION_COLUMNS,
    ActionAcrossPrioritiesTable,
    ActionTable,
    UpdatesDueTable,
    YearActionTable,
)
from .agencies import AgencyTable
from .columns import (
    LEAD_SEPARATOR_HTML,
    MORE_CELL,
    OVERDUE_TAG,
    PUBLISHED,
    ActionColumn,
    EditColumn,
    LeadAgenciesColumn,
    OverdueColumn,
    StatusOverdueColumn,
    UpdateColumn,
    pending_html,
    shortened,
    update_origin,
)
from .proposals import PendingUpdateTable

__all__ = [
    "ACTION_COLUMNS",
    "LEAD_SEPARATOR_HTML",
    "MORE_CELL",
    "OVERDUE_TAG",
    "PUBLISHED",
    "ActionAcrossPrioritiesTable",
    "ActionColumn",
    "ActionTable",
    "AgencyTable",
    "EditColumn",
    "LeadAgenciesColumn",
    "OverdueColumn",
    "PendingUpdateTable",
    "StatusOverdueColumn",
    "UpdateColumn",
    "UpdatesDueTable",
    "YearActionTable",
    "pending_html",
    "shortened",
    "update_origin",
]
