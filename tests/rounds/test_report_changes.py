"""The report's page links to what changed since the year's last reporting round closed:
each update and status, before and after, for anyone; internal actions only for those
signed in."""

from django.test import Client

from actions.models import Action
from rounds.services import round_close
from tests.rounds.helpers import open_round, police_rows, post_update

URL = "/years/2011-12/report/changes/"


def test_the_report_links_to_its_changes(client, cast):
    assert f'href="{URL}"' in client.get("/years/2011-12/report/").content.decode()


def test_with_no_round_closed_there_is_nothing_to_compare_with(client, cast):
    open_round(cast)  # open, not closed
    page = client.get(URL).content.decode()
    assert "No reporting round of 2011/12 has closed yet" in page
    assert client.get(URL).context["changes"] is None


def test_the_changes_since_the_last_round_closed_before_and_after(client, cast):
    first, second, third, *_ = police_rows()
    post_update(first, cast.coordinator, update="Before the round closed")
    closed = round_close(reporting_round=open_round(cast), user=cast.coordinator)
    post_update(second, cast.coordinator, update="Patrols doubled", progress_status="green")
    as_it_was = third.update
    post_update(third, cast.coordinator, update="Changed and")
    post_update(third, cast.coordinator, update=as_it_was)

    response = client.get(URL)
    rows = [
        (row.record.action.pk, row.record.what, row.record.before, row.record.after)
        for row in response.context["changes"].rows
    ]
    # The second row's update and status; not the first (changed before the close), not
    # the third (changed and changed back: as it was).
    assert rows == [
        (second.pk, "Update", second.update, "Patrols doubled"),
        (second.pk, "Progress status", "None recorded", "Green"),
    ]
    page = response.content.decode()
    assert "since the Q3 2011/12 round closed" in page
    assert f'href="{closed.published.get_absolute_url()}"' in page


def test_an_internal_actions_change_is_only_for_those_signed_in(client, cast):
    first, *_ = police_rows()
    round_close(reporting_round=open_round(cast), user=cast.coordinator)
    Action.objects.filter(pk=first.pk).update(internal=True)
    post_update(first, cast.coordinator, update="Covert work done")

    assert "Covert work done" not in client.get(URL).content.decode()
    signed_in = Client()
    signed_in.force_login(cast.councillor)
    assert "Covert work done" in signed_in.get(URL).content.decode()
