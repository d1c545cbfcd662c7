"""The demo's accounts."""

from django.conf import settings
from django.contrib.auth.models import Group, User
from django.db import transaction

from actions.models import Agency
from audit.models import AuditEntry
from audit.services import audit_record

from .roles import ADMINISTRATOR, DEMO_GROUP

# The demo's accounts: user name, password, role, full name. DEBUG only (see
# demo_accounts_ensure); their passwords are printed by `make run` and listed in the README.
DEMO_ACCOUNTS = [
    ("coordinator", "Halloween-Marlowes-2011", "Coordinator", "Casey Coordinator"),
    ("partner", "Drive-Safely-Schools-2011", "Partner", "Pat Partner (Herts Police)"),
    ("councillor", "Ward-Figures-Boxmoor-2011", "Councillor", "Cllr Chris Councillor"),
    ("admin", "Tring-Castle-Admin-2011", "Administrator", "Alex Administrator"),
]
DEMO_PARTNER_AGENCY = "Herts Police"


class DemoAccountsRefused(Exception):
    pass


def demo_accounts_ensure() -> list[tuple[str, str, str]]:
    """Create the demo accounts, or reset their passwords and roles; DEBUG only.

    Returns (user name, password, role) for each. Members of the "Demo accounts" group
    cannot log in when DEBUG is off (accounts.backends), should this database ever
    be used in production.
    """
    if not settings.DEBUG:
        raise DemoAccountsRefused("Demo accounts are for the demo only, and DEBUG is off.")
    created = []
    with transaction.atomic():
        demo_group = Group.objects.get(name=DEMO_GROUP)
        for username, password, role, full_name in DEMO_ACCOUNTS:
            first, _, last = full_name.partition(" ")
            user, is_new = User.objects.get_or_create(
                username=username,
                defaults={
                    "first_name": first,
                    "last_name": last,
                    "email": f"{username}@example.invalid",
                },
            )
            if is_new or not user.check_password(password):
                user.set_password(password)
                user.is_staff = user.is_superuser = role == ADMINISTRATOR
                user.save()
                audit_record(
                    user=None,
                    kind=AuditEntry.Kind.CREATED if is_new else AuditEntry.Kind.CHANGED,
                    obj=user,
                    changes={"password": ["(hidden)", "(hidden)"]},
                    note="Demo account (DEBUG only)",
                )
            user.groups.set([Group.objects.get(name=role), demo_group])
            if role == "Partner":
                agency = Agency.objects.filter(short_name=DEMO_PARTNER_AGENCY).first()
                if agency:
                    agency.members.add(user)
            created.append((username, password, role))
    return created
