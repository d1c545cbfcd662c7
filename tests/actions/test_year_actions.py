"""Every action of a year in one table: search, filters, sorting and downloads."""

import datetime
from html import unescape

import pytest
from django.utils import timezone

from actions.models import Action
from tests.downloads import csv_rows, xlsx_rows
from tests.factories import action_make, agency_make, priority_make, year_make

URL = "/years/2031-32/actions/"


@pytest.fixture
def plan(db):
    """A made-up year of four actions under two priorities, and another year's action."""
    # Started long ago: its unedited actions are due an update (a year not yet
    # started has none due).
    year = year_make(label="2031/32", starts_on="2021-04-01")
    police = agency_make("Acme Police", name="Acme Constabulary")
    council = agency_make("Borough Council")
    cctv = agency_make("Borough CCTV", parent=council)
    fire = agency_make("Fire Service")
    first, second = priority_make(year, 1, "Burglary"), priority_make(year, 2, "Youth")
    now = timezone.now()
    patrol = action_make(
        first,
        leads=(police,),
        action="Patrol the park",
        target="Fewer complaints",
        timescale="Summer",
        update="Patrols started",
        progress_status="green",
        update_changed_at=now - datetime.timedelta(days=3),
    )
    cameras = action_make(first, leads=(cctv,), action="Install cameras", progress_status="red")
    locks = action_make(
        second,
        leads=(police, council),
        action="Fit locks",
        target="Locks in Grovehill",
        update_changed_at=now - datetime.timedelta(days=100),
    )
    club = action_make(
        second,
        leads=(fire,),
        action="Youth club",
        timescale="Winter term",
        progress_status="complete",
    )
    elsewhere = action_make(
        priority_make(year_make(label="2030/31"), 1), leads=(police,), action="Patrol the park"
    )
    return {
        "year": year,
        "police": police,
        "council": council,
        "cctv": cctv,
        "first": first,
        "second": second,
        "patrol": patrol,
        "cameras": cameras,
        "locks": locks,
        "club": club,
        "elsewhere": elsewhere,
    }


def shown(client, **params):
    response = client.get(URL, params)
    assert response.status_code == 200
    return [row.record for row in response.context["table"].rows]


def names(client, **params):
    return [action.action for action in shown(client, **params)]


def test_it_lists_every_action_of_the_year_and_no_other(client, plan):
    response = client.get(URL)
    assert response.status_code == 200
    html = unescape(response.content.decode())
    assert "<title>All actions, 2031/32" in html
    assert names(client) == ["Patrol the park", "Install cameras", "Fit locks", "Youth club"]
    assert plan["elsewhere"] not in shown(client)


def test_an_unknown_year_is_not_found(client, plan):
    assert client.get("/years/2099-00/actions/").status_code == 404


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("patrol THE", ["Patrol the park"]),  # action, whatever the capitals
        ("grovehill", ["Fit locks"]),  # target
        ("winter", ["Youth club"]),  # timescale
        ("patrols started", ["Patrol the park"]),  # update
        ("constabulary", ["Patrol the park", "Fit locks"]),  # an agency's full name
        ("borough cctv", ["Install cameras"]),  # an agency's short name
        ("fire serv", ["Youth club"]),  # the lead agencies as published
        ("  ", ["Patrol the park", "Install cameras", "Fit locks", "Youth club"]),
        ("nothing like it", []),
    ],
)
def test_the_search_finds_text_in_each_searched_field(client, plan, text, expected):
    assert names(client, q=text) == expected


def test_the_search_finds_an_agency_by_a_name_the_plan_does_not_use(client, plan):
    plan["police"].aliases.create(name="Old Bill")
    assert names(client, q="old bill") == ["Patrol the park", "Fit locks"]


def test_an_action_led_by_two_matching_agencies_is_listed_once(client, plan):
    # "Borough" is in both the council's and its team's names, and "Acme" leads too.
    plan["locks"].leads.create(agency=plan["cctv"], position=3, written_as="Borough CCTV")
    response = client.get(URL, {"q": "borough"})
    assert names(client, q="borough") == ["Install cameras", "Fit locks"]
    assert response.context["table"].paginator.count == 2


def test_it_filters_by_priority(client, plan):
    assert names(client, priority=plan["second"].pk) == ["Fit locks", "Youth club"]


def test_another_years_priority_is_not_a_choice(client, plan):
    other = plan["elsewhere"].priority
    response = client.get(URL, {"priority": other.pk})
    assert "Select a valid choice" in response.content.decode()
    assert shown(client, priority=other.pk) == []


