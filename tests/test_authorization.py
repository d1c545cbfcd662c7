"""Every URL, for every role, by GET and by POST: the answer is the one written here.

A URL added without an entry in EXPECTED fails test_every_url_has_an_entry, so nobody
adds a page without saying who may see it.
"""

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from actions.models import Action, Agency, Initiative
from stats.models import CrimeCategory, StatisticsSnapshot, Ward, WardImport

ROLES = ("anonymous", "councillor", "partner", "coordinator", "administrator")

# Each role's (GET, POST) status, in the order of ROLES.
PUBLIC = [(200, 405)] * 5
STAFF_ONLY = [(302, 302), (403, 403), (403, 403), (200, 200), (200, 200)]
COORDINATOR_PAGE = [(302, 302), (403, 403), (403, 403), (200, 405), (200, 405)]
SIGNED_IN = [(302, 302), (200, 200), (200, 200), (200, 200), (200, 200)]
SIGNED_IN_PAGE = [(302, 302), (200, 405), (200, 405), (200, 405), (200, 405)]
ANYONE_FORM = [(200, 200)] * 5
ANYONE_PAGE = [(200, 405)] * 5
WARD_FIGURES = [(302, 302), (200, 405), (200, 405), (200, 405), (200, 405)]
PARTNER_PAGE = [(302, 302), (403, 403), (200, 405), (403, 403), (200, 405)]
ADMIN_PAGE = [(302, 302), (403, 403), (403, 403), (403, 403), (200, 405)]

