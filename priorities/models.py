from django.db import models
from django.db.models import Count, Q
from django.urls import reverse


class ReportingYearQuerySet(models.QuerySet):
    def newest(self) -> "ReportingYear | None":
        return self.order_by("-starts_on").first()

    def open_to_partners(self) -> "ReportingYearQuerySet":
        """The years whose actions partners may update: the newest, and any reopened."""
        newest = self.order_by("-starts_on").values("pk")[:1]
        return self.filter(Q(pk__in=newest) | Q(reopened=True))


class ReportingYear(models.Model):
    """One year of a partnership's action plan, e.g. 2011/12 (April to March)."""

    label = models.CharField(max_length=7, unique=True, help_text="As published, e.g. 2011/12.")
    slug = models.SlugField(max_length=7, unique=True, help_text="For addresses, e.g. 2011-12.")
    starts_on = models.DateField()
    ends_on = models.DateField()
    report_title = models.CharField(
        max_length=200, help_text="The report's heading exactly as published."
    )
    partnership = models.CharField(
        max_length=200, help_text="The partnership's name exactly as published."
    )
    source = models.TextField(
        help_text="Where this year's plan comes from: the publication, or that it is generated."
    )
    is_sample = models.BooleanField(
        default=False,
        help_text="Generated sample data, not from a real publication. "
        "Every page showing it says so.",
    )
    reopened = models.BooleanField(
        default=False,
        help_text="Partners may post updates on this year's actions although a newer year "
        "has started (a coordinator reopened it).",
    )

    objects = ReportingYearQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_on"]
        verbose_name = "reporting year"
        permissions = [
            ("import_year", "Can import a year's plan from a file"),
            ("reopen_year", "Can reopen a past year to partners' updates, or close it"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gt=models.F("starts_on")),
                name="reportingyear_ends_after_it_starts",
            ),
        ]

    def __str__(self) -> str:
        return self.label

    def get_absolute_url(self) -> str:
        return reverse("reports:year_detail", kwargs={"year": self.slug})


class PriorityQuerySet(models.QuerySet):
    def with_action_counts(self, *, public: bool = False) -> "PriorityQuerySet":
        """Each priority's number of actions; with `public`, of those the public sees (not
        internal ones)."""
        if public:
            return self.annotate(action_count=Count("actions", filter=Q(actions__internal=False)))
        return self.annotate(action_count=Count("actions"))


class Priority(models.Model):
    """A numbered strategic priority of one reporting year, e.g. 2 Dwelling burglary."""

    year = models.ForeignKey(ReportingYear, on_delete=models.CASCADE, related_name="priorities")
    number = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=200, help_text="The title in sentence case, for display.")
    published_title = models.CharField(
        max_length=200, help_text="The title exactly as published, e.g. DWELLING BURGLARY."
    )

    objects = PriorityQuerySet.as_manager()

    class Meta:
        ordering = ["year", "number"]
        verbose_name = "strategic priority"
        verbose_name_plural = "strategic priorities"
        constraints = [
            models.UniqueConstraint(
                fields=["year", "number"], name="priority_number_unique_in_year"
            ),
            models.CheckConstraint(condition=Q(number__gte=1), name="priority_number_positive"),
        ]

    def __str__(self) -> str:
        return f"Priority {self.number}: {self.title}"

    def get_absolute_url(self) -> str:
        return reverse(
            "actions:priority_detail", kwargs={"year": self.year.slug, "number": self.number}
        )


class Partnership(models.Model):
    """The partnership's settings: one row, created by a migration, edited in the admin."""

    updates_need_approval = models.BooleanField(
        "partners' updates need a coordinator's approval",
        default=True,
        help_text="When ticked, an update a partner saves is pending until a coordinator "
        "approves it; only then is it published. Coordinators' own edits publish at once.",
    )

    class Meta:
        verbose_name = "partnership setting"
        verbose_name_plural = "partnership settings"
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(condition=Q(pk=1), name="partnership_is_one_row"),
        ]

    def __str__(self) -> str:
        return "Partnership settings"

    def get_absolute_url(self) -> str:
        return reverse("admin:priorities_partnership_change", kwargs={"object_id": self.pk})
