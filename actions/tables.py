import django_tables2 as tables
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from csp_tracker.tables import BaseTable, LinkedCountColumn, TextColumn

from .models import Action, Agency

# Between lead agencies: the published slash, where a narrow column may wrap the line.
LEAD_SEPARATOR_HTML = mark_safe("/<wbr>")


class LeadAgenciesColumn(TextColumn):
    """The lead agencies exactly as published, each name linked to its agency's page."""

    def __init__(self, **kwargs):
        kwargs.setdefault("verbose_name", "Lead agency")
        kwargs.setdefault("accessor", "lead_text")
        kwargs.setdefault("order_by", ("lead_text",))
        super().__init__(**kwargs)

    def render(self, value, record):
        leads = record.leads.all()
        if not leads:
            return value
        return format_html_join(
            LEAD_SEPARATOR_HTML,
            '<a class="govuk-link" href="{}">{}</a>',
            ((lead.agency.get_absolute_url(), lead.written_as) for lead in leads),
        )


class ActionColumn(TextColumn):
    """The action, linked to its page, with the same work under other priorities below it.

    A table showing all of one piece of work's rows sets `show_linked_work = False`.
    """

    def render(self, value, record, table):
        html = format_html(
            '<a class="govuk-link" href="{}">{}</a>', record.get_absolute_url(), value
        )
        linked = record.linked_actions if table.show_linked_work else []
        if linked:
            html += format_html(
                '<span class="app-also">Also under {}</span>',
                format_html_join(
                    ", ",
                    '<a class="govuk-link" href="{}">priority {}</a>',
                    ((other.get_absolute_url(), other.priority.number) for other in linked),
                ),
            )
        return html


class ActionTable(BaseTable):
    """A priority's table of actions: its five published columns, in published order."""

    caption = "Actions"
    show_linked_work = True

    position = tables.Column(verbose_name="No.", attrs={"td": {"class": "app-table__no"}})
    action = ActionColumn(verbose_name="Action")
    lead = LeadAgenciesColumn()
    target = TextColumn(verbose_name="Target")
    timescale = TextColumn(verbose_name="Timescale")
    update = TextColumn(verbose_name="Update")

    class Meta(BaseTable.Meta):
        model = Action
        fields = ("position", "action", "lead", "target", "timescale", "update")
        order_by = ("position",)
        empty_text = "No actions match."


class ActionAcrossPrioritiesTable(ActionTable):
    """Actions from several priorities (an agency's, or one piece of linked work)."""

    year = tables.Column(
        accessor="priority__year__label",
        verbose_name="Year",
        order_by=("-priority__year__starts_on",),
    )
    priority = tables.Column(
        verbose_name="Priority",
        order_by=("priority__number", "position"),
        linkify=lambda record: record.priority.get_absolute_url(),
    )

    class Meta(ActionTable.Meta):
        fields = ("year", "priority", "action", "lead", "target", "timescale", "update")
        exclude = ("position",)
        order_by = ("year", "priority")

    def render_priority(self, record):
        return str(record.priority)


class AgencyTable(BaseTable):
    caption = "Lead agencies"

    short_name = TextColumn(verbose_name="Agency", linkify=True)
    name = TextColumn(verbose_name="Full name")
    parent = tables.Column(verbose_name="Part of", linkify=True)
    aliases = tables.ManyToManyColumn(verbose_name="Also written", orderable=False)
    action_count = LinkedCountColumn(verbose_name="Actions led")

    class Meta(BaseTable.Meta):
        model = Agency
        fields = ("short_name", "name", "parent", "aliases", "action_count")
        order_by = ("short_name",)
        empty_text = "No agencies match."

    def render_name(self, value, record):
        return "—" if value == record.short_name else value
