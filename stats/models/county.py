"""The county crime table as published: categories, snapshots and each category's row."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse

from priorities.models import ReportingYear


class CrimeCategory(models.Model):
    """A category of the county crime table, e.g. Burglary Dwelling."""

    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    position = models.PositiveSmallIntegerField(unique=True, help_text="Its row in the table.")

    class Meta:
        ordering = ["position"]
        verbose_name = "crime category"
        verbose_name_plural = "crime categories"

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("stats:category_detail", kwargs={"slug": self.slug})


class StatisticsSnapshot(models.Model):
    """The county crime table as it stood on one date, with the commentary above it."""

    year = models.ForeignKey(ReportingYear, on_delete=models.CASCADE, related_name="snapshots")
    title = models.CharField(max_length=200, help_text="The heading as published: Crime Stats.")
    area = models.CharField(max_length=100, help_text="The district the figures are for.")
    area_heading = models.CharField(
        max_length=100, help_text="The heading of the % change column as published."
    )
    county = models.CharField(max_length=100)
    districts = models.PositiveSmallIntegerField(
        "number of districts", help_text="How many districts the county positions rank."
    )
    accurate_at = models.DateField()
    accurate_at_text = models.CharField(
        max_length=50, help_text="The date as published, e.g. 26/3/12."
    )
    rate_heading = models.CharField(
        max_length=200, help_text="The heading of the position by crimes per 1000, as published."
    )
    reduction_heading = models.CharField(
        max_length=200, help_text="The heading of the position for % reduction, as published."
    )
    commentary = models.TextField(blank=True)
    source = models.TextField(help_text="Where these figures come from.")

    class Meta:
        ordering = ["-accurate_at"]
        verbose_name = "crime statistics snapshot"
        constraints = [
            models.UniqueConstraint(
                fields=["year", "accurate_at"], name="snapshot_one_per_date_in_year"
            ),
            models.CheckConstraint(
                condition=Q(districts__gte=2), name="snapshot_districts_at_least_2"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.area}, accurate at {self.accurate_at_text}"

    def get_absolute_url(self) -> str:
        return reverse("stats:snapshot_detail", kwargs={"pk": self.pk})


class CrimeStatistic(models.Model):
    """One category's row of a snapshot: % change and the district's two county positions."""

    snapshot = models.ForeignKey(StatisticsSnapshot, on_delete=models.CASCADE, related_name="rows")
    category = models.ForeignKey(CrimeCategory, on_delete=models.PROTECT, related_name="figures")
    percent_change = models.DecimalField(max_digits=6, decimal_places=1)
    percent_change_text = models.CharField(max_length=20, help_text="As published, e.g. -11%.")
    rate_position = models.PositiveSmallIntegerField(
        "position by crimes per 1000 population",
        help_text="The district's position in the county by crimes per 1000 population.",
    )
    rate_position_text = models.CharField(max_length=20, help_text="As published, e.g. 7 th.")
    reduction_position = models.PositiveSmallIntegerField(
        "position for % reduction",
        help_text="The district's position in the county for percentage reduction.",
    )
    reduction_position_text = models.CharField(max_length=20, help_text="As published, e.g. 1st.")

    class Meta:
        ordering = ["snapshot", "category"]
        verbose_name = "crime statistic"
        constraints = [
            models.UniqueConstraint(
                fields=["snapshot", "category"], name="statistic_category_once_per_snapshot"
            ),
            models.CheckConstraint(
                condition=Q(percent_change__gte=-100), name="statistic_change_not_below_minus_100"
            ),
            models.CheckConstraint(
                condition=Q(rate_position__gte=1, reduction_position__gte=1),
                name="statistic_positions_from_1",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.category}: {self.percent_change_text}"

    def get_absolute_url(self) -> str:
        return self.snapshot.get_absolute_url()

    def clean(self):
        districts = self.snapshot.districts
        errors = {}
        for field in ("rate_position", "reduction_position"):
            value = getattr(self, field)
            if value is not None and value > districts:
                errors[field] = f"A position can be at most {districts}, the number of districts."
        if errors:
            raise ValidationError(errors)
