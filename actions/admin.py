from django.contrib import admin

from .models import Action, ActionLead, Agency, AgencyAlias, Initiative


class AgencyAliasInline(admin.TabularInline):
    model = AgencyAlias
    extra = 0


class ActionLeadInline(admin.TabularInline):
    model = ActionLead
    extra = 0
    autocomplete_fields = ("agency",)


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ("short_name", "name", "parent", "alias_list")
    list_filter = (("parent", admin.RelatedOnlyFieldListFilter),)
    search_fields = ("short_name", "name", "aliases__name")
    list_select_related = ("parent",)
    prepopulated_fields = {"slug": ("short_name",)}
    inlines = [AgencyAliasInline]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("aliases")

    @admin.display(description="also written")
    def alias_list(self, obj):
        return ", ".join(alias.name for alias in obj.aliases.all())


@admin.register(AgencyAlias)
class AgencyAliasAdmin(admin.ModelAdmin):
    list_display = ("name", "agency")
    search_fields = ("name", "agency__short_name", "agency__name")
    list_select_related = ("agency",)
    autocomplete_fields = ("agency",)


@admin.register(Action)
class ActionAdmin(admin.ModelAdmin):
    list_display = ("action", "priority", "position", "lead_text", "timescale", "initiative")
    list_filter = (
        "priority__year",
        "priority__number",
        ("lead_agencies", admin.RelatedOnlyFieldListFilter),
    )
    search_fields = ("action", "lead_text", "target", "timescale", "update")
    list_select_related = ("priority__year", "initiative")
    autocomplete_fields = ("initiative",)
    inlines = [ActionLeadInline]


@admin.register(ActionLead)
class ActionLeadAdmin(admin.ModelAdmin):
    list_display = ("action", "written_as", "agency", "position")
    list_filter = (("agency", admin.RelatedOnlyFieldListFilter),)
    search_fields = ("written_as", "agency__short_name", "action__action")
    list_select_related = ("action", "agency")
    autocomplete_fields = ("agency", "action")


@admin.register(Initiative)
class InitiativeAdmin(admin.ModelAdmin):
    list_display = ("name",)
    search_fields = ("name",)
