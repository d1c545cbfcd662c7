from html import unescape

import pytest

from actions.models import Action, ActionUpdate
from audit.models import AuditEntry


def police_row():
    """Priority 1, row 2: Herts Police/DBC, the Halloween operation."""
    return Action.objects.get(priority__number=1, position=2)


def other_row():
    """Priority 1, row 1: led by DBC alone."""
    return Action.objects.get(priority__number=1, position=1)


def edit_url(action):
    return f"/actions/{action.pk}/edit/"


def post_edit(client, action, **data):
    return client.post(edit_url(action), {"version": action.version, **data})


@pytest.mark.parametrize(
    ("role", "own_row", "other"),
    [
        ("anonymous", 302, 302),
        ("councillor", 403, 403),
        ("partner", 200, 403),
        ("coordinator", 200, 200),
        ("administrator", 200, 200),
    ],
)
def test_who_may_open_the_edit_form(client, cast, role, own_row, other):
    if getattr(cast, role):
        client.force_login(getattr(cast, role))
    assert client.get(edit_url(police_row())).status_code == own_row
    assert client.get(edit_url(other_row())).status_code == other


def test_a_coordinator_edits_every_field_and_the_history_records_from_and_to(client, cast):
    client.force_login(cast.coordinator)
    action = other_row()
    response = post_edit(
        client,
        action,
        update="Worker left; post re-advertised",
        progress_status="amber",
        target="New target",
        timescale="By March 2013",
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert (action.update, action.progress_status) == ("Worker left; post re-advertised", "amber")
    assert (action.target, action.timescale) == ("New target", "By March 2013")
    assert action.version == 2
    assert action.update_changed_by == cast.coordinator
    entry = ActionUpdate.objects.get(action=action)
    assert entry.author == cast.coordinator
    assert entry.changes == {
        "update": ["Worker in post 1/3/12", "Worker left; post re-advertised"],
        "progress_status": ["", "amber"],
        "target": [
            "Worker to be in post by end of 2011/12 – Aim to reduce involvement of families "
            "with agencies",
            "New target",
        ],
        "timescale": ["Project is ongoing", "By March 2013"],
    }
    audit = AuditEntry.objects.get(object_id=str(action.pk), kind="changed")
    assert audit.user == cast.coordinator
    assert audit.changes == entry.changes


def test_the_action_page_shows_the_history_newest_first(client, cast):
    client.force_login(cast.coordinator)
    action = other_row()
    post_edit(
        client,
        action,
        update="First edit",
        progress_status="red",
        target=action.target,
        timescale=action.timescale,
    )
    action.refresh_from_db()
    post_edit(
        client,
        action,
        update="Second edit",
        progress_status="green",
        target=action.target,
        timescale=action.timescale,
    )
    html = unescape(client.get(action.get_absolute_url()).content.decode())
    assert (
        html.index("Second edit") < html.index("First edit") < html.index("Worker in post 1/3/12")
    )
    assert "Red" in html
    assert "Green" in html


@pytest.mark.usefixtures("partners_publish_directly")
def test_a_partner_posts_an_update_on_their_agencys_action(client, cast):
    client.force_login(cast.partner)
    action = police_row()
    response = post_edit(
        client, action, update="Op Halloween 2012 planned", progress_status="green"
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.update == "Op Halloween 2012 planned"
    assert action.update_changed_by == cast.partner


def test_a_partner_cannot_change_the_target_or_timescale(client, cast):
    client.force_login(cast.partner)
    action = police_row()
    form = client.get(edit_url(action)).context["form"]
    assert set(form.fields) - {"also", "shared_versions"} == {
        "version",
        "update",
        "progress_status",
        "internal_note",
    }
    post_edit(client, action, update="x", progress_status="", target="Changed", timescale="Now")
    action.refresh_from_db()
    assert action.target == "Reduce levels of ASB over this period"
    assert action.timescale == "Pre Halloween to November 5 th 2012"


def test_a_forged_post_by_a_partner_on_another_agencys_action_is_refused(client, cast):
    client.force_login(cast.partner)
    action = other_row()
    response = post_edit(client, action, update="Not mine to change", progress_status="red")
    assert response.status_code == 403
    action.refresh_from_db()
    assert action.update == "Worker in post 1/3/12"
    assert not ActionUpdate.objects.exists()


def test_a_partner_of_an_organisation_may_update_its_teams_actions(client, cast):
    dbc_cctv_row = Action.objects.get(priority__number=1, position=5)  # Herts Police/DBC CCTV
    dbc_apgs_row = Action.objects.get(priority__number=6, position=8)  # DBC APGs alone
    cast.partner.agencies.set([dbc_cctv_row.lead_agencies.get(short_name="DBC CCTV").parent])
    client.force_login(cast.partner)
    assert client.get(edit_url(dbc_apgs_row)).status_code == 200


@pytest.mark.usefixtures("partners_publish_directly")
def test_the_second_of_two_saves_from_the_same_version_is_refused_with_both_texts(client, cast):
    action = police_row()
    client.force_login(cast.coordinator)
    first = post_edit(
        client,
        action,
        update="Coordinator's text",
        progress_status="green",
        target=action.target,
        timescale=action.timescale,
    )
    assert first.status_code == 302

    client.force_login(cast.partner)
    second = post_edit(client, action, update="Partner's text", progress_status="amber")
    assert second.status_code == 409
    html = unescape(second.content.decode())
    assert "Your changes have not been saved" in html
    assert "Coordinator's text" in html
    assert "Partner's text" in html
    action.refresh_from_db()
    assert action.update == "Coordinator's text"
    assert action.version == 2
    assert ActionUpdate.objects.count() == 1
    # The merge form starts from the current version and holds the partner's own text.
    merge = second.context["form"]
    assert merge["version"].value() == 2
    assert merge["update"].value() == "Partner's text"

    third = client.post(
        edit_url(action), {"version": 2, "update": "Both texts", "progress_status": "green"}
    )
    assert third.status_code == 302
    action.refresh_from_db()
    assert (action.update, action.version) == ("Both texts", 3)


def test_a_save_that_changes_nothing_writes_no_history(client, cast):
    client.force_login(cast.partner)
    action = police_row()
    post_edit(client, action, update=action.update, progress_status="")
    action.refresh_from_db()
    assert action.version == 1
    assert not ActionUpdate.objects.exists()


def test_an_unknown_status_is_refused_with_a_message_and_nothing_saved(client, cast):
    client.force_login(cast.partner)
    action = police_row()
    response = post_edit(client, action, update="x", progress_status="purple")
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    action.refresh_from_db()
    assert action.version == 1


def test_update_text_with_html_is_shown_escaped(client, cast):
    client.force_login(cast.partner)
    action = police_row()
    post_edit(client, action, update="<script>alert('x')</script><b>bold</b>", progress_status="")
    for url in (action.get_absolute_url(), action.priority.get_absolute_url()):
        html = client.get(url).content.decode()
        assert "<script>alert" not in html
        assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;&lt;b&gt;bold&lt;/b&gt;" in html


@pytest.mark.usefixtures("partners_publish_directly")
def test_the_priority_table_shows_the_status_tag_and_update_date(client, cast):
    client.force_login(cast.partner)
    action = police_row()
    post_edit(client, action, update="Done", progress_status="complete")
    client.logout()
    html = client.get(action.priority.get_absolute_url()).content.decode()
    assert '<strong class="govuk-tag govuk-tag--blue">Complete</strong>' in html
    assert "by Herts Police" in html  # to the public, the partner's agency: not their name
    assert "As published" in html  # the other rows
    assert "Not recorded" in html
