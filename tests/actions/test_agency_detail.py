import re
from html import unescape

from actions.models import Action, Agency
from tests.factories import year_make


def records(response):
    return [row.record for row in response.context["table"].rows]


def test_it_lists_every_action_the_agency_leads_across_priorities(client, report):
    police = Agency.objects.get(short_name="Herts Police")
    response = client.get(police.get_absolute_url())
    assert response.status_code == 200
    shown = records(response)
    assert len(shown) == 22
    assert {a.priority.number for a in shown} == {1, 2, 3, 4, 5, 6}
    assert set(shown) == set(Action.objects.filter(lead_agencies=police))


def test_an_organisations_page_includes_its_teams_actions(client, report):
    dbc = Agency.objects.get(short_name="DBC")
    response = client.get(dbc.get_absolute_url())
    shown = {a.lead_text for a in records(response)}
    assert {"Herts Police/DBC CCTV", "DBC APGs", "DBC CSP Coordinator"} <= shown
    html = unescape(response.content.decode())
    assert "Dacorum Borough Council" in html
    assert "their actions are included below" in html


def test_an_agency_written_two_ways_gathers_both(client, report):
    hfrs = Agency.objects.get(short_name="HFRS")
    shown = records(client.get(hfrs.get_absolute_url()))
    assert "Herts Fire & Rescue" in {a.lead_text for a in shown}
    assert len(shown) == 8


def test_it_filters_by_year_and_text(client, report):
    police = Agency.objects.get(short_name="Herts Police")
    other = year_make(label="2031/32")
    assert len(records(client.get(police.get_absolute_url(), {"year": report.pk}))) == 22
    assert records(client.get(police.get_absolute_url(), {"year": other.pk})) == []
    found = records(client.get(police.get_absolute_url(), {"q": "Halloween"}))
    assert [a.priority.number for a in found] == [1, 3, 6]


def test_an_unknown_agency_is_not_found(client, report):
    assert client.get("/agencies/no-such-agency/").status_code == 404


def test_it_names_the_agencys_other_names_and_links_its_teams_in_order(client, report):
    dbc = Agency.objects.get(short_name="DBC")
    dbc.aliases.create(name="Dacorum BC")
    dbc.aliases.create(name="Borough council")
    html = unescape(client.get(dbc.get_absolute_url()).content.decode())
    assert "Also written</dt>" in html
    assert "Borough council, Dacorum BC</dd>" in html
    teams = re.search(r"Teams</dt>.*?</dd>", html, re.DOTALL)[0]
    expected = sorted(dbc.units.all(), key=lambda unit: unit.short_name.casefold())
    assert len(expected) >= 2
    links = re.findall(r'href="([^"]+)">([^<]+)</a>', teams)
    assert links == [(unit.get_absolute_url(), unit.short_name) for unit in expected]
    # an agency with neither says nothing of them
    plain = Agency.objects.filter(aliases=None, units=None).order_by("pk").first()
    html = client.get(plain.get_absolute_url()).content.decode()
    assert "Also written" not in html
    assert "Teams</dt>" not in html


def test_the_year_filter_offers_every_year_newest_first_and_marks_the_chosen(client, report):
    other = year_make(label="2031/32")
    url = Agency.objects.get(short_name="Herts Police").get_absolute_url()

    def options(response):
        select = re.search(r'<select name="year".*?</select>', response.content.decode(), re.S)
        return re.findall(r'<option value="([^"]*)"( selected)?>([^<]*)</option>', select[0])

    assert options(client.get(url)) == [
        ("", " selected", "All years"),
        (str(other.pk), "", "2031/32"),
        (str(report.pk), "", "2011/12"),
    ]
    chosen = options(client.get(url, {"year": report.pk}))
    assert [label for _, selected, label in chosen if selected] == ["2011/12"]
    refused = client.get(url, {"year": 99999}).content.decode()
    assert "Select a valid choice" in refused


def test_it_filters_by_progress_status(client, report):
    police = Agency.objects.get(short_name="Herts Police")
    led = Action.objects.filter(lead_agencies=police).order_by("pk")
    green = [led[0].pk, led[5].pk]
    Action.objects.filter(pk__in=green).update(progress_status="green")
    Action.objects.exclude(lead_agencies=police).update(progress_status="green")
    found = records(client.get(police.get_absolute_url(), {"status": "green"}))
    assert sorted(a.pk for a in found) == green
    unrecorded = records(client.get(police.get_absolute_url(), {"status": "not_recorded"}))
    assert len(unrecorded) == 20
