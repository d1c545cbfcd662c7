"""Data built in code for tests. None of it is real, and none of it is shown to users."""

from django.db import connection

from actions.models import Action, ActionLead, Agency, AgencyAlias, Initiative
from actions.services import action_search_refresh
from priorities.models import Priority, ReportingYear


def year_make(*, label="2031/32", is_sample=True, **fields) -> ReportingYear:
    """A reporting year made up for a test, marked as sample data unless told otherwise."""
    start = int(label[:4])
    defaults = {
        "slug": label.replace("/", "-"),
        "starts_on": f"{start}-04-01",
        "ends_on": f"{start + 1}-03-31",
        "report_title": f"{label} TEST REPORT",
        "partnership": "TEST PARTNERSHIP",
        "source": "Generated in a test; not from any publication.",
        "is_sample": is_sample,
    }
    defaults.update(fields)
    return ReportingYear.objects.create(label=label, **defaults)


def report_multiply(year: ReportingYear, *, factor: int = 10) -> None:
    """Grow a year to `factor` times its actions and agencies, with made-up rows.

    New agencies include teams of an existing organisation and carry aliases; new
    actions are led by one existing and one new agency, and some are linked work.
    """
    priorities = list(Priority.objects.filter(year=year))
    agencies = list(Agency.objects.all())
    parent = agencies[0]
    new_agencies = Agency.objects.bulk_create(
        Agency(
            short_name=f"Generated agency {n}",
            name=f"Generated agency number {n}",
            slug=f"generated-agency-{n}",
            parent=parent if n % 5 == 0 else None,
        )
        for n in range(len(agencies) * (factor - 1))
    )
    AgencyAlias.objects.bulk_create(
        AgencyAlias(agency=agency, name=f"Gen. agency {n}")
        for n, agency in enumerate(new_agencies[::3])
    )
    initiatives = Initiative.objects.bulk_create(
        Initiative(name=f"Generated linked work {n}") for n in range(10)
    )
    actions = []
    for priority in priorities:
        existing = priority.actions.count()
        for n in range(existing * (factor - 1)):
            actions.append(
                Action(
                    priority=priority,
                    position=existing + n + 1,
                    action=f"Generated action {n} under priority {priority.number}",
                    lead_text="",
                    target="Generated target",
                    timescale="Ongoing",
                    update="Generated update",
                    initiative=initiatives[n % 10] if n % 4 == 0 else None,
                )
            )
    actions = Action.objects.bulk_create(actions)
    leads = []
    for n, action in enumerate(actions):
        old, new = agencies[n % len(agencies)], new_agencies[n % len(new_agencies)]
        action.lead_text = f"{old.short_name}/{new.short_name}"
        leads.append(ActionLead(action=action, agency=old, position=1, written_as=old.short_name))
        leads.append(ActionLead(action=action, agency=new, position=2, written_as=new.short_name))
    Action.objects.bulk_update(actions, ["lead_text"])
    ActionLead.objects.bulk_create(leads)
    action_search_refresh()  # as the site's own writes keep the search column (PostgreSQL)
    statistics_refresh([Agency, AgencyAlias, Initiative, Action, ActionLead])


def statistics_refresh(models) -> None:
    """On PostgreSQL, bring the planner's statistics of the tables up to date, as
    autovacuum does in production once a table has grown. A test's rows are not committed,
    so autovacuum never sees them: without this, the plans are made for the tables as an
    earlier test left them (a few rows), and a page of ten times the data can take minutes
    in a suite that takes seconds alone (ANALYZE samples the transaction's own rows)."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for model in models:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")


def agency_make(short_name: str, *, name: str = "", parent: Agency | None = None) -> Agency:
    """A made-up lead agency (a team of `parent` if given)."""
    return Agency.objects.create(
        short_name=short_name,
        name=name or short_name,
        slug=short_name.lower().replace(" ", "-"),
        parent=parent,
    )


def priority_make(year: ReportingYear, number: int, title: str = "") -> Priority:
    """A made-up priority of the year."""
    title = title or f"Test priority {number}"
    return Priority.objects.create(
        year=year, number=number, title=title, published_title=title.upper()
    )


def action_make(priority: Priority, *, leads: tuple[Agency, ...] = (), **fields) -> Action:
    """A made-up action at the end of the priority's table, led by `leads` in order; its
    published lead text is their short names. Any field may be given."""
    defaults = {
        "position": priority.actions.count() + 1,
        "action": "Test action",
        "lead_text": "/".join(agency.short_name for agency in leads),
        "target": "Test target",
        "timescale": "Ongoing",
        "update": "Test update",
    }
    action = Action.objects.create(priority=priority, **{**defaults, **fields})
    ActionLead.objects.bulk_create(
        ActionLead(action=action, agency=agency, position=n, written_as=agency.short_name)
        for n, agency in enumerate(leads, start=1)
    )
    action_search_refresh(actions=Action.objects.filter(pk=action.pk))
    return action
