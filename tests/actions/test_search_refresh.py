"""Every write that changes what search reads keeps the search column current.

On PostgreSQL search reads the column (actions.services.action_search_refresh), so each
test fails there if a writer forgets it; on SQLite, which searches the text itself, the
same tests check that the text is found.
"""

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.db import connection

from actions.models import Action, ActionLead, Agency
from actions.services import action_create, action_search_refresh
from priorities.models import Priority
from reports.services import year_import, year_load_fixture
from reports.yearplan.export import dumps
from reports.yearplan.read import plan_read
from search.selectors import action_search, search_terms
from tests.conftest import YEAR_FIXTURE
from tests.reports.yearfiles import exported

POSTGRESQL = connection.vendor == "postgresql"


def found(q: str) -> set[int]:
    return set(action_search(search_terms(q)).values_list("pk", flat=True))


def hfrs_actions() -> set[int]:
    return set(Action.objects.filter(leads__agency__short_name="HFRS").values_list("pk", flat=True))


@pytest.fixture
def admin_client(client, report):
    client.force_login(User.objects.create(username="root", is_staff=True, is_superuser=True))
    return client


def change_form_data(response) -> dict:
    """What an admin change page's form and inlines would post back unchanged."""
    data = {}
    forms = [response.context["adminform"].form]
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        for name, field in formset.management_form.fields.items():
            value = formset.management_form[name].value()
            data[formset.management_form.add_prefix(name)] = (
                field.initial if value is None else value
            )
        forms += formset.forms
    for form in forms:
        for name in form.fields:
            value = form[name].value()
            if value is None or value is False:
                continue
            data[form.add_prefix(name)] = value
    return data


def test_a_new_action_is_found(cast):
    priority = Priority.objects.get(year=cast.report, number=2)
    action = action_create(
        priority=priority,
        user=cast.coordinator,
        data={
            "action": "Mark bicycles with postcodes",
            "lead_text": "Herts Police",
            "target": "200 bicycles",
            "timescale": "Summer",
            "update": "",
        },
    )
    assert found("bicycles postcodes") == {action.pk}
    assert action.pk in found("Hertfordshire Constabulary")  # its lead's full name


def test_an_agency_renamed_in_the_admin_finds_its_actions_by_the_new_name(admin_client):
    hfrs = Agency.objects.get(short_name="HFRS")
    url = f"/admin/actions/agency/{hfrs.pk}/change/"
    data = change_form_data(admin_client.get(url))
    data["name"] = "Hertfordshire Firefighters Quorum"
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert found("Quorum") == hfrs_actions() != set()


def test_a_lead_changed_in_an_actions_admin_page_is_searched_with_it(admin_client):
    action = Action.objects.get(action="Support Community Action Days")  # led by DBC
    url = f"/admin/actions/action/{action.pk}/change/"
    data = change_form_data(admin_client.get(url))
    lead_field = next(key for key in data if key.endswith("-0-agency"))
    data[lead_field] = Agency.objects.get(short_name="HFRS").pk
    response = admin_client.post(url, data)
    assert response.status_code == 302
    assert action.pk in found("Hertfordshire Fire and Rescue Service")
    assert action.pk not in found("Dacorum Borough Council")


def test_a_lead_added_and_deleted_in_the_admin_is_searched_with_its_action(admin_client):
    action = Action.objects.get(action="Support Community Action Days")
    assert action.pk not in found("Druglink")
    response = admin_client.post(
        "/admin/actions/actionlead/add/",
        {
            "action": action.pk,
            "agency": Agency.objects.get(short_name="Druglink").pk,
            "position": 2,
            "written_as": "Druglink",
        },
    )
    assert response.status_code == 302
    assert action.pk in found("Druglink")
    lead = ActionLead.objects.get(action=action, agency__short_name="Druglink")
    response = admin_client.post(f"/admin/actions/actionlead/{lead.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert action.pk not in found("Druglink")


def test_an_imported_plan_renaming_an_agency_finds_its_actions_by_the_new_name(report):
    data = exported()
    hfrs = next(agency for agency in data["agencies"] if agency["short_name"] == "HFRS")
    hfrs["name"] = "Hertfordshire Firefighters Quorum"
    data["priorities"][0]["actions"][0]["update"] = "Imported words: zeppelin"
    year_import(plan=plan_read(dumps(data), file="plan.json"), user=None, replace=True)
    assert found("Quorum") == hfrs_actions() != set()
    assert found("zeppelin") == {
        Action.objects.get(priority__year=report, priority__number=1, position=1).pk
    }


def test_a_year_loaded_from_its_fixture_is_found(db):
    assert year_load_fixture(path=YEAR_FIXTURE, label="2011/12")
    assert Action.objects.get(action="Support Community Action Days").pk in found("Action Days")


def test_rebuilding_the_search_column_fills_it_in_again(report, capsys):
    Action.objects.update(search_vector=None)  # as a loaddata or an SQL change leaves it
    call_command("rebuildsearchindex")
    out = capsys.readouterr().out
    days = Action.objects.get(action="Support Community Action Days").pk
    assert days in found("Action Days")
    if POSTGRESQL:
        assert out == f"Search column rebuilt for {Action.objects.count()} actions.\n"
        assert not Action.objects.filter(search_vector=None).exists()
    else:
        assert out == "Nothing to do on sqlite: it searches the text.\n"
        assert action_search_refresh() == 0
