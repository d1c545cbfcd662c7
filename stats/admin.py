from django.contrib import admin

from .models import CrimeCategory, CrimeStatistic, StatisticsSnapshot


class CrimeStatisticInline(admin.TabularInline):
    model = CrimeStatistic
    extra = 0


@admin.register(CrimeCategory)
class CrimeCategoryAdmin(admin.ModelAdmin):
    list_display = ("name", "position")
    search_fields = ("name",)
    prepopulated_fields = {"slug": ("name",)}


@admin.register(StatisticsSnapshot)
class StatisticsSnapshotAdmin(admin.ModelAdmin):
    list_display = ("area", "accurate_at", "accurate_at_text", "year", "county", "districts")
    list_filter = ("year", "county")
    search_fields = ("area", "county", "commentary", "source")
    list_select_related = ("year",)
    date_hierarchy = "accurate_at"
    inlines = [CrimeStatisticInline]


@admin.register(CrimeStatistic)
class CrimeStatisticAdmin(admin.ModelAdmin):
    list_display = (
        "category",
        "snapshot",
        "percent_change_text",
        "rate_position_text",
        "reduction_position_text",
    )
    list_filter = ("snapshot__year", "category")
    search_fields = ("category__name", "snapshot__area")
    list_select_related = ("category", "snapshot")
