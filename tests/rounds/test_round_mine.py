import pytest

from actions.models import Action, Agency
from tests.rounds.helpers import open_round, police_rows, post_update


def test_a_partner_sees_only_their_agencys_actions_not_updated_since_the_round_opened(client, cast):
    complete, updated_before, updated_during, *others = police_rows()
    post_update(complete, cast.coordinator, progress_status="complete")
    post_update(
        updated_before, cast.coordinator, update="Before the round", progress_status="green"
    )
    reporting_round = open_round(cast)
    post_update(updated_during, cast.partner, update="During the round", progress_status="green")
    apgs_row = Action.objects.led_by(Agency.objects.get(short_name="DBC APGs")).get()
    post_update(apgs_row, cast.coordinator, update="Groups met")
    client.force_login(cast.partner)

    response = client.get(f"/rounds/{reporting_round.pk}/mine/")

    owed = {action.pk for action in response.context["table"].data}
    # 22 police rows: one complete before the round (not asked for), one updated in it.
    assert len(owed) == 20
    assert owed == {updated_before.pk, *(action.pk for action in others)}
    assert apgs_row.pk not in owed
    assert response.context["done"] == 1
    page = response.content.decode()
    assert "20 actions still owed" in page
    assert "1 of your agency's action has been updated already" in page
    assert f"/actions/{updated_before.pk}/edit/" in page


def test_an_update_posted_in_the_round_takes_the_action_off_the_list(client, cast):
    reporting_round = open_round(cast)
    first, *_ = police_rows()
    client.force_login(cast.partner)
    assert client.get(f"/rounds/{reporting_round.pk}/mine/").context["table"].paginator.count == 22

    post_update(first, cast.partner, update="Done this quarter")

    response = client.get(f"/rounds/{reporting_round.pk}/mine/")
    assert response.context["table"].paginator.count == 21
    assert first.pk not in {action.pk for action in response.context["table"].data}


def test_someone_of_no_agency_is_told_they_owe_nothing(client, cast):
    reporting_round = open_round(cast)
    client.force_login(cast.administrator)
    response = client.get(f"/rounds/{reporting_round.pk}/mine/")
    assert response.status_code == 200
    assert "not a member of a lead agency" in response.content.decode()


def test_a_partner_finds_the_open_rounds_from_the_header(client, cast):
    reporting_round = open_round(cast)
    client.force_login(cast.partner)
    home = client.get("/").content.decode()
    assert 'href="/rounds/mine/">Your updates</a>' in home

    page = client.get("/rounds/mine/").content.decode()

    assert f'href="/rounds/{reporting_round.pk}/mine/">Q3 2011/12</a>' in page
    assert "updates due by 13 January 2012" in page


def test_a_partner_is_told_when_no_round_is_open(client, cast):
    client.force_login(cast.partner)
    page = client.get("/rounds/mine/").content.decode()
    assert "No reporting round open now asks your agency for updates." in page


@pytest.mark.needs_approval
def test_an_update_waiting_for_approval_counts_as_done_in_the_round(client, cast):
    """With the partnership's approval on, the partner has done their part once their
    update is saved, pending: it is off their list and counted done for their agency; a
    returned one is owed again."""
    from actions.models import UpdateProposal
    from actions.services import proposal_return

    reporting_round = open_round(cast)
    first, *_ = police_rows()
    client.force_login(cast.partner)
    client.post(
        f"/actions/{first.pk}/edit/",
        {"version": first.version, "update": "Done, pending", "progress_status": ""},
    )
    proposal = UpdateProposal.objects.get(action=first)
    assert proposal.is_pending
    assert Action.objects.get(pk=first.pk).update != "Done, pending"  # not published yet
    response = client.get(f"/rounds/{reporting_round.pk}/mine/")
    assert response.context["table"].paginator.count == 21
    assert response.context["done"] == 1

    proposal_return(proposal=proposal, user=cast.coordinator, comment="Say which estates.")
    response = client.get(f"/rounds/{reporting_round.pk}/mine/")
    assert response.context["table"].paginator.count == 22
