from django.contrib import admin

from audit.admin import ReadOnlyAdminMixin

from .models import PublishedReport


@admin.register(PublishedReport)
class PublishedReportAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Read only: a published report stays as it was published."""

    list_display = ("title", "year", "published_at", "published_by", "is_sample")
    list_filter = ("year", "is_sample")
    search_fields = ("title",)
    list_select_related = ("year", "published_by")
    exclude = ("body_html", "pdf")
