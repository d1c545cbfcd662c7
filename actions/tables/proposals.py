"""The table of partners' updates waiting for a coordinator's approval."""

import django_tables2 as tables
from django.utils.html import format_html

from core.tables import BaseTable, DateTimeColumn, StatusColumn, TextColumn

from ..models import UpdateProposal
from .columns import shortened


class PendingUpdateTable(BaseTable):
    """The updates waiting for a coordinator's approval, oldest first."""

    caption = "Updates waiting for approval"

    created_at = DateTimeColumn(verbose_name="Proposed", format="j M Y, H:i")
    action = tables.Column(
        verbose_name="Action",
        accessor="action__action",
        linkify=lambda record: record.action.get_absolute_url(),
    )
    where = tables.Column(verbose_name="Priority and row", accessor="action__position")
    author_name = TextColumn(verbose_name="By")
    update = TextColumn(verbose_name="Proposed update")
    progress_status = StatusColumn(verbose_name="Proposed status")
    review = tables.Column(
        verbose_name="Review",
        accessor="pk",
        linkify=lambda record: record.get_absolute_url(),
        exclude_from_export=True,
    )

    class Meta(BaseTable.Meta):
        model = UpdateProposal
        fields = ("created_at", "action", "where", "author_name", "update", "progress_status")
        sequence = (*fields, "review")
        orderable = False
        empty_text = "No updates are waiting for approval."

    def render_where(self, record):
        action = record.action
        priority = action.priority
        return f"{priority.year.label}, priority {priority.number}, row {action.position}"

    def render_review(self, record):
        return format_html(
            'Review<span class="govuk-visually-hidden"> the update of {}</span>',
            shortened(record.action.action, 60),
        )
