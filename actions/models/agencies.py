"""The lead agencies: agencies and their teams, the other ways the plan writes their
names (aliases), which actions each leads (ActionLead), and how the public sees who
made a change (credit)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse

LEAD_SEPARATOR = "/"


class AgencyQuerySet(models.QuerySet):
    def leading_in(self, priority) -> "AgencyQuerySet":
        """Agencies that lead an action under the priority, themselves or through a team."""
        # Two IN subqueries rather than joins through both paths with DISTINCT: the same
        # agencies, without the join's rows multiplying as the actions grow.
        leads = ActionLead.objects.filter(action__priority=priority)
        return self.filter(
            Q(pk__in=leads.values("agency_id")) | Q(pk__in=leads.values("agency__parent_id"))
        )

    def leading_in_year(self, year) -> "AgencyQuerySet":
        """Agencies that lead an action in the year, themselves or through a team."""
        leads = ActionLead.objects.filter(action__priority__year=year)
        return self.filter(
            Q(pk__in=leads.values("agency_id")) | Q(pk__in=leads.values("agency__parent_id"))
        )


class Agency(models.Model):
    """An organisation, or a team within one, that leads actions (e.g. HFRS, DBC CCTV)."""

    short_name = models.CharField(
        max_length=100, unique=True, help_text="The name the plan uses, e.g. HFRS."
    )
    name = models.CharField(
        max_length=200,
        unique=True,
        help_text="The full name where it is known, e.g. Hertfordshire Fire and Rescue Service; "
        "otherwise the short name again.",
    )
    slug = models.SlugField(max_length=100, unique=True)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="units",
        help_text="The organisation this team belongs to (DBC CCTV belongs to DBC).",
    )
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="agencies",
        help_text="Partner accounts of this agency: they may post updates on its actions.",
    )
    contact_email = models.EmailField(
        blank=True, help_text="Where reminders of updates due go, besides its members."
    )
    last_reminded_on = models.DateField(
        null=True, blank=True, editable=False, help_text="When a reminder was last sent."
    )

    objects = AgencyQuerySet.as_manager()

    class Meta:
        ordering = [Lower("short_name")]
        verbose_name = "lead agency"
        verbose_name_plural = "lead agencies"
        constraints = [
            models.CheckConstraint(
                condition=~Q(parent=models.F("id")), name="agency_is_not_its_own_parent"
            ),
        ]

    def __str__(self) -> str:
        return self.short_name

    def get_absolute_url(self) -> str:
        return reverse("actions:agency_detail", kwargs={"slug": self.slug})

    def clean(self):
        if self.parent_id and self.parent.parent_id:
            raise ValidationError(
                {"parent": "A team's parent must be an organisation, not a team."}
            )


class AgencyAlias(models.Model):
    """Another way the plan writes an agency's name (Herts Fire & Rescue for HFRS)."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(max_length=100, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = "agency alias"
        verbose_name_plural = "agency aliases"

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return self.agency.get_absolute_url()

    def clean(self):
        if Agency.objects.filter(short_name=self.name).exclude(pk=self.agency_id).exists():
            raise ValidationError({"name": f"{self.name} is already another agency's short name."})


class ActionLead(models.Model):
    """One lead agency of an action, with the name as the plan wrote it and its place."""

    # Action by its name: actions.py imports this module, not the other way round.
    action = models.ForeignKey("Action", on_delete=models.CASCADE, related_name="leads")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="leads")
    position = models.PositiveSmallIntegerField()
    written_as = models.CharField(
        max_length=100, help_text="The name as it appears in the published lead text."
    )

    class Meta:
        ordering = ["action", "position"]
        verbose_name = "action lead"
        constraints = [
            models.UniqueConstraint(fields=["action", "agency"], name="actionlead_agency_once"),
            models.UniqueConstraint(
                fields=["action", "position"], name="actionlead_position_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.written_as} leads “{self.action}”"

    def get_absolute_url(self) -> str:
        return self.agency.get_absolute_url()


def credit(user) -> str:
    """Who made a change, as the public sees it: the agency or agencies the editor works for
    (their agencies prefetched), or the partnership, never a person's name."""
    agencies = list(user.agencies.all()) if user is not None else []
    if not agencies:
        return "the partnership"
    return LEAD_SEPARATOR.join(agency.short_name for agency in agencies)
