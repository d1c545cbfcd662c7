from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

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


# --- Ward figures -----------------------------------------------------------------------
#
# Wards belong to a ward set (boundaries change at electoral reviews). Crime figures come
# from imports (police.uk street-level files placed in wards through an ONS LSOA-to-ward
# lookup, or a plain CSV of counts) and are kept as counts by ward, crime type and month.
# Every count belongs to an ImportedMonth, which belongs to the WardImport it came from:
# that is how every figure can say where it comes from.


GENERATED_SAMPLE_SOURCE = "Generated sample — not real figures"
POLICE_UK_SOURCE = (
    "police.uk street-level crime data (data.police.uk), published by the Home Office "
    "under the Open Government Licence"
)


class NaturalKeyManager(models.Manager):
    """Looks objects up by the fields in `natural_key_fields` (for fixtures)."""

    natural_key_fields: tuple[str, ...] = ()

    def get_by_natural_key(self, *values):
        return self.get(**dict(zip(self.natural_key_fields, values, strict=True)))


class WardSetManager(NaturalKeyManager):
    natural_key_fields = ("slug",)

    def newest(self) -> "WardSet | None":
        return self.order_by("-effective_from").first()


class WardSet(models.Model):
    """A district's wards as drawn by one electoral review, from the date they took effect."""

    name = models.CharField(max_length=200, unique=True, help_text="E.g. Dacorum wards, 2007.")
    slug = models.SlugField(max_length=100, unique=True)
    district = models.CharField(max_length=100, help_text="The district, e.g. Dacorum.")
    district_code = models.CharField(
        "district ONS code",
        max_length=9,
        blank=True,
        help_text="The district's ONS code (E07000096 for Dacorum), to pick its rows out of "
        "an ONS lookup.",
    )
    effective_from = models.DateField(help_text="The day these wards took effect.")
    effective_until = models.DateField(
        null=True, blank=True, help_text="The last day before the next review's wards took effect."
    )
    source = models.TextField(help_text="Where the ward names, codes and dates come from.")

    objects = WardSetManager()

    class Meta:
        ordering = ["-effective_from"]
        verbose_name = "ward set"
        constraints = [
            models.CheckConstraint(
                condition=Q(effective_until__isnull=True)
                | Q(effective_until__gt=models.F("effective_from")),
                name="wardset_ends_after_it_starts",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("stats:ward_set_wards", kwargs={"ward_set": self.slug})

    def natural_key(self):
        return (self.slug,)


class WardManager(NaturalKeyManager):
    natural_key_fields = ("ward_set__slug", "slug")


class Ward(models.Model):
    """An electoral ward of a ward set, e.g. Adeyfield East (E05004691).

    The population stays empty unless a published figure is entered, with its source.
    """

    ward_set = models.ForeignKey(WardSet, on_delete=models.PROTECT, related_name="wards")
    name = models.CharField(max_length=100, help_text="As ONS names it.")
    slug = models.SlugField(max_length=100)
    code = models.CharField(
        "ONS code", max_length=9, blank=True, help_text="E.g. E05004691; empty if not known."
    )
    population = models.PositiveIntegerField(
        null=True, blank=True, help_text="A published figure only; leave empty otherwise."
    )
    population_year = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="The year the population figure is for."
    )
    population_source = models.TextField(
        blank=True, help_text="The publication the population figure comes from."
    )

    objects = WardManager()

    class Meta:
        ordering = ["ward_set", "name"]
        verbose_name = "ward"
        constraints = [
            models.UniqueConstraint(fields=["ward_set", "name"], name="ward_name_unique_in_set"),
            models.UniqueConstraint(fields=["ward_set", "slug"], name="ward_slug_unique_in_set"),
            models.UniqueConstraint(
                fields=["ward_set", "code"], condition=~Q(code=""), name="ward_code_unique_in_set"
            ),
            models.CheckConstraint(
                condition=Q(population__isnull=True)
                | (Q(population_year__isnull=False) & ~Q(population_source="")),
                name="ward_population_has_year_and_source",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse(
            "stats:ward_detail", kwargs={"ward_set": self.ward_set.slug, "ward": self.slug}
        )

    def natural_key(self):
        return (self.ward_set.slug, self.slug)

    natural_key.dependencies = ["stats.wardset"]

    def clean(self):
        if self.population is not None and (
            self.population_year is None or not self.population_source.strip()
        ):
            raise ValidationError(
                {"population_source": "A population needs the year it is for and its source."}
            )


class CrimeTypeManager(NaturalKeyManager):
    natural_key_fields = ("name",)


class CrimeType(models.Model):
    """A police.uk crime category (Burglary, Drugs, …), and the strategic priority it counts for.

    `priority_number` refers to a priority by its number, whatever the year: crime types
    in priority 2 count for "Priority 2" of every reporting year. Names police.uk used
    before are aliases (CrimeTypeAlias), so files of every year map to the same type.
    """

    name = models.CharField(
        max_length=100, unique=True, help_text="The name police.uk uses now, e.g. Public order."
    )
    slug = models.SlugField(max_length=100, unique=True)
    position = models.PositiveSmallIntegerField(unique=True, help_text="Its place in tables.")
    priority_number = models.PositiveSmallIntegerField(
        "strategic priority number",
        null=True,
        blank=True,
        help_text="The number of the strategic priority it counts towards in every year "
        "(1 anti-social behaviour and criminal damage, 2 burglary, 4 drugs), or empty.",
    )
    notes = models.TextField(
        blank=True, help_text="What police.uk counts here, and when the category began or ended."
    )
    changed_in = models.CharField(
        "meaning changed in",
        max_length=100,
        blank=True,
        help_text="Months (YYYY-MM, separated by commas) from which police.uk counted something "
        "different under this name, e.g. 2011-09, 2013-05. No change between periods is "
        "worked out across them.",
    )

    objects = CrimeTypeManager()

    class Meta:
        ordering = ["position"]
        verbose_name = "crime type"
        constraints = [
            models.CheckConstraint(
                condition=Q(priority_number__isnull=True) | Q(priority_number__gte=1),
                name="crimetype_priority_number_positive",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("stats:ward_list") + f"?crime_type={self.pk}"

    def natural_key(self):
        return (self.name,)

    def clean(self):
        try:
            self.changes()
        except ValueError:
            raise ValidationError(
                {"changed_in": "Write months as YYYY-MM, separated by commas."}
            ) from None

    def changes(self) -> list:
        """The months from which police.uk's category meant something else."""
        from .periods import parse_month_value

        return [parse_month_value(m.strip()) for m in self.changed_in.split(",") if m.strip()]

    def comparable(self, start, end) -> bool:
        """Whether the category means the same from `start` to `end` (first days of months)."""
        return not any(start < change <= end for change in self.changes())


class CrimeTypeAliasManager(NaturalKeyManager):
    natural_key_fields = ("name",)


class CrimeTypeAlias(models.Model):
    """Another name police.uk has used for a crime type (Violent crime, until April 2013)."""

    crime_type = models.ForeignKey(CrimeType, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(max_length=100, unique=True)
    notes = models.CharField(max_length=300, blank=True, help_text="When police.uk used it.")

    objects = CrimeTypeAliasManager()

    class Meta:
        ordering = ["name"]
        verbose_name = "crime type alias"
        verbose_name_plural = "crime type aliases"

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return self.crime_type.get_absolute_url()

    def natural_key(self):
        return (self.name,)

    natural_key.dependencies = ["stats.crimetype"]

    def clean(self):
        if CrimeType.objects.filter(name__iexact=self.name).exists():
            raise ValidationError({"name": f"{self.name} is already a crime type's own name."})


class WardLookup(models.Model):
    """An ONS best-fit lookup from LSOAs to a ward set's wards, as imported from one file.

    Best fit: each LSOA counts wholly in one ward, even where it straddles a boundary.
    One lookup per LSOA geography (LSOA01, LSOA11, LSOA21); importing one again replaces it.
    """

    ward_set = models.ForeignKey(WardSet, on_delete=models.CASCADE, related_name="lookups")
    lsoa_geography = models.CharField(max_length=10, help_text="E.g. LSOA11.")
    ward_geography = models.CharField(max_length=10, help_text="E.g. WD18.")
    file_name = models.CharField(max_length=255)
    imported_at = models.DateTimeField(default=timezone.now)
    source = models.TextField()
    is_sample = models.BooleanField(
        default=False, help_text="Generated sample data, not from a real publication."
    )
    rows_read = models.PositiveIntegerField(default=0)
    rows_other_districts = models.PositiveIntegerField(
        default=0, help_text="Rows for LSOAs in other districts, left out."
    )

    class Meta:
        ordering = ["ward_set", "lsoa_geography"]
        verbose_name = "LSOA-to-ward lookup"
        constraints = [
            models.UniqueConstraint(
                fields=["ward_set", "lsoa_geography"], name="wardlookup_one_per_geography"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.lsoa_geography} to {self.ward_set} ({self.file_name})"

    def get_absolute_url(self) -> str:
        return reverse("stats:import_list")


class LsoaWard(models.Model):
    """One LSOA of a lookup and the ward ONS best-fits it to."""

    lookup = models.ForeignKey(WardLookup, on_delete=models.CASCADE, related_name="entries")
    lsoa_code = models.CharField("LSOA code", max_length=9)
    lsoa_name = models.CharField("LSOA name", max_length=100, blank=True)
    ward = models.ForeignKey(Ward, on_delete=models.PROTECT, related_name="lsoas")

    class Meta:
        ordering = ["lookup", "lsoa_code"]
        verbose_name = "LSOA in a ward"
        verbose_name_plural = "LSOAs in wards"
        constraints = [
            models.UniqueConstraint(fields=["lookup", "lsoa_code"], name="lsoaward_once_a_lookup"),
        ]

    def __str__(self) -> str:
        return f"{self.lsoa_code} in {self.ward}"

    def get_absolute_url(self) -> str:
        return self.ward.get_absolute_url()


class WardImport(models.Model):
    """One file of ward figures being imported: its source, progress and what became of it."""

    class Kind(models.TextChoices):
        STREET = "street", "police.uk street-level crimes"
        COUNTS = "counts", "Counts by ward (ward, month, crime type, count)"

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting"
        RUNNING = "running", "Importing"
        DONE = "done", "Imported"
        FAILED = "failed", "Failed: nothing was changed"

    ward_set = models.ForeignKey(WardSet, on_delete=models.PROTECT, related_name="imports")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    file_name = models.CharField(max_length=255)
    file_size = models.PositiveBigIntegerField("size in bytes", default=0)
    sha256 = models.CharField("SHA-256", max_length=64, blank=True)
    content = models.BinaryField(
        null=True, editable=False, help_text="The uploaded file, kept until it is imported."
    )
    source = models.TextField(help_text="Where the file comes from.")
    is_sample = models.BooleanField(
        default=False, help_text="Generated sample data, not from a real publication."
    )
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="ward_imports",
    )
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    rows_total = models.PositiveIntegerField(default=0, help_text="Lines in the file.")
    rows_done = models.PositiveIntegerField(default=0, help_text="Lines read so far.")
    rows_read = models.PositiveIntegerField(default=0)
    rows_placed = models.PositiveIntegerField(default=0, help_text="Rows counted in a ward.")
    rows_outside = models.PositiveIntegerField(
        default=0, help_text="Rows in an LSOA outside the borough (not in the lookup)."
    )
    rows_unplaced = models.PositiveIntegerField(
        default=0, help_text="Rows without an LSOA (older files, or no location)."
    )
    first_month = models.DateField(null=True, blank=True)
    last_month = models.DateField(null=True, blank=True)
    summary = models.TextField(blank=True, help_text="What the import did, in words.")
    error = models.TextField(blank=True, help_text="Why it failed: file, row and column.")

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "ward figures import"
        constraints = [
            models.CheckConstraint(
                condition=Q(rows_done__lte=models.F("rows_total")),
                name="wardimport_progress_within_total",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.get_status_display()})"

    def get_absolute_url(self) -> str:
        return reverse("stats:import_detail", kwargs={"pk": self.pk})

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)

    @property
    def percent_done(self) -> int:
        if self.status == self.Status.DONE:
            return 100
        return (100 * self.rows_done // self.rows_total) if self.rows_total else 0


class ImportedMonth(models.Model):
    """One month of ward figures from one import, for one force, with what could not be placed.

    At most one per month and force (`reported_by`; empty for a counts file): importing a
    month again replaces it, so nothing is counted twice.
    """

    ward_import = models.ForeignKey(WardImport, on_delete=models.CASCADE, related_name="months")
    month = models.DateField(help_text="The first day of the month.")
    reported_by = models.CharField(
        max_length=100,
        blank=True,
        help_text="The force that reported the crimes, as police.uk "
        "writes it; empty for a counts file.",
    )
    rows_read = models.PositiveIntegerField(default=0)
    rows_placed = models.PositiveIntegerField(default=0)
    rows_outside = models.PositiveIntegerField(default=0)
    rows_unplaced = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-month", "reported_by"]
        verbose_name = "imported month"
        constraints = [
            models.UniqueConstraint(
                fields=["month", "reported_by"], name="importedmonth_once_per_month_and_force"
            ),
        ]

    def __str__(self) -> str:
        who = self.reported_by or "counts file"
        return f"{self.month:%B %Y} ({who})"

    def get_absolute_url(self) -> str:
        return self.ward_import.get_absolute_url()

    def clean(self):
        if self.month and self.month.day != 1:
            raise ValidationError({"month": "A month is stored as its first day."})


class WardCrimeCount(models.Model):
    """How many crimes of one type were placed in a ward in one imported month."""

    source = models.ForeignKey(ImportedMonth, on_delete=models.CASCADE, related_name="counts")
    ward = models.ForeignKey(Ward, on_delete=models.PROTECT, related_name="crime_counts")
    crime_type = models.ForeignKey(CrimeType, on_delete=models.PROTECT, related_name="counts")
    count = models.PositiveIntegerField()

    class Meta:
        ordering = ["source", "ward", "crime_type"]
        verbose_name = "ward crime count"
        constraints = [
            models.UniqueConstraint(
                fields=["source", "ward", "crime_type"], name="wardcrimecount_once_per_source"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.ward}, {self.crime_type}, {self.source.month:%B %Y}: {self.count}"

    def get_absolute_url(self) -> str:
        return self.ward.get_absolute_url()


class WardSetCrimeCount(models.Model):
    """How many crimes of one type were placed in any ward of the set in one imported month:
    the sum of that month's ward counts, stored beside them by the import (and by nothing
    else: counts are not edited by hand, so the two cannot drift apart).

    A borough figure is then read, 14 counts a month, rather than added up again from 25
    wards' counts on every ward page.
    """

    source = models.ForeignKey(ImportedMonth, on_delete=models.CASCADE, related_name="totals")
    crime_type = models.ForeignKey(CrimeType, on_delete=models.PROTECT, related_name="totals")
    count = models.PositiveIntegerField()

    class Meta:
        ordering = ["source", "crime_type"]
        verbose_name = "ward set crime count"
        constraints = [
            models.UniqueConstraint(
                fields=["source", "crime_type"], name="wardsetcrimecount_once_per_source"
            ),
        ]

    def __str__(self) -> str:
        return f"All wards, {self.crime_type}, {self.source.month:%B %Y}: {self.count}"

    def get_absolute_url(self) -> str:
        return self.source.get_absolute_url()
