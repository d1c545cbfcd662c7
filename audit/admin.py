"""The admin's share of the audit trail: every save and delete made there is recorded."""

from django.contrib import admin

from .models import AuditEntry
from .services import audit_record, audit_value

Kind = AuditEntry.Kind


def form_changes(form) -> dict:
    """{field: [before, after]} for what an admin form changed (secrets hidden)."""
    changes = {}
    for name in form.changed_data:
        if "password" in name:
            changes[name] = ["(hidden)", "(hidden)"]
        else:
            before = audit_value(form.initial.get(name))
            after = audit_value(form.cleaned_data.get(name))
            if isinstance(before, list) and before and not isinstance(after, list):
                after = [after]
            changes[name] = [before, after]
    return changes


class AuditedModelAdmin(admin.ModelAdmin):
    """A ModelAdmin whose saves and deletes, inlines included, go to the audit trail."""

    def save_related(self, request, form, formsets, change):
        # The last step of an admin save (many-to-many fields and inlines): record it now.
        super().save_related(request, form, formsets, change)
        audit_record(
            user=request.user,
            kind=Kind.CHANGED if change else Kind.CREATED,
            obj=form.instance,
            changes=form_changes(form),
            note="In the admin",
        )

    def save_formset(self, request, form, formset, change):
        super().save_formset(request, form, formset, change)
        for obj in formset.new_objects:
            audit_record(user=request.user, kind=Kind.CREATED, obj=obj, note="In the admin")
        for obj, _fields in formset.changed_objects:
            inline_form = next(f for f in formset.forms if f.instance.pk == obj.pk)
            audit_record(
                user=request.user,
                kind=Kind.CHANGED,
                obj=obj,
                changes=form_changes(inline_form),
                note="In the admin",
            )
        for obj in formset.deleted_objects:
            audit_record(user=request.user, kind=Kind.DELETED, obj=obj, note="In the admin")

    def delete_model(self, request, obj):
        audit_record(user=request.user, kind=Kind.DELETED, obj=obj, note="In the admin")
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            audit_record(user=request.user, kind=Kind.DELETED, obj=obj, note="In the admin")
        super().delete_queryset(request, queryset)


class ReadOnlyAdminMixin:
    """For records the software writes and nobody edits (the audit trail, the update
    history, published reports): the admin lists and shows them, nothing more."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """The audit trail is written by the software, never edited."""

    list_display = ("at", "username", "kind", "content_type", "object_repr", "note")
    list_filter = ("kind", "content_type")
    search_fields = ("object_repr", "username", "note")
    list_select_related = ("content_type",)
    date_hierarchy = "at"