# URL name: (how to build its arguments, expected answers). The police row is one the
# partner's agency (Herts Police) leads.
EXPECTED = {
    "reports:home": (None, PUBLIC),
    "reports:year_detail": ("year", PUBLIC),
    "actions:priority_detail": ("priority", PUBLIC),
    "actions:year_actions": ("year", PUBLIC),
    "reports:year_report": ("year", PUBLIC),
    "reports:year_start": (None, STAFF_ONLY),
    "reports:year_import": (
        None,
        [(302, 302), (403, 403), (403, 403), (403, 403), (200, 200)],
    ),
    "reports:year_report_pdf": ("year", PUBLIC),
    "reports:report_publish": (
        "year",
        [(405, 403), (405, 403), (405, 403), (405, 302), (405, 302)],
    ),
    "reports:year_reopen": (
        "year",
        [(405, 403), (405, 403), (405, 403), (405, 302), (405, 302)],
    ),
    "reports:published_report_list": (None, PUBLIC),
    "reports:published_report_detail": ("published", PUBLIC),
    "reports:published_report_pdf": ("published", PUBLIC),
    "opendata:index": (None, PUBLIC),
    "opendata:file": ("open_data", PUBLIC),
    # Search: public, as the actions it finds are (tests/search/ checks what each sees).
    "search:results": (None, PUBLIC),
    "actions:action_detail": ("police_row", PUBLIC),
    "actions:action_edit": (
        "police_row",
        [(302, 302), (403, 403), (200, 200), (200, 200), (200, 200)],
    ),
    "actions:action_move": (
        "police_row_up",
        [(405, 302), (405, 403), (405, 403), (405, 302), (405, 302)],
    ),
    "actions:action_add": ("priority", STAFF_ONLY),
    # Milestones: those who may edit the action (its lead agency's partners, coordinators).
    "actions:milestone_add": (
        "police_row",
        [(302, 302), (403, 403), (200, 200), (200, 200), (200, 200)],
    ),
    "actions:milestone_edit": (
        "police_milestone",
        [(302, 302), (403, 403), (200, 200), (200, 200), (200, 200)],
    ),
    "actions:milestone_done": (
        "police_milestone",
        [(405, 302), (405, 403), (405, 302), (405, 302), (405, 302)],
    ),
    # A priority's indicators and their entered figures: coordinators (and administrators).
    "indicators:indicator_add": ("priority", STAFF_ONLY),
    "indicators:indicator_edit": ("indicator", STAFF_ONLY),
    "indicators:value_add": ("indicator", STAFF_ONLY),
    "indicators:value_edit": ("indicator_value", STAFF_ONLY),
    "actions:updates_due": (None, COORDINATOR_PAGE),
    # Partners' updates waiting for approval: the queue, and one update's review (a POST
    # with neither approval nor a comment returns the form with its error).
    "actions:pending_updates": (None, COORDINATOR_PAGE),
    "actions:pending_update_review": (
        "proposal",
        [(302, 302), (403, 403), (403, 403), (200, 400), (200, 400)],
    ),
    "actions:agency_list": (None, PUBLIC),
    "actions:agency_detail": ("agency", PUBLIC),
    "actions:initiative_detail": ("initiative", PUBLIC),
    "stats:county": (None, PUBLIC),
    # The county table worked out from police.uk: public; saving it, coordinators.
    "stats:county_computed": (None, PUBLIC),
    "stats:county_computed_save": (
        None,
        [(405, 403), (405, 403), (405, 403), (405, 302), (405, 302)],
    ),
    "stats:snapshot_detail": ("snapshot", PUBLIC),
    "stats:category_detail": ("category", PUBLIC),
    # Ward figures: councillors, partners, coordinators; imports: administrators.
    "stats:ward_list": (None, WARD_FIGURES),
    "stats:ward_set_wards": ("ward_set", WARD_FIGURES),
    "stats:ward_detail": ("ward", WARD_FIGURES),
    "stats:ward_months": ("ward", WARD_FIGURES),
    "stats:import_list": (None, ADMIN_PAGE),
    "stats:import_detail": ("ward_import", ADMIN_PAGE),
    "stats:import_create": (None, [(302, 302), (403, 403), (403, 403), (403, 403), (200, 200)]),
    # Reporting rounds: coordinators open, follow and close them; partners see what their
    # agency owes (an administrator, who may do anything, too). Closing asks first.
    "rounds:round_list": (None, COORDINATOR_PAGE),
    "rounds:my_rounds": (None, PARTNER_PAGE),
    "rounds:year_rounds": ("year", STAFF_ONLY),
    "rounds:round_detail": ("round", COORDINATOR_PAGE),
    "rounds:round_close": (
        "round",
        [(302, 302), (403, 403), (403, 403), (200, 302), (200, 302)],
    ),
    "rounds:round_mine": ("round", PARTNER_PAGE),
    # What changed in the report since the last round: public, as the report is.
    "rounds:report_changes": ("year", PUBLIC),
    "stats:import_lookup": (None, [(302, 302), (403, 403), (403, 403), (403, 403), (200, 200)]),
    "stats:import_populations": (
        None,
        [(302, 302), (403, 403), (403, 403), (403, 403), (200, 200)],
    ),
    "stats:import_district_populations": (
        None,
        [(302, 302), (403, 403), (403, 403), (403, 403), (200, 200)],
    ),
    "audit:audit_list": (None, COORDINATOR_PAGE),
    "audit:audit_detail": ("audit_entry", COORDINATOR_PAGE),
    "login": (None, ANYONE_FORM),
    # Where signing in leads: a redirect to the page the role works from.
    "landing": (None, [(302, 405)] * 5),
    "manage": (None, COORDINATOR_PAGE),
    "logout": (None, [(405, 302)] * 5),
    "password_change": (None, SIGNED_IN),
    "password_change_done": (None, SIGNED_IN_PAGE),
    "password_reset": (None, ANYONE_FORM),
    "password_reset_done": (None, ANYONE_PAGE),
    "password_reset_confirm": ("reset_token", ANYONE_FORM),
    "password_reset_complete": (None, ANYONE_PAGE),
    # For load balancers: whether this server reaches its database.
    "healthz": (None, ANYONE_PAGE),
    # Django's admin checks staff status and model permissions in every one of its views;
    # its index stands for them here.
    "admin:index": (None, [(302, 302), (302, 302), (302, 302), (302, 302), (200, 200)]),
}


