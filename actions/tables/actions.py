"""Tables of actions: a priority's (ActionTable), several priorities' (an agency's, a piece
of linked work's), a year's, and the actions due an update."""

import django_tables2 as tables
from django.db.models import F
from django.utils.html import format_html

from core.tables import BaseTable, DateTimeColumn, StatusColumn, TextColumn

from ..models import Action
from ..selectors import EditRights
from .columns import (
    MORE_CELL,
    ActionColumn,
    EditColumn,
    LeadAgenciesColumn,
    OverdueColumn,
    StatusOverdueColumn,
    UpdateColumn,
)

# An action's columns after its place: the five published, then status, date and edit.
ACTION_COLUMNS = (
    "action",
    "lead",
    "target",
    "timescale",
    "update",
    "progress_status",
    "update_date",
    "edit",
)


class ActionTable(BaseTable):
    """A priority's table of actions: its five published columns, in published order,
    then the progress status, and an edit column for those who may edit."""

    caption = "Actions"
    show_linked_work = True
    show_move = True
    show_editors = False  # editors by name, or by their agency
    edit_rights = EditRights()
    pending: dict = {}  # action id to its pending UpdateProposal (selectors.pending_by_action)

    position = tables.Column(verbose_name="No.", attrs={"td": {"class": "app-table__no"}})
    action = ActionColumn(verbose_name="Action", attrs={"td": {"class": "app-table__action"}})
    lead = LeadAgenciesColumn()
    target = TextColumn(verbose_name="Target", attrs={"td": {"class": MORE_CELL}})
    timescale = TextColumn(verbose_name="Timescale", attrs={"td": {"class": MORE_CELL}})
    update = UpdateColumn(verbose_name="Update", attrs={"td": {"class": "app-table__update"}})
    progress_status = StatusColumn()
    # In downloads only: the page shows the date under the update.
    update_date = DateTimeColumn(
        accessor="update_changed_at",
        verbose_name="Update date",
        visible=False,
        default="",
        format="Y-m-d H:i",
    )
    edit = EditColumn()

    class Meta(BaseTable.Meta):
        model = Action
        fields = ("position", *ACTION_COLUMNS)
        order_by = ("position",)
        empty_text = "No actions match."

    def order_update_date(self, queryset, is_descending):
        """?sort=update_date: the longest without an update first, those never updated
        since the report was published first of all (said here, since SQLite and
        PostgreSQL put empty dates at opposite ends); -update_date the other way round."""
        when = F("update_changed_at")
        first = when.desc(nulls_last=True) if is_descending else when.asc(nulls_first=True)
        return queryset.order_by(
            first, "priority__year__starts_on", "priority__number", "position"
        ), True


class ActionAcrossPrioritiesTable(ActionTable):
    """Actions from several priorities (an agency's, or one piece of linked work)."""

    show_move = False

    year = tables.Column(
        accessor="priority__year__label",
        verbose_name="Year",
        order_by=("-priority__year__starts_on",),
    )
    priority = tables.Column(verbose_name="Priority", order_by=("priority__number", "position"))

    class Meta(ActionTable.Meta):
        attrs = {"class": "govuk-table app-table app-table--many-columns"}
        fields = ("year", "priority", *ACTION_COLUMNS)
        exclude = ("position",)
        order_by = ("year", "priority")

    def render_priority(self, record):
        priority = record.priority
        return format_html(
            '<a class="govuk-link" href="{}">{}</a>', priority.get_absolute_url(), priority
        )

    def value_priority(self, record):
        return str(record.priority)


class YearActionTable(ActionAcrossPrioritiesTable):
    """Every action of one year: its priority and row, then an action's columns, and
    whether a milestone is overdue (its queryset annotated by ActionQuerySet.with_overdue).
    """

    position = tables.Column(
        verbose_name="No.",
        attrs={"td": {"class": "app-table__no"}},
        order_by=("position", "priority__number"),
    )
    progress_status = StatusOverdueColumn()
    overdue = OverdueColumn()

    class Meta(ActionAcrossPrioritiesTable.Meta):
        fields = ("priority", "position", *ACTION_COLUMNS, "overdue")
        sequence = (
            "priority",
            "position",
            *ACTION_COLUMNS[: ACTION_COLUMNS.index("update_date")],
            "overdue",
            "...",
        )
        exclude = ("year",)
        order_by = ("priority",)


class UpdatesDueTable(YearActionTable):
    """The actions due an update, each once with all its lead agencies."""

    caption = "Actions due an update"

    class Meta(YearActionTable.Meta):
        empty_text = "Every action has been updated recently."
