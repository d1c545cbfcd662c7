from django.contrib import admin

from audit.admin import AuditedModelAdmin

from .models import Indicator, IndicatorValue


class IndicatorValueInline(admin.TabularInline):
    model = IndicatorValue
    extra = 0
    fields = ("period_start", "period_end", "value", "note", "entered_by", "entered_at")
    raw_id_fields = ("entered_by",)


@admin.register(Indicator)
class IndicatorAdmin(AuditedModelAdmin):
    list_display = ("name", "priority", "position", "kind", "direction")
    list_filter = ("kind", "priority__year")
    search_fields = ("name",)
    list_select_related = ("priority__year",)
    filter_horizontal = ("crime_types", "wards")
    inlines = [IndicatorValueInline]


@admin.register(IndicatorValue)
class IndicatorValueAdmin(AuditedModelAdmin):
    list_display = ("indicator", "period_start", "period_end", "value")
    list_select_related = ("indicator",)
    raw_id_fields = ("entered_by",)
