"""Reads of actions and agencies, shaped for the pages that show them."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, F, Func, IntegerField, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce, Lower
from django.utils import timezone

from priorities.models import Priority, ReportingYear

from .models import (
    INTERNAL_FIELDS,
    Action,
    ActionLead,
    Agency,
    Initiative,
    Milestone,
    ProgressStatus,
    UpdateProposal,
)
from .services import action_editable_fields


def agency_list(*, public: bool = False):
    """Agencies with their aliases, parent and how many actions each leads (teams included;
    with `public`, of the actions the public sees)."""
    # The agency and its teams first, then their leads: an OR across the join would read
    # every lead for every agency.
    itself_and_teams = Agency.objects.filter(
        Q(pk=OuterRef(OuterRef("pk"))) | Q(parent=OuterRef(OuterRef("pk")))
    ).values("pk")
    leads = ActionLead.objects.filter(agency__in=itself_and_teams)
    if public:
        leads = leads.filter(action__internal=False)
    led = leads.order_by().values(
        n=Func(
            F("action_id"),
            function="COUNT",
            template="%(function)s(DISTINCT %(expressions)s)",
            output_field=IntegerField(),
        )
    )
    return (
        Agency.objects.select_related("parent")
        .prefetch_related("aliases")
        .annotate(action_count=Coalesce(Subquery(led), 0))
    )


def agency_detail_queryset():
    return Agency.objects.select_related("parent").prefetch_related("aliases", "units")


def agency_actions(agency: Agency, *, public: bool = False):
    return Action.objects.led_by(agency).for_table(public=public)


def action_detail_queryset(*, public: bool = False):
    """An action's page: its row and where it continues (with `public`, internal actions
    are not found, and the rows carrying it forward are only public ones)."""
    carried_into = Action.objects.for_public(public)
    return (
        Action.objects.for_table(public=public)
        .select_related("update_changed_by", "continues__priority__year")
        .prefetch_related(
            Prefetch("continued_by", queryset=carried_into.select_related("priority__year"))
        )
    )


def action_for_milestones():
    """Actions with what deciding who may change their milestones reads: year and leads."""
    return Action.objects.select_related("priority__year").prefetch_related(
        Prefetch("leads", queryset=ActionLead.objects.select_related("agency"))
    )


def action_milestones(action: Action) -> list:
    """An action's milestones in order, with their agencies, each knowing its action."""
    milestones = list(action.milestones.select_related("agency").order_by("position"))
    for milestone in milestones:
        milestone.action = action
    return milestones


def action_history(action: Action, *, public: bool = False):
    """The action's history, newest first; with `public`, without changes to its internal
    fields (and without entries that changed nothing else)."""
    history = action.history.select_related("author").prefetch_related("author__agencies")
    if not public:
        return history
    shown = []
    for entry in history:
        entry.changes = {k: v for k, v in entry.changes.items() if k not in INTERNAL_FIELDS}
        if entry.changes:
            shown.append(entry)
    return shown


def may_see_editors(user) -> bool:
    """Whether the user sees who edited an action by name: those who edit (coordinators and
    partners). Everyone else sees the editor's agency (actions.models.credit)."""
    return user.has_perm("actions.change_action") or user.has_perm("actions.post_update_own_agency")


def user_agency_ids(user) -> set[int]:
    """The agencies a signed-in partner belongs to (empty for anyone else)."""
    if not user.is_authenticated:
        return set()
    return set(user.agencies.values_list("pk", flat=True))


@dataclass(frozen=True)
class EditRights:
    """What a user may edit in a table of actions: every row (a coordinator), or the rows
    their agencies lead in the years open to partners' updates (a partner), or none."""

    every_row: bool = False
    agency_ids: frozenset[int] = frozenset()
    open_year_ids: frozenset[int] = frozenset()

    @property
    def any(self) -> bool:
        return self.every_row or bool(self.agency_ids)

    def may_see_pending(self, action: Action) -> bool:
        """Whether the user sees the row's pending update: a coordinator, or a partner of
        an agency that leads it (its leads prefetched: no query)."""
        return self.every_row or action.is_led_by_any(self.agency_ids)

    def may_edit(self, action: Action) -> bool:
        """Whether the user may edit the row (its leads prefetched: no query)."""
        if self.every_row:
            return True
        return action.priority.year_id in self.open_year_ids and action.is_led_by_any(
            self.agency_ids
        )


def edit_rights(user) -> EditRights:
    if user.has_perm("actions.change_action"):
        return EditRights(every_row=True)
    if user.has_perm("actions.post_update_own_agency"):
        open_years = ReportingYear.objects.open_to_partners().values_list("pk", flat=True)
        return EditRights(
            agency_ids=frozenset(user_agency_ids(user)), open_year_ids=frozenset(open_years)
        )
    return EditRights()


def updates_due(*, year: ReportingYear, days: int) -> dict[Agency, list[Action]]:
    """The year's actions due an update, older than `days` (or never edited, once `days`
    have passed since the year started or the action was added: ActionQuerySet.
    update_due_before), under each agency that leads them, agencies and rows in order:
    what the reminders ask for. An action whose partner's update waits for a coordinator's
    approval is not due: the partner has done their part."""
    due = Action.objects.for_year(year).not_updated_for(days)
    waiting = UpdateProposal.objects.filter(state=UpdateProposal.State.PENDING)
    leads = (
        ActionLead.objects.filter(action__in=due.values("pk"))
        .exclude(action__in=waiting.values("action_id"))
        .exclude(action__progress_status="complete")
        .select_related("agency", "action__priority__year", "action__update_changed_by")
        .prefetch_related("agency__members")
        .order_by(Lower("agency__short_name"), "action__priority__number", "action__position")
    )
    due: dict[Agency, list[Action]] = {}
    for lead in leads:
        due.setdefault(lead.agency, []).append(lead.action)
    return due


