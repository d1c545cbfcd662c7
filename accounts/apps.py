from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _sync_roles(sender, **kwargs):
    from django.contrib.auth.models import Group, Permission

    from accounts.roles import roles_sync

    roles_sync(group_model=Group, permission_model=Permission)


class AccountsConfig(AppConfig):
    """Accounts and roles: the role groups and their permissions, signing in (demo accounts
    refused with DEBUG off), password pages, and the demo's accounts."""

    name = "accounts"
    verbose_name = "Accounts"

    def ready(self):
        # After every migrate, once Django has created the permissions of any new model,
        # bring the role groups in line with accounts.roles.
        post_migrate.connect(_sync_roles, sender=self, dispatch_uid="accounts_roles")
