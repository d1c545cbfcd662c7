from django.conf import settings
from django.contrib.auth.backends import ModelBackend

from .roles import DEMO_GROUP


class RoleModelBackend(ModelBackend):
    """Django's model backend, except that demo accounts cannot sign in with DEBUG off.

    Demo accounts (`createdemoaccounts`, DEBUG only) have published passwords; should a
    demo database ever reach production, they still cannot be used there.
    """

    def user_can_authenticate(self, user):
        if not super().user_can_authenticate(user):
            return False
        return settings.DEBUG or not user.groups.filter(name=DEMO_GROUP).exists()
