"""A year older than the newest is read-only for partners unless a coordinator reopens it;
the pages say so."""

from html import unescape

import pytest

from actions.models import Action
from actions.services import action_editable_fields
from audit.models import AuditEntry
from priorities.models import ReportingYear
from reports.services import year_start

PRIORITY = "/years/2011-12/priorities/1/"


def police_row() -> Action:
    return Action.objects.get(priority__year__label="2011/12", priority__number=1, position=2)


@pytest.fixture
def newer_year(cast):
    """2012/13 started from 2011/12: 2011/12 is no longer the newest year."""
    return year_start(from_year=cast.report, label="2012/13", user=cast.coordinator)


def test_partners_update_the_newest_year(client, cast):
    client.force_login(cast.partner)
    assert client.get(f"/actions/{police_row().pk}/edit/").status_code == 200
    assert "closed to partners" not in unescape(client.get(PRIORITY).content.decode())


def test_an_older_year_is_read_only_for_partners_and_says_so(client, cast, newer_year):
    client.force_login(cast.partner)
    row = police_row()
    assert action_editable_fields(user=cast.partner, action=row) == ()
    assert client.get(f"/actions/{row.pk}/edit/").status_code == 403
    page = unescape(client.get(PRIORITY).content.decode())
    assert f'href="/actions/{row.pk}/edit/"' not in page
    assert "2011/12 is closed to partners' updates: a newer year has started." in page
    assert "closed to partners' updates" in unescape(
        client.get(row.get_absolute_url()).content.decode()
    )
    # The same agency's action carried into the newest year is theirs to update.
    carried = Action.objects.get(continues=row)
    assert client.get(f"/actions/{carried.pk}/edit/").status_code == 200


def test_coordinators_edit_any_year(client, cast, newer_year):
    client.force_login(cast.coordinator)
    assert client.get(f"/actions/{police_row().pk}/edit/").status_code == 200


def test_a_coordinator_reopens_an_older_year_and_closes_it_again(client, cast, newer_year):
    client.force_login(cast.coordinator)
    year_page = unescape(client.get("/years/2011-12/").content.decode())
    assert "Reopen 2011/12 to partners' updates" in year_page
    response = client.post("/years/2011-12/reopen/", {"reopened": "yes"}, follow=True)
    assert "Partners may post updates on 2011/12 again." in unescape(response.content.decode())
    assert ReportingYear.objects.get(label="2011/12").reopened
    entry = AuditEntry.objects.filter(note="Reopened to partners' updates").get()
    assert entry.changes == {"reopened": [False, True]}

    partner = client.__class__()
    partner.force_login(cast.partner)
    assert partner.get(f"/actions/{police_row().pk}/edit/").status_code == 200
    assert "a coordinator reopened the year" in unescape(
        partner.get("/years/2011-12/").content.decode()
    )

    client.post("/years/2011-12/reopen/", {"reopened": "no"})
    assert not ReportingYear.objects.get(label="2011/12").reopened
    assert partner.get(f"/actions/{police_row().pk}/edit/").status_code == 403


@pytest.mark.parametrize("role", ["anonymous", "councillor", "partner"])
def test_only_coordinators_reopen_a_year(client, cast, newer_year, role):
    if role != "anonymous":
        client.force_login(getattr(cast, role))
    response = client.post("/years/2011-12/reopen/", {"reopened": "yes"})
    assert response.status_code == 403
    assert not ReportingYear.objects.get(label="2011/12").reopened
