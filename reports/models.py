from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

from priorities.models import ReportingYear


class PublishedReport(models.Model):
    """A year's report as it stood when a coordinator published it: its HTML and PDF are
    kept as they were, whatever is edited later."""

    year = models.ForeignKey(ReportingYear, on_delete=models.PROTECT, related_name="published")
    published_at = models.DateTimeField(default=timezone.now, db_index=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    title = models.CharField(max_length=200)
    body_html = models.TextField(help_text="The report as rendered when it was published.")
    pdf = models.BinaryField(help_text="The PDF as generated when it was published.")
    is_sample = models.BooleanField(
        default=False, help_text="Published from generated sample data, not real figures."
    )

    class Meta:
        ordering = ["-published_at", "-id"]
        verbose_name = "published report"

    def __str__(self) -> str:
        return f"{self.title} (published {timezone.localtime(self.published_at):%d %b %Y %H:%M})"

    def get_absolute_url(self) -> str:
        return reverse("reports:published_report_detail", kwargs={"pk": self.pk})

    @property
    def pdf_filename(self) -> str:
        published = timezone.localtime(self.published_at)
        return f"{self.year.slug}-report-published-{published:%Y-%m-%d-%H%M}.pdf"


class CheckedUpload(models.Model):
    """A file the upload page has checked (its dry run), kept until it is imported, so
    that the import applies exactly what was checked without the file going back through
    the browser. Kept for a day at most; only the administrator who uploaded it may import
    it."""

    class Kind(models.TextChoices):
        PLAN = "plan", "A yearly-plan file"
        REPORT = "report", "A report in the published text layout"

    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    uploaded_at = models.DateTimeField(default=timezone.now, db_index=True)
    file_name = models.CharField(max_length=255)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    year_label = models.CharField(
        max_length=7, blank=True, help_text="The year of a report in the text layout."
    )
    replace = models.BooleanField(default=False)
    create_agencies = models.BooleanField(
        default=False, help_text="Create the lead agencies a report names that are new."
    )
    content = models.BinaryField()

    class Meta:
        ordering = ["-uploaded_at", "-id"]
        verbose_name = "checked upload"

    def __str__(self) -> str:
        return f"{self.file_name}, checked {timezone.localtime(self.uploaded_at):%d %b %Y %H:%M}"

    def get_absolute_url(self) -> str:
        return reverse("reports:year_import")
