import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from actions.models import Action, ActionLead, Agency, AgencyAlias


def test_two_actions_cannot_share_a_row_of_a_priority(report):
    priority = report.priorities.get(number=4)
    with pytest.raises(IntegrityError), transaction.atomic():
        Action.objects.create(
            priority=priority, position=3, action="x", lead_text="DBC", target="x", timescale="x"
        )


def test_an_agency_leads_an_action_once(report):
    action = Action.objects.get(priority__number=1, position=1)
    dbc = Agency.objects.get(short_name="DBC")
    with pytest.raises(IntegrityError), transaction.atomic():
        ActionLead.objects.create(action=action, agency=dbc, position=2, written_as="DBC")


def test_agency_short_names_and_aliases_are_unique(report):
    with pytest.raises(IntegrityError), transaction.atomic():
        Agency.objects.create(short_name="DBC", name="Another", slug="another")
    hfrs = Agency.objects.get(short_name="HFRS")
    with pytest.raises(IntegrityError), transaction.atomic():
        AgencyAlias.objects.create(agency=hfrs, name="Herts Fire & Rescue")


def test_an_alias_may_not_be_another_agencys_short_name(report):
    hfrs = Agency.objects.get(short_name="HFRS")
    with pytest.raises(ValidationError, match="already another agency's short name"):
        AgencyAlias(agency=hfrs, name="DBC").full_clean()


def test_a_team_cannot_belong_to_a_team(report):
    cctv = Agency.objects.get(short_name="DBC CCTV")
    with pytest.raises(ValidationError, match="must be an organisation"):
        Agency(short_name="Sub-team", name="Sub-team", slug="sub-team", parent=cctv).full_clean()


def test_an_agency_cannot_be_its_own_parent(report):
    dbc = Agency.objects.get(short_name="DBC")
    dbc.parent_id = dbc.pk
    with pytest.raises(IntegrityError), transaction.atomic():
        dbc.save()


def test_an_action_with_no_linked_work_has_no_linked_rows(report):
    assert Action.objects.get(priority__number=2, position=1).linked_actions == []
