from django.contrib import admin

from audit.admin import AuditedModelAdmin, ReadOnlyAdminMixin

from .models import (
    CrimeCategory,
    CrimeStatistic,
    CrimeType,
    CrimeTypeAlias,
    District,
    DistrictCrimeCount,
    ImportedMonth,
    LsoaCrimeCount,
    LsoaWard,
    PoliceMonth,
    StatisticsSnapshot,
    Ward,
    WardAlias,
    WardCrimeCount,
    WardImport,
    WardLookup,
    WardSet,
    WardSetCrimeCount,
)


class CrimeStatisticInline(admin.TabularInline):
    model = CrimeStatistic
    extra = 0


@admin.register(CrimeCategory)
class CrimeCategoryAdmin(AuditedModelAdmin):
    list_display = ("name", "position")
    search_fields = ("name",)
    prepopulated_fields = {"slug": ("name",)}


@admin.register(StatisticsSnapshot)
class StatisticsSnapshotAdmin(AuditedModelAdmin):
    list_display = ("area", "accurate_at", "accurate_at_text", "year", "county", "districts")
    list_filter = ("year", "county")
    search_fields = ("area", "county", "commentary", "source")
    list_select_related = ("year",)
    date_hierarchy = "accurate_at"
    inlines = [CrimeStatisticInline]


@admin.register(CrimeStatistic)
class CrimeStatisticAdmin(AuditedModelAdmin):
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


# --- Ward figures -----------------------------------------------------------------------


class WardInline(admin.TabularInline):
    model = Ward
    extra = 0
    fields = ("name", "slug", "code", "population", "population_year", "population_source")


@admin.register(WardSet)
class WardSetAdmin(AuditedModelAdmin):
    list_display = ("name", "district", "district_code", "effective_from", "effective_until")
    list_filter = ("district",)
    search_fields = ("name", "district", "district_code", "source")
    prepopulated_fields = {"slug": ("name",)}
    inlines = [WardInline]


class WardAliasInline(admin.TabularInline):
    model = WardAlias
    extra = 0


@admin.register(Ward)
class WardAdmin(AuditedModelAdmin):
    list_display = ("name", "code", "ward_set", "population", "population_year")
    list_filter = ("ward_set",)
    search_fields = ("name", "code", "ward_set__name", "ward_set__district", "aliases__name")
    list_select_related = ("ward_set",)
    prepopulated_fields = {"slug": ("name",)}
    inlines = [WardAliasInline]


@admin.register(WardAlias)
class WardAliasAdmin(AuditedModelAdmin):
    """Other names files use for wards: lookups and counts files are read with them."""

    list_display = ("name", "ward", "notes")
    list_filter = ("ward__ward_set",)
    search_fields = ("name", "ward__name", "notes", "ward__ward_set__district")
    list_select_related = ("ward__ward_set",)


class CrimeTypeAliasInline(admin.TabularInline):
    model = CrimeTypeAlias
    extra = 0


@admin.register(CrimeType)
class CrimeTypeAdmin(AuditedModelAdmin):
    """Which crime types count towards which strategic priority (by number) is edited here."""

    list_display = ("name", "priority_number", "position")
    list_editable = ("priority_number",)
    list_filter = ("priority_number",)
    search_fields = ("name", "aliases__name", "notes")
    prepopulated_fields = {"slug": ("name",)}
    inlines = [CrimeTypeAliasInline]


@admin.register(CrimeTypeAlias)
class CrimeTypeAliasAdmin(AuditedModelAdmin):
    list_display = ("name", "crime_type", "notes")
    list_filter = ("crime_type",)
    search_fields = ("name", "crime_type__name", "notes")
    list_select_related = ("crime_type",)


@admin.register(WardLookup)
class WardLookupAdmin(AuditedModelAdmin):
    list_display = (
        "file_name",
        "ward_set",
        "lsoa_geography",
        "ward_geography",
        "imported_at",
        "is_sample",
    )
    list_filter = ("ward_set", "lsoa_geography", "is_sample")
    search_fields = ("file_name", "source", "ward_set__district")
    list_select_related = ("ward_set",)


@admin.register(LsoaWard)
class LsoaWardAdmin(AuditedModelAdmin):
    list_display = ("lsoa_code", "lsoa_name", "ward", "lookup")
    list_filter = ("lookup__lsoa_geography", "ward__ward_set")
    search_fields = ("lsoa_code", "lsoa_name", "ward__name", "ward__ward_set__district")
    list_select_related = ("ward", "lookup__ward_set")
    raw_id_fields = ("ward", "lookup")


