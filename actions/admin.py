from django.contrib import admin

from audit.admin import AuditedModelAdmin, ReadOnlyAdminMixin

from .models import (
    Action,
    ActionLead,
    ActionUpdate,
    Agency,
    AgencyAlias,
    Initiative,
    Milestone,
    UpdateProposal,
)
from .services import action_search_refresh


class AgencyAliasInline(admin.TabularInline):
    model = AgencyAlias
    extra = 0


class ActionLeadInline(admin.TabularInline):
    model = ActionLead
    extra = 0
    autocomplete_fields = ("agency",)


class MilestoneInline(admin.TabularInline):
    model = Milestone
    extra = 0
    autocomplete_fields = ("agency",)
    fields = ("position", "title", "due_on", "done_on", "agency")


@admin.register(Agency)
class AgencyAdmin(AuditedModelAdmin):
    list_display = ("short_name", "name", "parent", "alias_list")
    list_filter = (("parent", admin.RelatedOnlyFieldListFilter),)
    search_fields = ("short_name", "name", "aliases__name")
    list_select_related = ("parent",)
    prepopulated_fields = {"slug": ("short_name",)}
    filter_horizontal = ("members",)
    inlines = [AgencyAliasInline]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("aliases")

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # An agency's names are searched with the actions it leads.
        action_search_refresh(actions=Action.objects.filter(leads__agency=form.instance))

    @admin.display(description="also written")
    def alias_list(self, obj):
        return ", ".join(alias.name for alias in obj.aliases.all())


@admin.register(AgencyAlias)
class AgencyAliasAdmin(AuditedModelAdmin):
    list_display = ("name", "agency")
    search_fields = ("name", "agency__short_name", "agency__name")
    list_select_related = ("agency",)
    autocomplete_fields = ("agency",)


@admin.register(Action)
class ActionAdmin(AuditedModelAdmin):
    list_display = (
        "action",
        "priority",
        "position",
        "lead_text",
        "timescale",
        "progress_status",
        "internal",
        "update_changed_at",
    )
    list_filter = (
        "priority__year",
        "priority__number",
        ("lead_agencies", admin.RelatedOnlyFieldListFilter),
        "progress_status",
        "internal",
    )
    search_fields = ("action", "lead_text", "target", "timescale", "update")
    list_select_related = ("priority__year",)
    autocomplete_fields = ("initiative",)
    # Updates and statuses are edited on the site, which keeps their history and refuses
    # an edit made over someone else's; here they are read only.
    readonly_fields = ("update", "progress_status", "update_changed_at", "update_changed_by")
    inlines = [ActionLeadInline, MilestoneInline]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)  # the leads, inline
        action_search_refresh(actions=Action.objects.filter(pk=form.instance.pk))


@admin.register(ActionLead)
class ActionLeadAdmin(AuditedModelAdmin):
    list_display = ("action", "written_as", "agency", "position")
    list_filter = (("agency", admin.RelatedOnlyFieldListFilter),)
    search_fields = ("written_as", "agency__short_name", "action__action")
    list_select_related = ("action", "agency")
    autocomplete_fields = ("agency", "action")

    # The agencies leading an action are searched with it: each action a save or a delete
    # here touched (a lead moved to another action touches both) is brought up to date.
    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        touched = {form.instance.action_id, form.initial.get("action")}
        action_search_refresh(actions=Action.objects.filter(pk__in=touched - {None}))

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        action_search_refresh(actions=Action.objects.filter(pk=obj.action_id))

    def delete_queryset(self, request, queryset):
        touched = set(queryset.values_list("action_id", flat=True))
        super().delete_queryset(request, queryset)
        action_search_refresh(actions=Action.objects.filter(pk__in=touched))


@admin.register(Milestone)
class MilestoneAdmin(AuditedModelAdmin):
    list_display = ("title", "action", "due_on", "done_on", "agency")
    list_filter = ("action__priority__year", ("agency", admin.RelatedOnlyFieldListFilter))
    search_fields = ("title", "action__action")
    list_select_related = ("action", "agency")
    autocomplete_fields = ("action", "agency")
    date_hierarchy = "due_on"


@admin.register(Initiative)
class InitiativeAdmin(AuditedModelAdmin):
    list_display = ("name",)
    search_fields = ("name",)


@admin.register(ActionUpdate)
class ActionUpdateAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Read only: each entry is written by the edit that made it."""

    list_display = ("created_at", "author_name", "action", "version")
    list_filter = ("action__priority__year",)
    search_fields = ("author_name", "action__action")
    list_select_related = ("action",)
    date_hierarchy = "created_at"


@admin.register(UpdateProposal)
class UpdateProposalAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Read only: partners propose updates on the site, and coordinators decide there."""

    list_display = ("created_at", "author_name", "action", "state", "reviewer_name")
    list_filter = ("state", "action__priority__year")
    search_fields = ("author_name", "action__action")
    list_select_related = ("action",)
    date_hierarchy = "created_at"
