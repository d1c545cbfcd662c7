"""Milestones under an action: the rules the database keeps, who may add, edit, mark done
and remove them, the overdue rule, and where overdue actions show."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from django.utils import timezone

from actions.models import Action, ActionUpdate, Agency, Milestone
from audit.models import AuditEntry

DAY = datetime.timedelta(days=1)


def police_row() -> Action:
    """Priority 1, row 2 of 2011/12: Herts Police (the partner's agency) leads it."""
    return Action.objects.get(priority__number=1, position=2)


def other_row() -> Action:
    """A row that Herts Police does not lead."""
    return Action.objects.exclude(leads__agency__short_name="Herts Police").order_by("pk")[0]


def milestone_make(action: Action, *, days: int = 10, done: bool = False, **fields) -> Milestone:
    """A milestone due `days` from today (negative: in the past), done today if `done`."""
    today = timezone.localdate()
    position = (max((m.position for m in action.milestones.all()), default=0)) + 1
    fields.setdefault("title", f"Step {position}")
    return Milestone.objects.create(
        action=action,
        position=position,
        due_on=today + days * DAY,
        done_on=today if done else None,
        **fields,
    )


# The database's rules.


def test_two_milestones_of_an_action_cannot_share_a_position(report):
    action = police_row()
    milestone_make(action)
    with pytest.raises(IntegrityError), transaction.atomic():
        Milestone.objects.create(action=action, position=1, title="Again", due_on="2012-01-01")


def test_a_milestone_position_starts_at_one(report):
    with pytest.raises(IntegrityError), transaction.atomic():
        Milestone.objects.create(action=police_row(), position=0, title="Zero", due_on="2012-01-01")


def test_a_milestone_title_is_never_empty(report):
    with pytest.raises(IntegrityError), transaction.atomic():
        Milestone.objects.create(action=police_row(), position=1, title="", due_on="2012-01-01")


def test_an_agency_responsible_for_a_milestone_cannot_be_deleted(report):
    agency = Agency.objects.create(short_name="Lonely", name="Lonely agency", slug="lonely")
    milestone_make(police_row(), agency=agency)
    with pytest.raises(ProtectedError):
        agency.delete()


def test_a_milestone_cannot_be_done_on_a_day_to_come(report):
    milestone = milestone_make(police_row())
    milestone.done_on = timezone.localdate() + DAY
    with pytest.raises(ValidationError, match="day to come"):
        milestone.full_clean()


def test_removing_an_action_removes_its_milestones(report):
    action = police_row()
    milestone_make(action)
    action.delete()
    assert not Milestone.objects.exists()


# The overdue rule.


@pytest.mark.parametrize(
    ("days", "done", "overdue"),
    [(-1, False, True), (-1, True, False), (0, False, False), (5, False, False)],
    ids=["due-yesterday-not-done", "due-yesterday-done", "due-today", "due-later"],
)
def test_an_action_is_overdue_when_a_milestone_is_past_its_date_and_not_done(
    report, days, done, overdue
):
    action = police_row()
    milestone_make(action, days=days, done=done)
    today = timezone.localdate()
    assert (action in Action.objects.overdue(today)) is overdue
    assert Action.objects.with_overdue(today).get(pk=action.pk).is_overdue is overdue
    assert Action.objects.overdue(today).count() == (1 if overdue else 0)


def test_an_action_with_two_late_milestones_is_overdue_once(report):
    action = police_row()
    milestone_make(action, days=-3)
    milestone_make(action, days=-2)
    assert list(Action.objects.overdue(timezone.localdate())) == [action]


# Who may change them, and how.


def add_url(action):
    return f"/actions/{action.pk}/milestones/add/"


def form_data(**fields):
    return {"title": "Leaflets delivered", "due_on": "2012-02-01", "done_on": "", "agency": ""} | (
        fields
    )


def test_anonymous_visitors_are_sent_to_sign_in_and_change_nothing(client, cast):
    action = police_row()
    milestone = milestone_make(action)
    assert client.get(add_url(action))["Location"].startswith("/accounts/login/")
    assert client.post(add_url(action), form_data()).status_code == 302
    assert client.post(f"/milestones/{milestone.pk}/done/").status_code == 302
    assert client.post(f"/milestones/{milestone.pk}/edit/", {"remove": "1", "version": "1"})
    assert list(Milestone.objects.values_list("title", "done_on")) == [("Step 1", None)]


def test_a_councillor_is_refused_every_change(client, cast):
    client.force_login(cast.councillor)
    action = police_row()
    milestone = milestone_make(action)
    assert client.get(add_url(action)).status_code == 403
    assert client.post(add_url(action), form_data()).status_code == 403
    assert client.get(f"/milestones/{milestone.pk}/edit/").status_code == 403
    assert client.post(f"/milestones/{milestone.pk}/done/").status_code == 403
    remove = client.post(f"/milestones/{milestone.pk}/edit/", {"remove": "1", "version": "1"})
    assert remove.status_code == 403
    assert list(Milestone.objects.values_list("title", "done_on")) == [("Step 1", None)]


def test_a_partner_adds_a_milestone_to_an_action_their_agency_leads(client, cast):
    client.force_login(cast.partner)
    action = police_row()
    police = Agency.objects.get(short_name="Herts Police")
    response = client.post(add_url(action), form_data(agency=police.pk))
    milestone = Milestone.objects.get()
    assert response["Location"] == f"/actions/{action.pk}/#milestone-{milestone.pk}"
    assert (milestone.action, milestone.position, milestone.agency) == (action, 1, police)
    assert milestone.due_on == datetime.date(2012, 2, 1)
    entry = ActionUpdate.objects.get(action=action)
    assert entry.author == cast.partner
    assert entry.changes == {
        "milestone": [None, "Leaflets delivered (due 2012-02-01, Herts Police)"]
    }
    audit = AuditEntry.objects.get(object_id=str(milestone.pk), kind="created")
    assert audit.changes["title"] == [None, "Leaflets delivered"]
    page = client.get(action.get_absolute_url()).content.decode()
    assert "Leaflets delivered" in page
    assert "Milestone" in page  # the history names it


def test_a_second_milestone_goes_after_the_first(client, cast):
    client.force_login(cast.coordinator)
    action = police_row()
    client.post(add_url(action), form_data(title="First"))
    client.post(add_url(action), form_data(title="Second"))
    assert list(action.milestones.values_list("title", "position")) == [
        ("First", 1),
        ("Second", 2),
    ]


def test_a_partner_may_not_add_a_milestone_to_another_agencys_action(client, cast):
    client.force_login(cast.partner)
    assert client.post(add_url(other_row()), form_data()).status_code == 403
    assert not Milestone.objects.exists()


def test_a_milestone_needs_a_title_and_a_due_date(client, cast):
    client.force_login(cast.coordinator)
    response = client.post(add_url(police_row()), form_data(title="  ", due_on="soon"))
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"title", "due_on"}
    assert not Milestone.objects.exists()