@admin.register(WardImport)
class WardImportAdmin(AuditedModelAdmin):
    """Imports are made on the upload page or by a command; here they can be read and deleted."""

    list_display = (
        "file_name",
        "kind",
        "status",
        "created_at",
        "first_month",
        "last_month",
        "rows_placed",
        "is_sample",
    )
    list_filter = ("kind", "status", "is_sample", "ward_set")
    search_fields = ("file_name", "source", "summary", "error", "ward_set__district")
    list_select_related = ("ward_set",)
    date_hierarchy = "created_at"
    exclude = ("content",)
    readonly_fields = (
        "status",
        "file_size",
        "sha256",
        "rows_total",
        "rows_done",
        "rows_read",
        "rows_placed",
        "rows_outside",
        "rows_unplaced",
        "rows_unlisted",
        "unlisted_lsoas",
        "first_month",
        "last_month",
        "summary",
        "error",
        "started_at",
        "finished_at",
    )

    def get_queryset(self, request):
        return super().get_queryset(request).defer("content")


@admin.register(ImportedMonth)
class ImportedMonthAdmin(AuditedModelAdmin):
    list_display = (
        "month",
        "reported_by",
        "ward_set",
        "ward_import",
        "rows_placed",
        "rows_outside",
    )
    list_filter = ("ward_set", "reported_by", "ward_import__is_sample")
    search_fields = ("reported_by", "ward_import__file_name", "ward_set__district")
    list_select_related = ("ward_import", "ward_set")
    raw_id_fields = ("police_month",)
    date_hierarchy = "month"


@admin.register(PoliceMonth)
class PoliceMonthAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Read only: a month of a force's police.uk file as imported, kept by LSOA. Importing
    the month again replaces it."""

    list_display = ("month", "reported_by", "ward_import", "rows_read", "rows_unplaced")
    list_filter = ("reported_by",)
    search_fields = ("reported_by", "ward_import__file_name")
    list_select_related = ("ward_import",)
    date_hierarchy = "month"


@admin.register(LsoaCrimeCount)
class LsoaCrimeCountAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Read only: what its import counted in its file, by LSOA."""

    list_display = ("lsoa_code", "lsoa_name", "crime_type", "source", "count")
    list_filter = ("crime_type",)
    search_fields = ("lsoa_code", "lsoa_name")
    list_select_related = ("crime_type", "source")
    raw_id_fields = ("source",)


@admin.register(WardCrimeCount)
class WardCrimeCountAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Read only: a count is what its import found in its file (shown as its source on every
    page), and the ward set's totals are added up from the counts by the same import. A
    wrong count is put right by importing its month again, which replaces it."""

    list_display = ("ward", "crime_type", "month", "count")
    list_filter = ("crime_type", "source__month")
    search_fields = ("ward__name", "crime_type__name", "ward__ward_set__district")
    list_select_related = ("ward", "crime_type", "source")
    raw_id_fields = ("source", "ward")

    @admin.display(ordering="source__month")
    def month(self, obj):
        return f"{obj.source.month:%B %Y}"


@admin.register(WardSetCrimeCount)
class WardSetCrimeCountAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Read only: each is the sum of its month's ward counts, stored by the import."""

    list_display = ("crime_type", "month", "count")
    list_filter = ("crime_type", "source__month")
    search_fields = ("crime_type__name", "source__ward_set__district")
    list_select_related = ("crime_type", "source")
    raw_id_fields = ("source",)

    @admin.display(ordering="source__month")
    def month(self, obj):
        return f"{obj.source.month:%B %Y}"


@admin.register(District)
class DistrictAdmin(AuditedModelAdmin):
    list_display = ("name", "code", "population", "population_year")
    search_fields = ("name", "code")
    prepopulated_fields = {"slug": ("name",)}


@admin.register(DistrictCrimeCount)
class DistrictCrimeCountAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Read only: each is the sum of its month's LSOA counts in the district, stored by the
    import."""

    list_display = ("district", "crime_type", "source", "count")
    list_filter = ("district", "crime_type")
    search_fields = ("district__name", "crime_type__name")
    list_select_related = ("district", "crime_type", "source")
    raw_id_fields = ("source",)
