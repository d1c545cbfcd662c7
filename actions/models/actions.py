"""Actions, the rows of a priority's table, with their queries (ActionQuerySet), their
progress status, and the linked pieces of work (Initiative) whose rows appear under
several priorities."""

import datetime

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from priorities.models import Priority

from .agencies import ActionLead, Agency
from .milestones import Milestone


class Initiative(models.Model):
    """One piece of work that appears as rows under several priorities.

    The Halloween operation is one initiative with rows under priorities 1, 3 and 6; each
    row keeps its own published target and update.
    """

    name = models.CharField(max_length=300, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = "linked piece of work"
        verbose_name_plural = "linked pieces of work"

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("actions:initiative_detail", kwargs={"pk": self.pk})


# What only those signed in see of an action, in its history too.
INTERNAL_FIELDS = {"internal_note"}


class ActionQuerySet(models.QuerySet):
    def for_year(self, year) -> "ActionQuerySet":
        return self.filter(priority__year=year)

    def public(self) -> "ActionQuerySet":
        """The actions anyone may see: not those marked internal (partners only)."""
        return self.filter(internal=False)

    def visible_to(self, user) -> "ActionQuerySet":
        """Every action for those signed in; the public ones for everyone else."""
        return self.for_public(not user.is_authenticated)

    def for_public(self, public: bool) -> "ActionQuerySet":
        """With `public`, the public ones (for a page or file the public sees); else all."""
        return self.public() if public else self

    def led_by(self, agency: Agency) -> "ActionQuerySet":
        """Actions the agency leads, itself or through one of its teams."""
        # A subquery rather than joins with DISTINCT: counting and sorting the page's rows
        # then needs no de-duplication of rows the joins multiplied. The agency and its
        # teams are a subquery of their own: an OR across the join of leads and agencies
        # read every lead (5 ms with 6,000 actions on SQLite, against 0.03 ms this way).
        itself_and_teams = Agency.objects.filter(Q(pk=agency.pk) | Q(parent=agency.pk))
        leads = ActionLead.objects.filter(agency__in=itself_and_teams.values("pk"))
        return self.filter(pk__in=leads.values("action_id"))

    def matching(self, text: str) -> "ActionQuerySet":
        """Actions whose action, target, timescale, update or lead agencies (as published,
        by short or full name, or as also written) contain the text, whatever the capitals.

        The agencies are searched in an EXISTS subquery: an action led by two matching
        agencies is still one row, with no DISTINCT to sort the rows again.
        """
        leads = ActionLead.objects.filter(action=models.OuterRef("pk")).filter(
            Q(written_as__icontains=text)
            | Q(agency__short_name__icontains=text)
            | Q(agency__name__icontains=text)
            | Q(agency__aliases__name__icontains=text)
        )
        return self.filter(
            Q(action__icontains=text)
            | Q(target__icontains=text)
            | Q(timescale__icontains=text)
            | Q(update__icontains=text)
            | Q(lead_text__icontains=text)
            | models.Exists(leads)
        )

    def not_updated_for(self, days: int) -> "ActionQuerySet":
        """Actions whose update or status has not changed in the last `days` days, as
        update_due_before counts them."""
        return self.update_due_before(timezone.now() - datetime.timedelta(days=days))

    def update_due_before(self, cutoff: datetime.datetime) -> "ActionQuerySet":
        """Actions due an update as of `cutoff` (the time a due update was last made by):
        those whose update or status last changed before it, and those never changed whose
        year started before it and that were added before it (or not on the site at all).
        A new year's actions, and an action added during the year, are not due at once.
        The year counts from the start of its first day."""
        started = Q(priority__year__starts_on__lt=timezone.localdate(cutoff)) & (
            Q(created_at__isnull=True) | Q(created_at__lt=cutoff)
        )
        return self.filter(
            Q(update_changed_at__lt=cutoff) | (Q(update_changed_at__isnull=True) & started)
        )

    def overdue(self, today: datetime.date) -> "ActionQuerySet":
        """Actions with a milestone past its due date (before `today`) and not done: one
        EXISTS subquery, however many milestones."""
        return self.filter(
            models.Exists(Milestone.objects.late(today).filter(action=models.OuterRef("pk")))
        )

    def with_overdue(self, today: datetime.date) -> "ActionQuerySet":
        """Each action annotated `is_overdue` (ActionQuerySet.overdue's rule), in the same
        query."""
        return self.annotate(
            is_overdue=models.Exists(
                Milestone.objects.late(today).filter(action=models.OuterRef("pk"))
            )
        )

    def for_table(self, *, public: bool = False) -> "ActionQuerySet":
        """Everything a table of actions shows, fetched in a fixed number of queries. With
        `public`, only the actions the public sees, and only those of the same work's other
        rows."""
        same_work = Action.objects.for_public(public)
        return (
            self.for_public(public)
            .select_related(
                # The year a carried row comes from is named while it has no update of its own.
                "priority__year",
                "initiative",
                "update_changed_by",
                "continues__priority__year",
            )
            .prefetch_related(
                # An update's editor is shown by their agency to those who do not see names.
                "update_changed_by__agencies",
                models.Prefetch(
                    "leads",
                    queryset=ActionLead.objects.select_related("agency").order_by("position"),
                ),
                models.Prefetch(
                    "initiative__actions",
                    # The same work's other rows show their priority's number and year (and, on
                    # an action's page, its title and their row) and link by id: only those are
                    # read.
                    queryset=same_work.select_related("priority__year")
                    .only(
                        "initiative",
                        "position",
                        "priority",
                        "priority__number",
                        "priority__title",
                        "priority__year",
                        "priority__year__label",
                    )
                    .order_by("priority__number", "position"),
                ),
            )
        )


class ProgressStatus(models.TextChoices):
    """How an action is going: the red / amber / green convention, plus not started and
    complete. Called "progress status" because in Hertfordshire "RAG" also names the
    Responsible Authorities Group. Blank means no status has been recorded (the 2011/12
    report gave none)."""

    NOT_STARTED = "not_started", "Not started"
    RED = "red", "Red"
    AMBER = "amber", "Amber"
    GREEN = "green", "Green"
    COMPLETE = "complete", "Complete"


class Action(models.Model):
    """One row of a priority's table: the action, its leads, target, timescale and update.

    `version` counts saves: an edit names the version it started from and is refused if
    someone saved in between (no lost updates).
    """

    priority = models.ForeignKey(Priority, on_delete=models.CASCADE, related_name="actions")
    position = models.PositiveSmallIntegerField(
        help_text="Its row in the priority's table, from 1."
    )
    action = models.TextField()
    lead_text = models.CharField(
        "lead agency as published",
        max_length=300,
        help_text="Exactly as published, e.g. Herts Police/DBC.",
    )
    lead_agencies = models.ManyToManyField(Agency, through="ActionLead", related_name="actions")
    target = models.TextField()
    timescale = models.CharField(max_length=200, help_text="Free text: Ongoing, July- Sept, …")
    update = models.TextField(blank=True)
    progress_status = models.CharField(
        max_length=12, choices=ProgressStatus.choices, blank=True, default=""
    )
    update_changed_at = models.DateTimeField(
        "update date",
        null=True,
        blank=True,
        help_text="When the update or status last changed; empty for the text as published.",
    )
    update_changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(
        "added",
        null=True,
        blank=True,
        editable=False,
        help_text="When the row was added on the site (a new action, or one carried forward "
        "into a new year); empty for rows as published or imported.",
    )
    continues = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="continued_by",
        help_text="The action of an earlier year that this one carries forward.",
    )
    initiative = models.ForeignKey(
        Initiative,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="actions",
        help_text="Set when the same piece of work also appears under other priorities.",
    )
    internal_note = models.TextField(
        "internal note",
        blank=True,
        help_text="For partners only, beside the public update: never on a page, file or "
        "report the public sees, nor in the history they see.",
    )
    internal = models.BooleanField(
        "internal",
        default=False,
        help_text="For partners only: left out of every page, file and report the public "
        "sees (open data, the report and its published copies, search, downloads).",
    )
    # What the site's search matches on PostgreSQL: the action, target, timescale, update
    # and lead agencies' names, stemmed in English. Kept by actions.services.
    # action_search_refresh after every write; empty on SQLite, which searches the text.
    search_vector = SearchVectorField(null=True, editable=False)

    objects = ActionQuerySet.as_manager()

    class Meta:
        ordering = ["priority", "position"]
        verbose_name = "action"
        permissions = [
            ("post_update_own_agency", "Can post updates on actions their agency leads"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["priority", "position"], name="action_position_unique_in_priority"
            ),
            models.CheckConstraint(condition=Q(position__gte=1), name="action_position_positive"),
        ]

    def __str__(self) -> str:
        return self.action

    def get_absolute_url(self) -> str:
        return reverse("actions:action_detail", kwargs={"pk": self.pk})

    def is_led_by_any(self, agency_ids: set[int]) -> bool:
        """True if one of the agencies (or the organisation of a leading team) leads this.

        Uses the prefetched leads with their agencies: no query.
        """
        return any(
            lead.agency_id in agency_ids or lead.agency.parent_id in agency_ids
            for lead in self.leads.all()
        )

    @property
    def linked_actions(self) -> list["Action"]:
        """The rows of the same piece of work under the other priorities of the same year,
        in priority order: a piece of work carried into a new year keeps its initiative, and
        the rows of another year are another year's work."""
        if self.initiative_id is None:
            return []
        return [
            other
            for other in self.initiative.actions.all()
            if other.pk != self.pk and other.priority.year_id == self.priority.year_id
        ]
