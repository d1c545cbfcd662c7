from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _sync_roles(sender, **kwargs):
    from django.contrib.auth.models import Group, Permission

    from csp_tracker.roles import roles_sync

    roles_sync(group_model=Group, permission_model=Permission)


class CspTrackerConfig(AppConfig):
    name = "csp_tracker"
    verbose_name = "CSP Tracker"

    def ready(self):
        # After every migrate, once Django has created the permissions of any new model,
        # bring the role groups in line with csp_tracker.roles.
        post_migrate.connect(_sync_roles, sender=self, dispatch_uid="csp_tracker_roles")
