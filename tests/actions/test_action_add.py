from html import unescape

from django.utils import timezone

from actions.models import Action
from audit.models import AuditEntry

URL = "/years/2011-12/priorities/4/add-action/"
NEW = {
    "action": "Run a needle exchange awareness week",
    "lead_text": "Druglink/herts fire & rescue",
    "target": "Reach 200 people",
    "timescale": "Autumn 2012",
    "update": "",
    "progress_status": "not_started",
}


def test_a_coordinator_adds_a_row_at_the_end_with_its_leads_resolved(client, cast):
    client.force_login(cast.coordinator)
    response = client.post(URL, NEW)
    assert response.status_code == 302
    action = Action.objects.get(action=NEW["action"])
    assert action.position == 4
    assert action.priority.number == 4
    assert [lead.agency.short_name for lead in action.leads.order_by("position")] == [
        "Druglink",
        "HFRS",
    ]
    assert [lead.written_as for lead in action.leads.order_by("position")] == [
        "Druglink",
        "herts fire & rescue",
    ]
    assert AuditEntry.objects.filter(object_id=str(action.pk), kind="created").exists()


def test_an_unknown_agency_is_named_and_a_close_one_suggested(client, cast):
    client.force_login(cast.coordinator)
    response = client.post(URL, {**NEW, "lead_text": "Druglink/Herts Polise"})
    assert response.status_code == 200
    html = unescape(response.content.decode())
    assert "“Herts Polise” is not a known lead agency. Did you mean Herts Police?" in html
    assert not Action.objects.filter(action=NEW["action"]).exists()


def test_only_coordinators_add_actions(client, cast):
    client.force_login(cast.partner)
    assert client.get(URL).status_code == 403
    assert client.post(URL, NEW).status_code == 403
    assert not Action.objects.filter(action=NEW["action"]).exists()


def test_the_priority_page_links_to_the_form_for_coordinators_only(client, cast):
    client.force_login(cast.coordinator)
    assert URL in client.get("/years/2011-12/priorities/4/").content.decode()
    client.force_login(cast.partner)
    assert URL not in client.get("/years/2011-12/priorities/4/").content.decode()


def test_an_added_action_has_its_addition_in_its_history(client, cast):
    client.force_login(cast.coordinator)
    client.post(URL, {**NEW, "progress_status": ""})
    action = Action.objects.get(action=NEW["action"])
    (entry,) = action.history.all()
    assert entry.is_creation
    assert entry.author == cast.coordinator
    assert entry.changes["target"] == [None, "Reach 200 people"]
    assert str(entry) == f"Coordinator added “{NEW['action']}”"
    html = unescape(client.get(action.get_absolute_url()).content.decode())
    when = timezone.localtime(entry.created_at)
    assert f"Added by Coordinator on {when:%-d %B %Y, %H:%M}" in html
    assert f"None yet: added on {when:%-d %B %Y}" in html
    assert "No edits since" not in html
    # The public see the partnership's credit, never a name.
    client.logout()
    html = unescape(client.get(action.get_absolute_url()).content.decode())
    assert "Added by the partnership on" in html
    assert "Coordinator" not in html


def test_the_first_edit_follows_the_addition_in_the_history(client, cast):
    client.force_login(cast.coordinator)
    client.post(URL, NEW)
    action = Action.objects.get(action=NEW["action"])
    client.post(
        f"/actions/{action.pk}/edit/",
        {
            "version": action.version,
            "update": "Started",
            "progress_status": "green",
            "target": action.target,
            "timescale": action.timescale,
        },
    )
    assert [entry.is_creation for entry in action.history.all()] == [False, True]
