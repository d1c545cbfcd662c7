import django_tables2 as tables
from django.middleware.csrf import get_token
from django.utils.formats import date_format
from django.utils.html import conditional_escape, escape
from django.utils.safestring import mark_safe
from django.utils.timezone import localtime

from csp_tracker.links import link
from csp_tracker.tables import BaseTable, LinkedCountColumn, StatusColumn, TextColumn
from csp_tracker.templatetags.csp import editor_name

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

    def value(self, record):
        return record.lead_text

    def render(self, value, record):
        leads = record.leads.all()
        if not leads:
            return value
        # f-strings rather than format_html_join: these cells are on every table of actions.
        return mark_safe(  # each URL and name escaped
            LEAD_SEPARATOR_HTML.join(
                f'<a class="govuk-link" href="{escape(lead.agency.get_absolute_url())}">'
                f"{escape(lead.written_as)}</a>"
                for lead in leads
            )
        )


class ActionColumn(TextColumn):
    """The action, linked to its page, with the same work under other priorities below it.

    A table showing all of one piece of work's rows sets `show_linked_work = False`.
    """

    def value(self, value):
        return value

    def render(self, value, record, table):
        html = (
            f'<a class="govuk-link" href="{escape(record.get_absolute_url())}">'
            f"{conditional_escape(value)}</a>"
        )
        linked = record.linked_actions if table.show_linked_work else []
        if linked:
            others = ", ".join(
                f'<a class="govuk-link" href="{escape(other.get_absolute_url())}">'
                f"priority {other.priority.number}</a>"
                for other in linked
            )
            html += f'<span class="app-also">Also under {others}</span>'
        return mark_safe(html)  # the action's text and every URL escaped


class UpdateColumn(TextColumn):
    """The current update, with when and by whom it was last changed."""

    def render(self, value, record):
        if record.update_changed_at is None:
            note = "As published"
        else:
            when = date_format(localtime(record.update_changed_at), "j M Y")
            note = f"Updated {when} by {editor_name(record.update_changed_by)}"
        return mark_safe(  # the update and the note escaped
            f'{conditional_escape(value)}<span class="app-update-date">{escape(note)}</span>'
        )

    def value(self, value):
        return value


class EditColumn(tables.Column):
    """Edit link (and, for coordinators, move up and down) for rows the user may edit.

    The view sets `table.edit_rights` to (may edit every row, the user's agency ids).
    """

    def __init__(self, **kwargs):
        kwargs.setdefault("verbose_name", "Edit")
        kwargs.setdefault("exclude_from_export", True)
        kwargs.setdefault("orderable", False)
        kwargs.setdefault("empty_values", ())
        kwargs.setdefault("accessor", "pk")
        super().__init__(**kwargs)

    def render(self, record, table):
        every_row, agency_ids = table.edit_rights
        if not (every_row or record.is_led_by_any(agency_ids)):
            return ""
        # Written here rather than with a template: the cell is on every row a coordinator
        # sees, and a template rendered for each row was most of the table's time. One
        # CSRF token serves every row's forms, as it does every form of a page.
        if not hasattr(table, "csrf_token"):
            table.csrf_token = get_token(table.request)
        pk, position = record.pk, record.position
        # f-strings rather than format_html: the numbers and URLs need no escaping, the
        # action's text is escaped, and this cell is on every row a coordinator sees.
        text = record.action if len(record.action) <= 60 else record.action[:59] + "…"
        html = (
            f'<a class="govuk-link" href="{link("actions:action_edit", pk=pk)}">Edit'
            f'<span class="govuk-visually-hidden"> row {position}: {escape(text)}</span></a>'
        )
        if every_row and table.show_move:
            token = escape(table.csrf_token)
            for direction, arrow in (("up", "↑"), ("down", "↓")):
                html += (
                    f'<form method="post" class="app-move" '
                    f'action="{link("actions:action_move", pk=pk, direction=direction)}">'
                    f'<input type="hidden" name="csrfmiddlewaretoken" value="{token}">'
                    f'<button type="submit" class="app-move__button" '
                    f'aria-label="Move row {position} {direction}">{arrow}</button></form>'
                )
        return mark_safe(html)  # see above


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
    edit_rights: tuple[bool, set[int]] = (False, set())

    position = tables.Column(verbose_name="No.", attrs={"td": {"class": "app-table__no"}})
    action = ActionColumn(verbose_name="Action")
    lead = LeadAgenciesColumn()
    target = TextColumn(verbose_name="Target")
    timescale = TextColumn(verbose_name="Timescale")
    update = UpdateColumn(verbose_name="Update")
    progress_status = StatusColumn()
    # In downloads only: the page shows the date under the update.
    update_date = tables.DateTimeColumn(
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
        return mark_safe(  # the URL and the priority's name escaped
            f'<a class="govuk-link" href="{escape(priority.get_absolute_url())}">'
            f"{escape(priority)}</a>"
        )

    def value_priority(self, record):
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

    def value_name(self, value):
        return value

    def value_aliases(self, record):
        return ", ".join(alias.name for alias in record.aliases.all())

    def value_parent(self, value):
        return str(value) if value else ""
