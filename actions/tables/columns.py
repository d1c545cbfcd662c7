"""The columns of the tables of actions: lead agencies, the action with its linked work, the
update with its date and any pending proposal, the edit and move buttons, and whether a
milestone is overdue."""

import django_tables2 as tables
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.timezone import localtime

from core.tables import StatusColumn, TextColumn
from core.templatetags.csp import editor_name

from ..models import LEAD_SEPARATOR, Action, UpdateProposal, credit

# Cells a phone leaves to the action's page (see app-table__more in static/src/app/_tables.scss).
MORE_CELL = "app-table__more"

# Between lead agencies: the published slash, where a narrow column may wrap the line.
LEAD_SEPARATOR_HTML = format_html("{}<wbr>", LEAD_SEPARATOR)


class LeadAgenciesColumn(TextColumn):
    """The lead agencies exactly as published, each name linked to its agency's page."""

    def __init__(self, **kwargs):
        kwargs.setdefault("verbose_name", "Lead agency")
        kwargs.setdefault("accessor", "lead_text")
        kwargs.setdefault("order_by", ("lead_text",))
        kwargs.setdefault("attrs", {"td": {"class": MORE_CELL}})
        super().__init__(**kwargs)

    def value(self, record):
        return record.lead_text

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

    def value(self, value):
        return value

    def render(self, value, record, table):
        html = format_html(
            '<a class="govuk-link" href="{url}">{action}</a>'
            '<a class="govuk-link app-table__more-link" href="{url}">Lead agency, target and '
            'timescale<span class="govuk-visually-hidden"> of row {position}</span></a>',
            url=record.get_absolute_url(),
            action=value,
            position=record.position,
        )
        if record.internal:  # only those signed in see such a row
            html = format_html(
                '<strong class="govuk-tag govuk-tag--grey">Internal</strong> {}', html
            )
        linked = record.linked_actions if table.show_linked_work else []
        if not linked:
            return html
        others = format_html_join(
            ", ",
            '<a class="govuk-link" href="{}">priority {}</a>',
            ((other.get_absolute_url(), other.priority.number) for other in linked),
        )
        return format_html(
            '{}<span class="app-also">Also under {} ({})</span>',
            html,
            others,
            record.priority.year.label,
        )


def update_origin(action: Action) -> str:
    """Where an action's text comes from while nobody has updated it: carried forward
    from an earlier year (its `continues` and that one's year selected), added on the
    site, or as published."""
    if action.continues_id is not None:
        return f"Carried forward from {action.continues.priority.year.label}"
    if action.created_at is not None:
        return f"Added {date_format(localtime(action.created_at), 'j M Y')}"
    return PUBLISHED


PUBLISHED = "As published"


class UpdateColumn(TextColumn):
    """The current update, with when and by whom it was last changed: the editor by name to
    those who see names (`table.show_editors`), else by their agency. A row carried
    forward or added with no update yet says so; any other row without one shows the
    column's default."""

    def __init__(self, **kwargs):
        kwargs.setdefault("empty_values", ())
        super().__init__(**kwargs)

    def render(self, value, record, table):
        published = self.render_published(value, record, table)
        proposal = table.pending.get(record.pk)
        if proposal is None or not table.edit_rights.may_see_pending(record):
            return published
        return format_html("{}{}", published, pending_html(proposal))

    def render_published(self, value, record, table):
        if record.update_changed_at is None:
            note = update_origin(record)
            if not value and note == PUBLISHED:
                return self.default
        elif not value:
            return self.default
        else:
            when = date_format(localtime(record.update_changed_at), "j M Y")
            editor = record.update_changed_by
            who = editor_name(editor) if table.show_editors else credit(editor)
            note = f"Updated {when} by {who}"
        return format_html('{}<span class="app-update-date">{}</span>', value, note)

    def value(self, value):
        return value


def pending_html(proposal: UpdateProposal) -> str:
    """A proposed update under the published one, marked as pending approval (shown only
    to coordinators and the lead agencies' partners, who see editors by name)."""
    status = proposal.get_progress_status_display()
    return format_html(
        '<span class="app-pending"><strong class="govuk-tag govuk-tag--yellow">Pending approval'
        '</strong> {}{}<span class="app-update-date">Proposed {} by {}</span></span>',
        proposal.update,
        format_html(" (status: {})", status) if status else "",
        date_format(localtime(proposal.created_at), "j M Y"),
        proposal.author_name,
    )


class EditColumn(tables.Column):
    """Edit link (and, for coordinators, move up and down) for rows the user may edit.

    The view sets `table.edit_rights` (actions.selectors.EditRights). The
    move buttons submit the page's one form, #move-rows (templates/actions/
    priority_detail.html), to their own address: the table holds no CSRF token, so it can
    be kept in the cache.
    """

    def __init__(self, **kwargs):
        kwargs.setdefault("verbose_name", "Edit")
        kwargs.setdefault("exclude_from_export", True)
        kwargs.setdefault("orderable", False)
        kwargs.setdefault("empty_values", ())
        kwargs.setdefault("accessor", "pk")
        super().__init__(**kwargs)

    def render(self, record, table):
        rights = table.edit_rights
        if not rights.may_edit(record):
            return ""
        edit = format_html(
            '<a class="govuk-link" href="{}">Edit<span class="govuk-visually-hidden"> row {}: '
            "{}</span></a>",
            reverse("actions:action_edit", kwargs={"pk": record.pk}),
            record.position,
            shortened(record.action, 60),
        )
        if not (rights.every_row and table.show_move):
            return edit
        moves = format_html_join(
            "",
            '<span class="app-move"><button type="submit" form="move-rows" formaction="{}" '
            'class="govuk-button govuk-button--secondary app-button--small app-move__button" '
            'data-module="govuk-button" aria-label="Move row {} {}">{}</button></span>',
            (
                (
                    reverse("actions:action_move", kwargs={"pk": record.pk, "direction": way}),
                    record.position,
                    way,
                    arrow,
                )
                for way, arrow in (("up", "↑"), ("down", "↓"))
            ),
        )
        return format_html("{}{}", edit, moves)


def shortened(text: str, length: int) -> str:
    """The text cut to `length` characters, the last an ellipsis, as truncatechars cuts it
    (without Truncator's translation lookup, for every row a coordinator sees)."""
    return text if len(text) <= length else text[: length - 1] + "…"


OVERDUE_TAG = format_html(
    '<strong class="govuk-tag govuk-tag--red app-overdue">{}</strong>', "Overdue"
)


class OverdueColumn(tables.Column):
    """Whether an action has a milestone past its due date and not done, as "Overdue" or
    nothing: in downloads only (the page shows it with the progress status, below), and
    the column to sort by. Reads the `is_overdue` annotation (ActionQuerySet.with_overdue)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("verbose_name", "Overdue")
        kwargs.setdefault("accessor", "is_overdue")
        kwargs.setdefault("empty_values", ())
        kwargs.setdefault("order_by", ("-is_overdue",))
        kwargs.setdefault("visible", False)
        super().__init__(**kwargs)

    def render(self, value):
        return OVERDUE_TAG if value else ""

    def value(self, value):
        return "Overdue" if value else ""


class StatusOverdueColumn(StatusColumn):
    """The progress status, with a red "Overdue" tag below it when a milestone of the
    action is past its due date and not done (the `is_overdue` annotation)."""

    def render(self, record):
        status = super().render(record)
        if not getattr(record, "is_overdue", False):
            return status
        return format_html("{} {}", status, OVERDUE_TAG)
