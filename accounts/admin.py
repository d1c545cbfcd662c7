"""Accounts in the admin: users and their roles (groups), every change audited."""

from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group, User

from audit.admin import AuditedModelAdmin
from audit.models import AuditEntry
from audit.services import audit_record

Kind = AuditEntry.Kind

admin.site.unregister(User)
admin.site.unregister(Group)


@admin.register(User)
class AuditedUserAdmin(AuditedModelAdmin, UserAdmin):
    list_display = ("username", "email", "first_name", "last_name", "role_list", "is_active")
    list_filter = ("groups", "is_active", "is_staff")

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("groups")

    @admin.display(description="roles")
    def role_list(self, obj):
        return ", ".join(group.name for group in obj.groups.all())

    def user_change_password(self, request, id, form_url=""):
        response = super().user_change_password(request, id, form_url)
        if request.method == "POST" and response.status_code == 302:
            user = self.get_object(request, id)
            audit_record(
                user=request.user,
                kind=Kind.CHANGED,
                obj=user,
                changes={"password": ["(hidden)", "(hidden)"]},
                note="Password set in the admin",
            )
        return response


@admin.register(Group)
class AuditedGroupAdmin(AuditedModelAdmin, GroupAdmin):
    pass
