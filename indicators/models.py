"""A priority's indicators: measures of whether it is happening, each with a baseline, a
target and a direction, counted from the ward figures or entered by hand each period."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q

from priorities.models import Priority
from stats.models import CrimeType, Ward
from stats.periods import Period


def first_of_month(value) -> None:
    if value is not None and value.day != 1:
        raise ValidationError("Give the first day of a month.")


class Indicator(models.Model):
    """One measure of a priority: a count of chosen crime types in the borough or chosen
    wards (from the ward figures), or a number entered by hand each period.

    The baseline is a run of whole months (its first and last month, each the first day
    of its month); the target is either a % change on the baseline or a number, never
    both. `version` counts saves: an edit names the version it started from and is
    refused if someone saved in between.
    """

    class Kind(models.TextChoices):
        CRIME = "crime", "Count of crime types (from the ward figures)"
        MANUAL = "manual", "A number entered each period"

    class Direction(models.TextChoices):
        LOWER = "lower", "Lower is better"
        HIGHER = "higher", "Higher is better"

    priority = models.ForeignKey(Priority, on_delete=models.CASCADE, related_name="indicators")
    position = models.PositiveSmallIntegerField(help_text="Its place in the priority's list.")
    name = models.CharField(max_length=200, help_text="e.g. Anti-social behaviour incidents.")
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.CRIME)
    crime_types = models.ManyToManyField(
        CrimeType, blank=True, related_name="indicators", help_text="For a count of crime types."
    )
    wards = models.ManyToManyField(
        Ward,
        blank=True,
        related_name="indicators",
        help_text="For a count of crime types: empty for the whole borough.",
    )
    unit = models.CharField(
        max_length=60, blank=True, help_text="For a number entered by hand, e.g. young people."
    )
    baseline_start = models.DateField(
        "baseline's first month", validators=[first_of_month], help_text="The first of a month."
    )
    baseline_end = models.DateField(
        "baseline's last month", validators=[first_of_month], help_text="The first of a month."
    )
    target_change = models.DecimalField(
        "target change (%)",
        max_digits=6,
        decimal_places=1,
        null=True,
        blank=True,
        help_text="A change on the baseline, e.g. -5.0 for 5% fewer.",
    )
    target_value = models.DecimalField(
        "target figure",
        max_digits=12,
        decimal_places=1,
        null=True,
        blank=True,
        help_text="Or a figure to reach.",
    )
    direction = models.CharField(max_length=6, choices=Direction.choices, default=Direction.LOWER)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["priority", "position"]
        verbose_name = "indicator"
        constraints = [
            models.UniqueConstraint(
                fields=["priority", "position"], name="indicator_position_unique_in_priority"
            ),
            models.CheckConstraint(
                condition=Q(position__gte=1), name="indicator_position_positive"
            ),
            models.CheckConstraint(condition=~Q(name=""), name="indicator_name_not_empty"),
            models.CheckConstraint(
                condition=Q(baseline_end__gte=F("baseline_start")),
                name="indicator_baseline_ends_after_it_starts",
            ),
            models.CheckConstraint(
                condition=Q(target_change__isnull=True, target_value__isnull=False)
                | Q(target_change__isnull=False, target_value__isnull=True),
                name="indicator_one_target",
            ),
            models.CheckConstraint(
                condition=Q(kind__in=["crime", "manual"]), name="indicator_kind_known"
            ),
            models.CheckConstraint(
                condition=Q(direction__in=["lower", "higher"]), name="indicator_direction_known"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return self.priority.get_absolute_url() + f"#indicator-{self.pk}"

    def clean(self):
        errors = {}
        if self.baseline_start and self.baseline_end and self.baseline_end < self.baseline_start:
            errors["baseline_end"] = "The baseline's last month cannot be before its first."
        if (self.target_change is None) == (self.target_value is None):
            errors["target_value"] = "Give a target: either a % change or a figure, not both."
        if errors:
            raise ValidationError(errors)

    @property
    def baseline(self) -> Period:
        return Period.of_dates(self.baseline_start, self.baseline_end)

    @property
    def is_crime(self) -> bool:
        return self.kind == self.Kind.CRIME

    @property
    def lower_is_better(self) -> bool:
        return self.direction == self.Direction.LOWER

    def summary(self) -> str:
        """One line for the audit trail."""
        target = f"{self.target_change:+}%" if self.target_change is not None else self.target_value
        return f"{self.name}: target {target}, {self.get_direction_display().lower()}"


class IndicatorValue(models.Model):
    """A hand-entered indicator's figure for one period of whole months."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="values")
    period_start = models.DateField(
        "first month", validators=[first_of_month], help_text="The first of a month."
    )
    period_end = models.DateField(
        "last month", validators=[first_of_month], help_text="The first of a month."
    )
    value = models.PositiveIntegerField(help_text="A whole number.")
    note = models.CharField(max_length=300, blank=True, help_text="Where the figure comes from.")
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    entered_at = models.DateTimeField()
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["indicator", "period_start"]
        verbose_name = "indicator value"
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "period_start"], name="indicatorvalue_one_per_period"
            ),
            models.CheckConstraint(
                condition=Q(period_end__gte=F("period_start")),
                name="indicatorvalue_period_ends_after_it_starts",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator}: {self.period.label}"

    def get_absolute_url(self) -> str:
        return self.indicator.get_absolute_url()

    def clean(self):
        if self.period_start and self.period_end and self.period_end < self.period_start:
            raise ValidationError({"period_end": "The last month cannot be before the first."})

    @property
    def period(self) -> Period:
        return Period.of_dates(self.period_start, self.period_end)
