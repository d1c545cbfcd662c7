"""The partnership's roles: Django groups and the permissions each one holds.

A migration creates the groups; after every `migrate` the groups are brought back in
line with this table (permissions of models added since are granted then).
"""

COORDINATOR = "Coordinator"
PARTNER = "Partner"
COUNCILLOR = "Councillor"
ADMINISTRATOR = "Administrator"
DEMO_GROUP = "Demo accounts"

# "app_label.codename". Administrator holds every permission there is.
ROLE_PERMISSIONS: dict[str, list[str]] = {
    COORDINATOR: [
        "actions.add_action",
        "actions.change_action",
        "actions.view_action",
        "actions.view_agency",
        "audit.view_auditentry",
        "reports.add_publishedreport",
        "priorities.add_reportingyear",
        "priorities.change_priority",
        "priorities.reopen_year",
        "rounds.add_reportinground",
        "rounds.change_reportinground",
        "rounds.view_reportinground",
        "stats.add_statisticssnapshot",
        "stats.view_ward",
    ],
    PARTNER: [
        "actions.post_update_own_agency",
        "stats.view_ward",
    ],
    COUNCILLOR: [
        "stats.view_ward",
    ],
    ADMINISTRATOR: [],
}
ROLES = list(ROLE_PERMISSIONS)


def roles_sync(*, group_model, permission_model) -> None:
    """Create the role groups and set each one's permissions to those in the table.

    Takes the models so that a migration can pass its historical ones. Permissions of
    models that do not exist yet are skipped: the next sync grants them.
    """
    for role, names in ROLE_PERMISSIONS.items():
        group, _ = group_model.objects.get_or_create(name=role)
        if role == ADMINISTRATOR:
            permissions = permission_model.objects.all()
        else:
            wanted = {tuple(name.split(".", 1)) for name in names}
            permissions = [
                permission
                for permission in permission_model.objects.select_related("content_type")
                if (permission.content_type.app_label, permission.codename) in wanted
            ]
        group.permissions.set(permissions)
    group_model.objects.get_or_create(name=DEMO_GROUP)
