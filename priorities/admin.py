from django.contrib import admin

from audit.admin import AuditedModelAdmin

from .models import Partnership, Priority, ReportingYear


class PriorityInline(admin.TabularInline):
    model = Priority
    extra = 0
    fields = ("number", "title", "published_title")


@admin.register(ReportingYear)
class ReportingYearAdmin(AuditedModelAdmin):
    list_display = ("label", "starts_on", "ends_on", "partnership", "is_sample")
    list_filter = ("is_sample",)
    search_fields = ("label", "report_title", "partnership")
    prepopulated_fields = {"slug": ("label",)}
    inlines = [PriorityInline]


@admin.register(Priority)
class PriorityAdmin(AuditedModelAdmin):
    list_display = ("number", "title", "year", "action_count")
    list_display_links = ("number", "title")
    list_filter = ("year",)
    search_fields = ("title", "published_title")
    list_select_related = ("year",)

    def get_queryset(self, request):
        return super().get_queryset(request).with_action_counts()

    @admin.display(description="actions", ordering="action_count")
    def action_count(self, obj):
        return obj.action_count


@admin.register(Partnership)
class PartnershipAdmin(AuditedModelAdmin):
    """The one row of settings: changed, never added a second time or deleted."""

    list_display = ("__str__", "updates_need_approval")

    def has_add_permission(self, request):
        return not Partnership.objects.exists() and super().has_add_permission(request)

    def has_delete_permission(self, request, obj=None):
        return False