def actions_due(*, year: ReportingYear, days: int):
    """The year's actions whose update is older than `days` (or never edited since
    publication), and those with a milestone overdue (annotated `is_overdue`), complete
    ones left out: each action once, however many agencies lead it."""
    today = timezone.localdate()
    actions = Action.objects.for_year(year)
    return (
        actions.filter(
            Q(pk__in=actions.not_updated_for(days).values("pk"))
            | Q(pk__in=actions.overdue(today).values("pk"))
        )
        .exclude(progress_status="complete")
        .for_table()
        .with_overdue(today)
    )


def initiative_detail_queryset(*, public: bool = False):
    return Initiative.objects.prefetch_related(
        Prefetch(
            "actions",
            queryset=Action.objects.for_table(public=public).order_by(
                "priority__year__starts_on", "priority__number", "position"
            ),
        )
    )


def shared_rows_editable(*, action: Action, user) -> list[Action]:
    """The rows of the same piece of work under the year's other priorities that `user`
    may post an update on, in priority order (offered when they edit `action`)."""
    if action.initiative_id is None:
        return []
    rows = (
        Action.objects.filter(
            initiative_id=action.initiative_id, priority__year_id=action.priority.year_id
        )
        .exclude(pk=action.pk)
        .select_related("priority__year")
        .prefetch_related("leads__agency")
        .order_by("priority__number", "position")
    )
    return [row for row in rows if "update" in action_editable_fields(user=user, action=row)]


def update_cutoff(*, days: int) -> datetime.datetime:
    """The start of the day `days` days ago, in the site's time zone: an update made since
    then is recent, an older one is due. Whole days, so that a page showing both is the
    same all day (csp_tracker.freshness.data_version names the day)."""
    day = timezone.localdate() - datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def year_status_counts(
    year: ReportingYear, *, public: bool = False
) -> list[tuple[Priority, dict[str, int]]]:
    """Each of the year's priorities, in order, with how many of its actions (with `public`,
    of those the public sees) are at each progress status ("" for none recorded): every
    status is there, at 0 if none. One query, however many actions."""
    statuses = ["", *ProgressStatus.values]
    seen = Q(actions__internal=False) if public else Q()
    counts = {
        f"status_{n}": Count("actions", filter=Q(actions__progress_status=status) & seen)
        for n, status in enumerate(statuses)
    }
    priorities = Priority.objects.filter(year=year).annotate(**counts).order_by("number")
    return [
        (
            priority,
            {status: getattr(priority, f"status_{n}") for n, status in enumerate(statuses)},
        )
        for priority in priorities
    ]


def year_actions_due(*, year: ReportingYear, since: datetime.datetime, public: bool = False):
    """The year's unfinished actions due an update as of `since` (ActionQuerySet.
    update_due_before), in the plan's order: each once, however many lead it. With
    `public`, only those the public sees."""
    actions = Action.objects.for_public(public)
    return (
        actions.for_year(year)
        .update_due_before(since)
        .exclude(progress_status=ProgressStatus.COMPLETE)
        .select_related("priority")
        .order_by("priority__number", "position")
    )


def year_actions_overdue(*, year: ReportingYear, today: datetime.date, public: bool = False):
    """The year's actions with a milestone past its due date and not done (ActionQuerySet.
    overdue), in the plan's order, each with `overdue_since`: the due date of its
    earliest late milestone (with `public`, only the actions the public sees). One query."""
    earliest = (
        Milestone.objects.late(today).filter(action=OuterRef("pk")).order_by("due_on", "position")
    )
    actions = Action.objects.for_public(public)
    return (
        actions.for_year(year)
        .overdue(today)
        .annotate(overdue_since=Subquery(earliest.values("due_on")[:1]))
        .select_related("priority")
        .order_by("priority__number", "position")
    )


def year_actions_updated(*, year: ReportingYear, since: datetime.datetime, public: bool = False):
    """The year's actions whose update or status changed since `since`, newest first (with
    `public`, only those the public sees)."""
    actions = Action.objects.for_public(public)
    return (
        actions.for_year(year)
        .filter(update_changed_at__gte=since)
        .select_related("priority")
        .order_by("-update_changed_at", "priority__number", "position")
    )


def may_see_proposals(*, user, action: Action) -> bool:
    """Whether the user sees the updates proposed for `action` before they are approved:
    coordinators, and partners of an agency that leads it (its leads prefetched)."""
    if user.has_perm("actions.change_action"):
        return True
    return user.has_perm("actions.post_update_own_agency") and action.is_led_by_any(
        user_agency_ids(user)
    )


def action_proposals(*, action: Action, user) -> list[UpdateProposal]:
    """The updates proposed for `action`, newest first, for those who may see them;
    an empty list for everyone else (no query)."""
    if not may_see_proposals(user=user, action=action):
        return []
    return list(action.proposals.order_by("-created_at", "-id"))


def pending_by_action(rights: EditRights) -> dict[int, UpdateProposal]:
    """The pending proposals by action id, for a table shown to a user with `rights`
    (who sees a row's only if they may see the row's proposals: EditRights.may_see_pending);
    nothing, and no query, for a user who edits no row."""
    if not rights.any:
        return {}
    pending = UpdateProposal.objects.filter(state=UpdateProposal.State.PENDING)
    return {proposal.action_id: proposal for proposal in pending.select_related("author")}


def pending_proposals():
    """The updates waiting for approval, oldest first, with what the queue shows."""
    return (
        UpdateProposal.objects.filter(state=UpdateProposal.State.PENDING)
        .select_related("action__priority__year")
        .order_by("created_at", "id")
    )
