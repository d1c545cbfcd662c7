"""Ward figures and where they come from.

Crime figures come from imports. A police.uk street-level file is kept as it counts, by
LSOA, crime type and month (PoliceMonth, LsoaCrimeCount), and placed in the wards of every
ward set that has an ONS LSOA-to-ward lookup: each set's month of figures (ImportedMonth)
holds its ward counts (WardCrimeCount), added up through the lookup. A plain CSV of counts
by ward gives one set's ward counts directly. Every count belongs to an ImportedMonth,
which belongs to the WardImport it came from: that is how every figure can say where it
comes from. Importing a corrected lookup places every kept month again.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from .wards import CrimeType, Ward, WardSet

GENERATED_SAMPLE_SOURCE = "Generated sample — not real figures"
POLICE_UK_SOURCE = (
    "police.uk street-level crime data (data.police.uk), published by the Home Office "
    "under the Open Government Licence"
)


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
    summary = models.TextField(
        blank=True, help_text="What importing it did to the figures already imported."
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
    rows_unlisted = models.PositiveIntegerField(
        "rows in the borough missing from the lookup",
        default=0,
        help_text="Rows in an LSOA whose name puts it in the borough, but which the lookup "
        "does not have: in no ward figure until the lookup has them.",
    )
    unlisted_lsoas = models.JSONField(
        "LSOAs of the borough missing from the lookup",
        default=list,
        blank=True,
        help_text="Each such LSOA: its code, name, how many rows, and its first rows.",
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


class PoliceMonth(models.Model):
    """One month of one force's police.uk street-level crimes, as imported, kept by LSOA.

    At most one per month and force: importing the month again replaces it. Its counts by
    LSOA (LsoaCrimeCount), of the borough's LSOAs (in a lookup, or named after a ward set's
    district), are what every ward set's figures for the month are added up from, so that a
    corrected lookup can place them again; other districts' rows are kept as district
    counts (DistrictCrimeCount). A month with no crimes is kept too, with no counts.
    """

    ward_import = models.ForeignKey(
        WardImport, on_delete=models.CASCADE, related_name="police_months"
    )
    month = models.DateField(help_text="The first day of the month.")
    reported_by = models.CharField(
        max_length=100, help_text="The force that reported the crimes, as police.uk writes it."
    )
    rows_read = models.PositiveIntegerField(default=0)
    rows_unplaced = models.PositiveIntegerField(
        default=0, help_text="Rows without an LSOA (older files, or no location)."
    )
    rows_no_district = models.PositiveIntegerField(
        default=0,
        help_text="Rows in an LSOA whose name names no district (police.uk writes "
        "“St Albans 012B”): in no district's count.",
    )

    class Meta:
        ordering = ["-month", "reported_by"]
        verbose_name = "police.uk month"
        constraints = [
            models.UniqueConstraint(
                fields=["month", "reported_by"], name="policemonth_once_per_month_and_force"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.month:%B %Y} ({self.reported_by})"

    def get_absolute_url(self) -> str:
        return self.ward_import.get_absolute_url()


class LsoaCrimeCount(models.Model):
    """How many crimes of one type police.uk placed in an LSOA of the borough in one month."""

    source = models.ForeignKey(PoliceMonth, on_delete=models.CASCADE, related_name="counts")
    lsoa_code = models.CharField("LSOA code", max_length=9)
    lsoa_name = models.CharField("LSOA name", max_length=100, blank=True)
    crime_type = models.ForeignKey(CrimeType, on_delete=models.PROTECT, related_name="+")
    count = models.PositiveIntegerField()

    class Meta:
        ordering = ["source", "lsoa_code", "crime_type"]
        verbose_name = "LSOA crime count"
        constraints = [
            models.UniqueConstraint(
                fields=["source", "lsoa_code", "crime_type"], name="lsoacrimecount_once_per_source"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.lsoa_code}, {self.crime_type}, {self.source.month:%B %Y}: {self.count}"

    def get_absolute_url(self) -> str:
        return self.source.get_absolute_url()


class ImportedMonth(models.Model):
    """One month of figures in one ward set's wards, from one import, with what could not be
    placed in them.

    A police.uk month (`police_month`) is placed in every ward set with a lookup, one
    ImportedMonth a set, and placed again when the set's lookup changes. A counts file's
    month has no police_month and an empty `reported_by`. At most one per ward set, month
    and force: importing a month again replaces it, so nothing is counted twice.
    """

    ward_set = models.ForeignKey(WardSet, on_delete=models.CASCADE, related_name="months")
    ward_import = models.ForeignKey(WardImport, on_delete=models.CASCADE, related_name="months")
    police_month = models.ForeignKey(
        PoliceMonth,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="placements",
        help_text="The police.uk month these figures are added up from; empty for a counts file.",
    )
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
    rows_unlisted = models.PositiveIntegerField(
        default=0, help_text="Rows in an LSOA of the borough that the lookup does not have."
    )

    class Meta:
        ordering = ["-month", "reported_by"]
        verbose_name = "imported month"
        constraints = [
            models.UniqueConstraint(
                fields=["ward_set", "month", "reported_by"],
                name="importedmonth_once_per_set_month_and_force",
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