def test_a_coordinator_edits_a_milestone(client, cast):
    client.force_login(cast.coordinator)
    action = police_row()
    milestone = milestone_make(action, title="Old title")
    response = client.post(
        f"/milestones/{milestone.pk}/edit/",
        form_data(title="New title", due_on="2012-03-01", version=milestone.version),
    )
    assert response.status_code == 302
    milestone.refresh_from_db()
    assert (milestone.title, milestone.due_on, milestone.version) == (
        "New title",
        datetime.date(2012, 3, 1),
        2,
    )
    entry = ActionUpdate.objects.get(action=action)
    assert entry.changes["milestone"][1] == "New title (due 2012-03-01)"
    assert AuditEntry.objects.filter(object_id=str(milestone.pk), kind="changed").exists()


def test_an_edit_made_after_someone_elses_save_is_refused(client, cast):
    client.force_login(cast.coordinator)
    milestone = milestone_make(police_row(), title="Theirs")
    Milestone.objects.filter(pk=milestone.pk).update(title="Saved meanwhile", version=2)
    response = client.post(f"/milestones/{milestone.pk}/edit/", form_data(title="Mine", version=1))
    assert response.status_code == 409
    assert "nothing was saved" in response.content.decode()
    assert response.context["form"]["title"].value() == "Saved meanwhile"
    assert Milestone.objects.get().title == "Saved meanwhile"


def test_marking_a_milestone_done_sets_today_once(client, cast):
    client.force_login(cast.partner)
    action = police_row()
    milestone = milestone_make(action, days=-1)
    assert action in Action.objects.overdue(timezone.localdate())
    response = client.post(f"/milestones/{milestone.pk}/done/")
    assert response.status_code == 302
    milestone.refresh_from_db()
    assert milestone.done_on == timezone.localdate()
    assert action not in Action.objects.overdue(timezone.localdate())
    client.post(f"/milestones/{milestone.pk}/done/")  # again: nothing more to record
    assert ActionUpdate.objects.filter(action=action).count() == 1


def test_marking_done_answers_only_to_post(client, cast):
    client.force_login(cast.coordinator)
    milestone = milestone_make(police_row())
    assert client.get(f"/milestones/{milestone.pk}/done/").status_code == 405
    assert Milestone.objects.get().done_on is None


def test_a_partner_removes_a_milestone(client, cast):
    client.force_login(cast.partner)
    action = police_row()
    milestone = milestone_make(action, title="Going")
    response = client.post(
        f"/milestones/{milestone.pk}/edit/", {"remove": "1", "version": str(milestone.version)}
    )
    assert response["Location"] == f"/actions/{action.pk}/#milestones"
    assert not Milestone.objects.exists()
    assert ActionUpdate.objects.get(action=action).changes["milestone"][1] is None
    assert AuditEntry.objects.filter(object_id=str(milestone.pk), kind="deleted").exists()


