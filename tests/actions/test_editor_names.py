"""People's names kept to those who need them: who updated an action is shown by name to
those who edit (partners and coordinators), and to everyone else by the editor's agency."""

from html import unescape

import pytest
from django.test import Client

from actions.models import Action
from actions.services import action_update

PRIORITY = "/years/2011-12/priorities/1/"


@pytest.fixture
def edited(cast, partners_publish_directly):
    """The Halloween row updated by the Herts Police partner, Priya Patel, and the Family
    Intervention row by the coordinator, Casey Clark, who works for no agency."""
    for user, first, last in (
        (cast.partner, "Priya", "Patel"),
        (cast.coordinator, "Casey", "Clark"),
    ):
        user.first_name, user.last_name = first, last
        user.save()
    police_row = Action.objects.get(priority__number=1, position=2)
    action_update(
        action=police_row,
        user=cast.partner,
        version=police_row.version,
        data={"update": "Planning under way"},
    )
    own_row = Action.objects.get(priority__number=1, position=1)
    action_update(
        action=own_row, user=cast.coordinator, version=own_row.version, data={"update": "In post"}
    )
    return police_row, own_row


def page_as(cast, role: str, path: str) -> str:
    client = Client()
    if role != "anonymous":
        client.force_login(getattr(cast, role))
    return unescape(client.get(path).content.decode())


@pytest.mark.parametrize("role", ["anonymous", "councillor"])
def test_the_public_and_councillors_see_the_editors_agency_not_their_name(cast, edited, role):
    police_row, own_row = edited
    table = page_as(cast, role, PRIORITY)
    assert "by Herts Police" in table
    assert "by the partnership" in table
    assert "by Priya Patel" not in table
    assert "by Casey Clark" not in table

    action = page_as(cast, role, police_row.get_absolute_url())
    assert "by Herts Police" in action  # the update's date
    assert ", Herts Police</h3>" in action  # its history
    assert "Priya" not in action
    assert "Patel" not in action
    assert "Casey" not in page_as(cast, role, own_row.get_absolute_url())


@pytest.mark.parametrize("role", ["partner", "coordinator"])
def test_those_who_edit_see_the_editors_name(cast, edited, role):
    police_row, own_row = edited
    table = page_as(cast, role, PRIORITY)
    assert "by Priya Patel" in table
    assert "by Casey Clark" in table
    action = page_as(cast, role, police_row.get_absolute_url())
    assert "by Priya Patel" in action
    assert ", Priya Patel</h3>" in action


def test_the_agency_page_and_open_data_name_nobody(cast, edited):
    agency = page_as(cast, "anonymous", "/agencies/herts-police/")
    assert "by Herts Police" in agency
    assert "Priya" not in agency
    for dataset in ("actions.json", "actions.csv"):
        data = page_as(cast, "anonymous", f"/open-data/v1/{dataset}")
        assert "Planning under way" in data
        assert "Priya" not in data
        assert '"partner"' not in data  # nor the user name
        assert "Casey" not in data
