import django_tables2 as tables
from django.utils.html import format_html

from core.tables import BaseTable, DateTimeColumn, TextColumn

from .models import ReportingRound


class ReportingRoundTable(BaseTable):
    """A year's reporting rounds, newest first."""

    caption = "Reporting rounds"

    year = tables.Column(verbose_name="Year", accessor="year__label", order_by="year__starts_on")
    label = TextColumn(verbose_name="Round", linkify=True)
    deadline = tables.DateColumn(verbose_name="Updates due by", format="j M Y")
    opened_at = DateTimeColumn(verbose_name="Opened", format="j M Y H:i")
    closed_at = DateTimeColumn(verbose_name="Closed", format="j M Y H:i", default="Open")
    published = tables.Column(verbose_name="Report published", linkify=True, default="—")

    class Meta(BaseTable.Meta):
        model = ReportingRound
        fields = ("year", "label", "deadline", "opened_at", "closed_at", "published")
        order_by = ("-opened_at",)
        empty_text = "No round has been opened for this year."

    def render_published(self, value):
        return value.title


class RoundCompletionTable(BaseTable):
    """Each agency that owes updates in a round: owed, done, outstanding (annotations of
    rounds.selectors.round_completion)."""

    caption = "Completion by lead agency"

    short_name = TextColumn(verbose_name="Lead agency", linkify=True)
    owed = tables.Column(verbose_name="Owed", attrs={"td": {"class": "govuk-table__cell--numeric"}})
    done = tables.Column(verbose_name="Done", attrs={"td": {"class": "govuk-table__cell--numeric"}})
    outstanding = tables.Column(
        verbose_name="Outstanding", attrs={"td": {"class": "govuk-table__cell--numeric"}}
    )

    class Meta(BaseTable.Meta):
        fields = ("short_name", "owed", "done", "outstanding")
        order_by = ("short_name",)
        empty_text = "No lead agency owes an update in this round."


class RoundChangeTable(BaseTable):
    """What changed since the previous round: rounds.selectors.Change rows."""

    caption = "Changed since the previous round"

    row = tables.Column(verbose_name="Row", accessor="action", orderable=False)
    action = tables.Column(verbose_name="Action", orderable=False)
    what = tables.Column(verbose_name="What changed", orderable=False)
    before = tables.Column(verbose_name="Before", orderable=False, default="(none)")
    after = tables.Column(verbose_name="After", orderable=False, default="(none)")

    class Meta(BaseTable.Meta):
        fields = ("row", "action", "what", "before", "after")
        empty_text = "No update or progress status has changed."

    def render_row(self, value):
        return f"{value.priority.number}.{value.position}"

    def render_action(self, value):
        return format_html(
            '<a class="govuk-link" href="{}">{}</a>', value.get_absolute_url(), value.action
        )