def test_a_removal_after_someone_elses_save_is_refused(client, cast):
    client.force_login(cast.coordinator)
    milestone = milestone_make(police_row())
    Milestone.objects.filter(pk=milestone.pk).update(version=2)
    response = client.post(f"/milestones/{milestone.pk}/edit/", {"remove": "1", "version": "1"})
    assert response.status_code == 409
    assert Milestone.objects.filter(pk=milestone.pk).exists()


def test_a_milestone_change_makes_an_open_edit_of_the_action_stale(client, cast):
    client.force_login(cast.coordinator)
    action = police_row()
    milestone_make(action)
    version = action.version
    client.post(add_url(action), form_data())
    action.refresh_from_db()
    assert action.version == version + 1


# The action's page.


def test_the_action_page_lists_milestones_and_marks_the_late_one(client, cast):
    action = police_row()
    milestone_make(action, title="Late step", days=-2)
    milestone_make(action, title="Done step", days=-5, done=True)
    milestone_make(action, title="Later step", days=30)
    page = client.get(action.get_absolute_url()).content.decode()
    assert page.index("Late step") < page.index("Done step") < page.index("Later step")
    assert page.count("govuk-tag--red app-overdue") == 1
    assert "/milestones/" not in page  # no edit or done links for visitors
    client.force_login(cast.partner)
    page = client.get(action.get_absolute_url()).content.decode()
    assert add_url(action) in page
    assert page.count("/done/") == 2  # the late and the later step, not the done one


# Where overdue actions show.


def test_the_year_overview_counts_and_lists_overdue_actions(client, cast):
    action = police_row()
    milestone_make(action, days=-4)
    milestone_make(other_row(), days=-1, done=True)
    response = client.get(cast.report.get_absolute_url())
    assert [a.pk for a in response.context["overview"].overdue] == [action.pk]
    assert response.context["overview"].overdue[0].overdue_since == (timezone.localdate() - 4 * DAY)
    page = response.content.decode()
    assert 'id="overview-overdue"' in page
    assert f'href="{action.get_absolute_url()}#milestones"' in page


def test_updates_due_shows_an_overdue_action_updated_today_marked_overdue(client, cast):
    action = police_row()
    Action.objects.filter(pk=action.pk).update(update_changed_at=timezone.now())
    milestone_make(action, days=-1)
    client.force_login(cast.coordinator)
    response = client.get("/updates-due/", {"days": "30"})
    rows = {row.record.pk: row for row in response.context["table"].rows}
    assert rows[action.pk].get_cell_value("overdue") == "Overdue"
    others = [row for pk, row in rows.items() if pk != action.pk]
    assert others
    assert all(row.get_cell_value("overdue") == "" for row in others)


def test_updates_due_leaves_out_an_action_updated_today_with_no_late_milestone(client, cast):
    action = police_row()
    Action.objects.filter(pk=action.pk).update(update_changed_at=timezone.now())
    milestone_make(action, days=0)
    client.force_login(cast.coordinator)
    response = client.get("/updates-due/", {"days": "30"})
    assert action.pk not in {row.record.pk for row in response.context["table"].rows}


def test_the_all_actions_table_shows_and_filters_overdue_actions(client, cast):
    action = police_row()
    milestone_make(action, days=-1)
    url = f"/years/{cast.report.slug}/actions/"
    every = client.get(url).context["table"]
    assert every.paginator.count == 37
    overdue = client.get(url, {"overdue": "yes"})
    rows = list(overdue.context["table"].rows)
    assert [row.record.pk for row in rows] == [action.pk]
    assert rows[0].get_cell_value("overdue") == "Overdue"
    html = overdue.content.decode()
    assert "Overdue only" in html
    assert html.count("govuk-tag--red app-overdue") == 1  # beside the row's progress status
    download = client.get(url, {"overdue": "yes", "_export": "csv"}).content.decode("utf-8-sig")
    assert "Overdue" in download.splitlines()[0]
    assert len(download.strip().splitlines()) == 2


def test_the_all_actions_table_sorts_overdue_actions_first(client, cast):
    action = police_row()
    milestone_make(action, days=-1)
    response = client.get(f"/years/{cast.report.slug}/actions/", {"sort": "overdue"})
    assert next(iter(response.context["table"].rows)).record.pk == action.pk


def test_the_published_timescale_stays_as_it_was(client, cast):
    action = police_row()
    timescale = action.timescale
    milestone_make(action, days=-1)
    client.force_login(cast.coordinator)
    milestone = Milestone.objects.get()
    client.post(f"/milestones/{milestone.pk}/done/")
    action.refresh_from_db()
    assert action.timescale == timescale
