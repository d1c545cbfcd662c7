"""Reads of reporting rounds: what each agency owes, completion by agency, what changed."""

import datetime
from dataclasses import dataclass

from django.db.models import F, Func, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce, Lower

from actions.models import Action, ActionLead, ActionUpdate, Agency, ProgressStatus, UpdateProposal

from .models import ReportingRound


def round_actions(reporting_round: ReportingRound) -> QuerySet[Action]:
    """The year's actions the round asks an update of: every one but those already
    complete when it opened (an action marked complete during the round is in it, done)."""
    before = Q(update_changed_at__isnull=True) | Q(update_changed_at__lt=reporting_round.opened_at)
    return Action.objects.for_year(reporting_round.year_id).exclude(
        Q(progress_status=ProgressStatus.COMPLETE) & before
    )


def updated_in(reporting_round: ReportingRound) -> Q:
    """Actions done in the round: their update or status changed after it opened, or a
    partner's update made since then waits for a coordinator's approval (the partner has
    done their part)."""
    waiting = UpdateProposal.objects.filter(
        state=UpdateProposal.State.PENDING, created_at__gte=reporting_round.opened_at
    )
    return Q(update_changed_at__gte=reporting_round.opened_at) | Q(
        pk__in=waiting.values("action_id")
    )


def round_outstanding(reporting_round: ReportingRound) -> QuerySet[Action]:
    return round_actions(reporting_round).exclude(updated_in(reporting_round))


def led_by_any(agency_ids) -> Q:
    """Actions one of the agencies leads, itself or through one of its teams."""
    leads = ActionLead.objects.filter(Q(agency__in=agency_ids) | Q(agency__parent__in=agency_ids))
    return Q(pk__in=leads.values("action_id"))


def round_owed(*, reporting_round: ReportingRound, agency_ids) -> QuerySet[Action]:
    """What the agencies still owe in the round: their actions not updated since it opened,
    ready for a table of actions."""
    return round_outstanding(reporting_round).filter(led_by_any(agency_ids)).for_table()


def round_done_count(*, reporting_round: ReportingRound, agency_ids) -> int:
    return (
        round_actions(reporting_round)
        .filter(updated_in(reporting_round))
        .filter(led_by_any(agency_ids))
        .count()
    )


def count_led(actions: QuerySet[Action]) -> Coalesce:
    """For an Agency queryset: how many of `actions` the agency leads, itself or through
    its teams, each action once (a subquery, as actions.selectors.agency_list counts)."""
    itself_and_teams = Agency.objects.filter(
        Q(pk=OuterRef(OuterRef("pk"))) | Q(parent=OuterRef(OuterRef("pk")))
    ).values("pk")
    led = (
        ActionLead.objects.filter(agency__in=itself_and_teams, action__in=actions.values("pk"))
        .order_by()
        .values(
            n=Func(
                F("action_id"),
                function="COUNT",
                template="%(function)s(DISTINCT %(expressions)s)",
                output_field=IntegerField(),
            )
        )
    )
    return Coalesce(Subquery(led), 0)


def round_completion(reporting_round: ReportingRound) -> QuerySet[Agency]:
    """Each agency that owes an update in the round, with `owed` (its actions in the
    round, its teams' included), `done` (updated since the round opened) and
    `outstanding`, in one query."""
    actions = round_actions(reporting_round)
    return (
        Agency.objects.leading_in_year(reporting_round.year_id)
        .annotate(
            owed=count_led(actions),
            done=count_led(actions.filter(updated_in(reporting_round))),
        )
        .annotate(outstanding=F("owed") - F("done"))
        .filter(owed__gt=0)
        .order_by(Lower("short_name"))
    )


def round_outstanding_by_agency(reporting_round: ReportingRound) -> dict[Agency, list[Action]]:
    """The round's actions not yet updated under each agency that leads them (as the
    update reminders group them: a team is reminded of its own), agencies and rows in
    order."""
    leads = (
        ActionLead.objects.filter(action__in=round_outstanding(reporting_round).values("pk"))
        .select_related("agency", "action__priority__year", "action__update_changed_by")
        .prefetch_related("agency__members")
        .order_by(Lower("agency__short_name"), "action__priority__number", "action__position")
    )
    outstanding: dict[Agency, list[Action]] = {}
    for lead in leads:
        outstanding.setdefault(lead.agency, []).append(lead.action)
    return outstanding


def year_rounds(year) -> QuerySet[ReportingRound]:
    return ReportingRound.objects.filter(year=year).select_related(
        "year", "previous", "published", "opened_by", "closed_by"
    )


def every_round() -> QuerySet[ReportingRound]:
    return ReportingRound.objects.select_related("year", "published").order_by(
        "-year__starts_on", "-opened_at", "-id"
    )


def round_detail_queryset() -> QuerySet[ReportingRound]:
    return ReportingRound.objects.select_related("year", "previous", "published")


def open_rounds_for(user) -> QuerySet[ReportingRound]:
    """The open rounds of the years in which one of the user's agencies leads an action."""
    if not user.is_authenticated:
        return ReportingRound.objects.none()
    agency_ids = user.agencies.values("pk")
    years = Action.objects.filter(led_by_any(agency_ids)).values("priority__year")
    return (
        ReportingRound.objects.open()
        .filter(year__in=years)
        .select_related("year")
        .order_by("-year__starts_on", "-opened_at")
    )


@dataclass(frozen=True)
class Change:
    """One action's update or status, as it was at `since` and as it is now."""

    action: Action
    field: str
    before: str
    after: str

    @property
    def what(self) -> str:
        return "Progress status" if self.field == "progress_status" else "Update"


CHANGE_FIELDS = ("update", "progress_status")


def shown(field: str, value) -> str:
    if field == "progress_status":
        return dict(ProgressStatus.choices).get(value, value) if value else "None recorded"
    return value or ""


def round_changes(reporting_round: ReportingRound) -> list[Change]:
    """Actions of the round's year whose update or status changed since the previous
    round closed (or, for a first round, since it opened), up to the round's close."""
    return action_changes(
        year_id=reporting_round.year_id,
        since=reporting_round.changes_since,
        until=reporting_round.closed_at,
    )


def latest_closed_round(year) -> ReportingRound | None:
    """The year's reporting round closed last, with its published report."""
    closed = ReportingRound.objects.filter(year=year, closed_at__isnull=False)
    return closed.select_related("published").order_by("-closed_at").first()


def action_changes(
    *,
    year_id: int,
    since: datetime.datetime,
    until: datetime.datetime | None = None,
    public: bool = False,
) -> list[Change]:
    """Actions of the year whose update or status changed after `since` (up to `until`):
    each with its value before the first such change and after the last, from the
    actions' history. A change undone again is left out; with `public`, so are internal
    actions. One query."""
    edits = ActionUpdate.objects.filter(action__priority__year=year_id, created_at__gt=since)
    edits = edits.filter(Q(changes__has_key="update") | Q(changes__has_key="progress_status"))
    if until:
        edits = edits.filter(created_at__lte=until)
    if public:
        edits = edits.filter(action__internal=False)
    edits = edits.select_related("action__priority").order_by(
        "action__priority__number", "action__position", "created_at", "id"
    )
    spans: dict[tuple[int, str], list] = {}
    for edit in edits:
        for field in CHANGE_FIELDS:
            if field in edit.changes:
                before, after = edit.changes[field]
                span = spans.setdefault((edit.action_id, field), [edit.action, before, after])
                span[2] = after
    return [
        Change(action, field, shown(field, before), shown(field, after))
        for (_, field), (action, before, after) in spans.items()
        if before != after
    ]
