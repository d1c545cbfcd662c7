"""Reads for a signed-in user: where their role starts, and the pages they manage."""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.urls import reverse

from priorities.models import ReportingYear

from .roles import ADMINISTRATOR, COORDINATOR

# Any one of these (or staff status) opens the Manage page and shows it in the header
# (templates/base.html says the same in its {% if %}).
MANAGE_PERMISSIONS = (
    "actions.change_action",
    "audit.view_auditentry",
    "priorities.add_reportingyear",
    "priorities.import_year",
    "stats.add_wardimport",
)


def may_manage(user) -> bool:
    return user.is_staff or any(user.has_perm(name) for name in MANAGE_PERMISSIONS)


def landing_url(user) -> str:
    """The page a user's role works from, for after signing in.

    An administrator: the Manage page. A coordinator: the newest year's overview (the
    home page). A partner: their agency's actions in the newest year, those longest
    without an update first. A councillor: the ward figures. Anyone else: the home page.
    """
    roles = set(user.groups.values_list("name", flat=True))
    if user.is_superuser or ADMINISTRATOR in roles:
        return reverse("manage")
    if COORDINATOR in roles:
        return reverse("reports:home")
    agency = user.agencies.order_by("short_name").first()
    if agency is not None:
        return partner_start_url(agency)
    if user.has_perm("stats.view_ward"):
        return reverse("stats:ward_list")
    return reverse("reports:home")


def partner_start_url(agency) -> str:
    """An agency's page, the newest year's actions only, longest without an update first."""
    query = {"sort": "update_date"}
    newest = ReportingYear.objects.newest()
    if newest is not None:
        query = {"year": newest.pk, **query}
    return f"{agency.get_absolute_url()}?{urlencode(query)}"


@dataclass(frozen=True)
class ManageLink:
    label: str
    href: str
    about: str


@dataclass(frozen=True)
class ManageSection:
    heading: str
    links: list[ManageLink]


# Heading, then for each page: label, URL name, what it is for, and who may use it (a
# permission, "staff", "signed in" or None for everyone).
MANAGE_PAGES = [
    (
        "The action plan",
        [
            (
                "Updates due",
                "actions:updates_due",
                "The newest year's actions without a recent update, by lead agency.",
                "actions.change_action",
            ),
            (
                "Updates waiting for approval",
                "actions:pending_updates",
                "Partners' updates to approve and publish, or return with a comment, oldest first.",
                "actions.change_action",
            ),
            (
                "Start a year",
                "reports:year_start",
                "Start the next reporting year, carrying forward the unfinished actions.",
                "priorities.add_reportingyear",
            ),
            (
                "Import a year's plan",
                "reports:year_import",
                "Upload a year's plan from a spreadsheet: a dry run first, then the import.",
                "priorities.import_year",
            ),
            (
                "Reporting rounds",
                "rounds:round_list",
                "Open a quarter's round of updates, follow completion by agency, close it and "
                "publish the report for the Responsible Authorities Group.",
                "rounds.view_reportinground",
            ),
            (
                "Published reports",
                "reports:published_report_list",
                "Each dated report published so far; publish a new one from a year's report.",
                None,
            ),
        ],
    ),
    (
        "Crime figures",
        [
            (
                "Ward figures",
                "stats:ward_list",
                "Recorded crime by ward and crime type, for councillors and partners.",
                "stats.view_ward",
            ),
            (
                "Ward imports",
                "stats:import_list",
                "Files of ward figures imported so far, and how each import went.",
                "stats.add_wardimport",
            ),
            (
                "Import ward figures",
                "stats:import_create",
                "Upload a file of ward figures from the police or the county.",
                "stats.add_wardimport",
            ),
            (
                "Import an LSOA-to-ward lookup",
                "stats:import_lookup",
                "Upload ONS's lookup that places police.uk's LSOAs in wards.",
                "stats.add_wardimport",
            ),
            (
                "Import ward populations",
                "stats:import_populations",
                "Upload the wards' populations, for crimes per 1,000 residents.",
                "stats.add_wardimport",
            ),
            (
                "Import district populations",
                "stats:import_district_populations",
                "Upload the populations of the force's districts, for the county comparison.",
                "stats.add_wardimport",
            ),
        ],
    ),
    (
        "Records and accounts",
        [
            (
                "Audit trail",
                "audit:audit_list",
                "Every change to the data and to accounts: who, when, before and after.",
                "audit.view_auditentry",
            ),
            (
                "Open data",
                "opendata:index",
                "The published plan and figures as CSV and JSON files for anyone to reuse.",
                None,
            ),
            (
                "Change your password",
                "password_change",
                "Choose a new password for your own account.",
                "signed in",
            ),
            (
                "Site administration",
                "admin:index",
                "Accounts and their roles, lead agencies, reference data: Django's admin.",
                "staff",
            ),
        ],
    ),
]


def may_use(user, who: str | None) -> bool:
    if who is None:
        return True
    if who == "signed in":
        return user.is_authenticated
    if who == "staff":
        return user.is_staff
    return user.has_perm(who)


def manage_sections(user) -> list[ManageSection]:
    """The Manage page's groups of links, each page only if the user may use it."""
    sections = []
    for heading, pages in MANAGE_PAGES:
        links = [
            ManageLink(label, reverse(name), about)
            for label, name, about, who in pages
            if may_use(user, who)
        ]
        if links:
            sections.append(ManageSection(heading, links))
    return sections
