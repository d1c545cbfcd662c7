from django.contrib.auth.models import Group

from accounts.roles import ROLE_PERMISSIONS


def perms(role):
    group = Group.objects.get(name=role)
    return {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.all()}


def test_the_migration_creates_each_role_with_its_permissions(db):
    for role, expected in ROLE_PERMISSIONS.items():
        if role != "Administrator":
            existing = set(expected) & perms("Administrator")
            assert perms(role) == existing, role
    assert "actions.change_action" in perms("Coordinator")
    assert "actions.change_action" not in perms("Partner")
    assert "actions.post_update_own_agency" in perms("Partner")
    assert "auth.change_user" in perms("Administrator")


def test_the_administrator_role_holds_every_permission(db):
    from django.contrib.auth.models import Permission

    assert perms("Administrator") == {
        f"{p.content_type.app_label}.{p.codename}" for p in Permission.objects.all()
    }