def test_it_filters_by_lead_agency_including_its_teams(client, plan):
    assert names(client, agency=plan["council"].pk) == ["Install cameras", "Fit locks"]
    assert names(client, agency=plan["cctv"].pk) == ["Install cameras"]
    assert names(client, agency=plan["police"].pk) == ["Patrol the park", "Fit locks"]


def test_the_agency_choices_are_the_years_leads_and_their_organisations(client, plan):
    choices = client.get(URL).context["filter"].form.fields["agency"].queryset
    assert {agency.short_name for agency in choices} == {
        "Acme Police",
        "Borough Council",
        "Borough CCTV",
        "Fire Service",
    }
    unused = agency_make("Unused Agency")
    assert unused not in choices


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        ("green", ["Patrol the park"]),
        ("red", ["Install cameras"]),
        ("complete", ["Youth club"]),
        ("amber", []),
        ("not_recorded", ["Fit locks"]),
    ],
)
def test_it_filters_by_progress_status(client, plan, status, expected):
    assert names(client, status=status) == expected


@pytest.mark.parametrize(
    ("days", "expected"),
    [
        # never updated since publication counts as not updated
        ("0", ["Patrol the park", "Install cameras", "Fit locks", "Youth club"]),
        ("30", ["Install cameras", "Fit locks", "Youth club"]),
        ("200", ["Install cameras", "Youth club"]),
    ],
)
def test_it_filters_by_days_without_an_update(client, plan, days, expected):
    assert names(client, days=days) == expected


@pytest.mark.parametrize("days", ["-1", "36501", "1.5", "x", "²", "99999999999999999999"])
def test_days_that_are_not_a_whole_number_up_to_a_hundred_years_are_refused(client, plan, days):
    response = client.get(URL, {"days": days})
    assert response.status_code == 200
    assert 'class="govuk-error-message"' in response.content.decode()
    assert shown(client, days=days) == []


def test_filters_combine(client, plan):
    params = {"agency": plan["police"].pk, "days": "30", "q": "locks"}
    assert names(client, **params) == ["Fit locks"]
    params["status"] = "green"
    assert names(client, **params) == []


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("action", ["Fit locks", "Install cameras", "Patrol the park", "Youth club"]),
        ("-action", ["Youth club", "Patrol the park", "Install cameras", "Fit locks"]),
        ("-priority", ["Youth club", "Fit locks", "Install cameras", "Patrol the park"]),
        ("position", ["Patrol the park", "Fit locks", "Install cameras", "Youth club"]),
        ("progress_status", ["Fit locks", "Youth club", "Patrol the park", "Install cameras"]),
    ],
)
def test_it_sorts_by_a_column(client, plan, sort, expected):
    assert names(client, sort=sort) == expected


def test_the_columns_name_the_priority_and_row_first(client, plan):
    headers = [column.header for column in client.get(URL).context["table"].columns]
    assert headers == [
        "Priority",
        "No.",
        "Action",
        "Lead agency",
        "Target",
        "Timescale",
        "Update",
        "Progress status",
    ]


def test_a_coordinator_gets_an_edit_link_on_every_row(client, cast, plan):
    client.force_login(cast.coordinator)
    html = client.get(URL).content.decode()
    for action in Action.objects.filter(priority__year=plan["year"]):
        assert f'href="/actions/{action.pk}/edit/"' in html
    client.logout()
    assert "/edit/" not in client.get(URL).content.decode()


@pytest.mark.parametrize("export_format", ["csv", "xlsx"])
def test_a_download_holds_exactly_the_filtered_rows(client, plan, export_format):
    params = {"days": "30", "sort": "-action"}
    response = client.get(URL, {**params, "_export": export_format})
    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        f'attachment; filename="2031-32-all-actions.{export_format}"'
    )
    rows = (csv_rows if export_format == "csv" else xlsx_rows)(response)
    assert rows[0] == [
        "Priority",
        "No.",
        "Action",
        "Lead agency",
        "Target",
        "Timescale",
        "Update",
        "Progress status",
        "Overdue",
        "Update date",
    ]
    expected = names(client, **params)
    assert expected == ["Youth club", "Install cameras", "Fit locks"]
    assert [row[2] for row in rows[1:]] == expected
    assert rows[3][:4] == ["Priority 2: Youth", "1", "Fit locks", "Acme Police/Borough Council"]


def test_a_download_holds_every_page_of_rows(client, plan):
    for n in range(60):
        action_make(plan["first"], leads=(plan["police"],), action=f"Extra action {n}")
    page = client.get(URL, {"agency": plan["police"].pk})
    assert len(page.context["table"].page.object_list) == 50
    rows = csv_rows(client.get(URL, {"agency": plan["police"].pk, "page": 2, "_export": "csv"}))
    assert len(rows) - 1 == 62
