"""An update is due UPDATE_DUE_DAYS after the year starts or the action was added,
whichever is later, if it was never updated since; everywhere "due" is worked out."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from actions.models import Action, Agency
from actions.selectors import actions_due, update_cutoff, updates_due, year_actions_due
from priorities.models import ReportingYear
from reports.services import year_start
from tests.factories import action_make, priority_make, year_make


def ago(days: int) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(days=days)


def today_minus(days: int) -> str:
    return (timezone.localdate() - datetime.timedelta(days=days)).isoformat()


@pytest.fixture
def rows(cast):
    """After 2011/12 (loaded first: its fixture's ids would overwrite), a year started 40 days ago: a row as published, one added 5 days ago, one added 35
    days ago, and one added 5 days ago whose update is dated 35 days ago."""
    year = year_make(label="2031/32", starts_on=today_minus(40))
    police = Agency.objects.create(short_name="Acme Police", name="Acme Police", slug="acme")
    priority = priority_make(year, 1)
    return {
        "year": year,
        "police": police,
        "published": action_make(priority, leads=(police,), action="Published"),
        "new": action_make(priority, leads=(police,), action="New", created_at=ago(5)),
        "older": action_make(priority, leads=(police,), action="Older", created_at=ago(35)),
        "updated": action_make(
            priority,
            leads=(police,),
            action="Updated long ago",
            created_at=ago(5),
            update_changed_at=ago(35),
        ),
    }


def names(actions) -> set[str]:
    return {action.action for action in actions}


DUE = {"Published", "Older", "Updated long ago"}


def test_an_action_added_recently_is_not_due_and_one_added_long_ago_is(rows):
    assert names(actions_due(year=rows["year"], days=30)) == DUE
    assert names(year_actions_due(year=rows["year"], since=update_cutoff(days=30))) == DUE
    assert names(updates_due(year=rows["year"], days=30)[rows["police"]]) == DUE


def test_a_year_started_recently_has_nothing_due_until_its_days_have_passed(rows):
    ReportingYear.objects.filter(pk=rows["year"].pk).update(starts_on=today_minus(10))
    assert names(actions_due(year=rows["year"], days=30)) == {"Updated long ago"}
    assert names(actions_due(year=rows["year"], days=4)) == DUE | {"New"}


def test_the_updates_due_page_and_the_year_overview_apply_the_rule(client, rows, cast):
    client.force_login(cast.coordinator)
    shown = client.get("/updates-due/", {"days": "30"}).context["table"].rows
    assert names(row.record for row in shown) == DUE
    overview = client.get(rows["year"].get_absolute_url()).context["overview"]
    assert names(overview.due) == DUE


def test_reminders_leave_out_what_is_not_yet_due(rows, mailoutbox, settings):
    rows["police"].contact_email = "police@example.invalid"
    rows["police"].save()
    settings.SITE_URL = "https://csp.example.org"
    call_command("sendupdatereminders", days=30)
    police = [mail for mail in mailoutbox if mail.to == ["police@example.invalid"]]
    assert police[0].subject == "3 action updates due"
    assert "Older" in police[0].body
    assert "New" not in police[0].body


def test_a_new_years_actions_are_not_due_on_its_first_day(client, cast):
    later = year_start(from_year=cast.report, label="2012/13", user=cast.coordinator)
    # 2012/13 began long ago by the calendar, but its rows were carried forward today.
    assert Action.objects.filter(priority__year=later).count() == 37
    assert not actions_due(year=later, days=30).exists()
    assert updates_due(year=later, days=30) == {}
    assert not year_actions_due(year=later, since=update_cutoff(days=30)).exists()
    client.force_login(cast.coordinator)
    assert client.get("/updates-due/").context["table"].paginator.count == 0
    # The same rows in 2011/12 are due as ever.
    assert actions_due(year=cast.report, days=30).count() == 37


def test_an_action_added_on_the_page_is_not_due_at_once(client, cast):
    client.force_login(cast.coordinator)
    client.post(
        "/years/2011-12/priorities/4/add-action/",
        {
            "action": "A new row",
            "lead_text": "Druglink",
            "target": "Some target",
            "timescale": "Ongoing",
            "update": "",
            "progress_status": "",
        },
    )
    added = Action.objects.get(action="A new row")
    assert added.created_at is not None
    assert added not in actions_due(year=cast.report, days=30)
    assert added in actions_due(year=cast.report, days=0)