def url_names(patterns=None, namespace=""):
    """Every named URL of the site, `namespace:name`; the admin's only as `admin:*`."""
    names = set()
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            if inner == "admin:":
                names.add("admin:*")
                continue
            names |= url_names(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.add(f"{namespace}{pattern.name}")
    return names


def test_every_url_has_an_entry():
    names = {name for name in url_names() if name != "admin:*"}
    assert names - set(EXPECTED) == set(), "add these URLs to EXPECTED"
    assert set(EXPECTED) - names - {"admin:index"} == set(), "these URLs no longer exist"


def arguments(kind, report, cast):
    police_row = Action.objects.get(priority__number=1, position=2)
    if kind is None:
        return {}
    if kind == "year":
        return {"year": report.slug}
    if kind == "priority":
        return {"year": report.slug, "number": 3}
    if kind == "police_row":
        return {"pk": police_row.pk}
    if kind == "police_milestone":
        from actions.models import Milestone

        milestone = Milestone.objects.create(
            action=police_row, position=1, title="Leaflets delivered", due_on="2012-01-31"
        )
        return {"pk": milestone.pk}
    if kind in ("indicator", "indicator_value"):
        from indicators.models import Indicator, IndicatorValue

        indicator = Indicator.objects.create(
            priority=report.priorities.get(number=3),
            position=1,
            name="Young people reached",
            kind=Indicator.Kind.MANUAL,
            baseline_start="2011-04-01",
            baseline_end="2011-06-01",
            target_value=200,
        )
        found = {"year": report.slug, "number": 3, "pk": indicator.pk}
        if kind == "indicator_value":
            value = IndicatorValue.objects.create(
                indicator=indicator,
                period_start="2011-04-01",
                period_end="2011-06-01",
                value=150,
                entered_at="2012-01-01T00:00Z",
            )
            found["value"] = value.pk
        return found
    if kind == "police_row_up":
        return {"pk": police_row.pk, "direction": "up"}
    if kind == "agency":
        return {"slug": Agency.objects.get(short_name="DBC").slug}
    if kind == "initiative":
        return {"pk": Initiative.objects.first().pk}
    if kind == "snapshot":
        return {"pk": StatisticsSnapshot.objects.get().pk}
    if kind == "category":
        return {"slug": CrimeCategory.objects.first().slug}
    if kind == "audit_entry":
        from audit.models import AuditEntry
        from audit.services import audit_record

        entry = audit_record(user=cast.coordinator, kind=AuditEntry.Kind.CHANGED, obj=police_row)
        return {"pk": entry.pk}
    if kind == "proposal":
        from actions.models import UpdateProposal

        proposal = UpdateProposal.objects.create(
            action=police_row,
            update="Proposed",
            author=cast.partner,
            author_name="Partner",
            based_on=police_row.version,
        )
        return {"pk": proposal.pk}
    if kind == "published":
        from reports.services import report_publish

        return {"pk": report_publish(year=report, user=cast.coordinator).pk}
    if kind == "round":
        from rounds.services import round_open

        opened = round_open(
            year=report, label="Q3 2011/12", deadline=report.starts_on, user=cast.coordinator
        )
        return {"pk": opened.pk}
    if kind == "open_data":
        return {"dataset": "actions", "format": "csv"}
    if kind in ("ward_set", "ward"):
        ward = Ward.objects.select_related("ward_set").order_by("name").first()
        return {"ward_set": ward.ward_set.slug, **({"ward": ward.slug} if kind == "ward" else {})}
    if kind == "ward_import":
        return {"pk": WardImport.objects.first().pk}
    if kind == "reset_token":
        return {"uidb64": "MQ", "token": "not-a-real-token"}
    raise AssertionError(kind)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_role_gets_the_expected_answer(name, report, cast, ward_figures):
    kind, answers = EXPECTED[name]
    url = reverse(name, kwargs=arguments(kind, report, cast))
    got = []
    for role in ROLES:
        client = Client()
        if getattr(cast, role):
            client.force_login(getattr(cast, role))
        get = client.get(url).status_code
        post = client.post(url).status_code
        got.append((get, post))
    assert dict(zip(ROLES, got, strict=True)) == dict(zip(ROLES, answers, strict=True))
