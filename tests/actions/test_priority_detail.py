import re
from html import unescape

from django.utils.html import strip_tags

from actions.models import Action, ActionLead, Agency

URL = "/years/2011-12/priorities/{}/"


def rows(response):
    return [row.record for row in response.context["table"].paginated_rows]


def test_it_shows_the_priority_and_all_five_published_columns(client, report):
    response = client.get(URL.format(2))
    assert response.status_code == 200
    assert response.context["priority"].title == "Dwelling burglary"
    headers = [column.header for column in response.context["table"].columns]
    published = ["Action", "Lead agency", "Target", "Timescale", "Update"]
    assert headers == ["No.", *published, "Progress status"]
    html = unescape(response.content.decode())
    assert "Published as “DWELLING BURGLARY”" in html
    assert "Due to logistic issues , only 1 event held" in html


def test_its_rows_come_in_published_order(client, report):
    actions = rows(client.get(URL.format(1)))
    assert [a.position for a in actions] == [1, 2, 3, 4, 5, 6]
    assert actions[0].action.startswith("Recruit Family Intervention")


def test_the_lead_agencies_read_as_published_and_link_to_their_pages(client, report):
    response = client.get(URL.format(1))
    html = response.content.decode()
    police = Agency.objects.get(short_name="Herts Police")
    cctv = Agency.objects.get(short_name="DBC CCTV")
    assert (
        f'<a class="govuk-link" href="{police.get_absolute_url()}">Herts Police</a>/<wbr>'
        f'<a class="govuk-link" href="{cctv.get_absolute_url()}">DBC CCTV</a>'
    ) in html
    # with the markup taken away, each row's cell reads exactly as published
    for row in response.context["table"].paginated_rows:
        assert strip_tags(row.get_cell("lead")) == row.record.lead_text


def test_an_alias_is_shown_as_written_and_links_to_its_agency(client, report):
    html = client.get(URL.format(6)).content.decode()
    hfrs = Agency.objects.get(short_name="HFRS")
    assert f'href="{hfrs.get_absolute_url()}">Herts Fire &amp; Rescue</a>' in html


def test_it_sorts_by_a_column_whatever_the_capital_letters(client, report):
    actions = rows(client.get(URL.format(3), {"sort": "action"}))
    assert [a.action for a in actions] == sorted((a.action for a in actions), key=str.lower)
    assert actions[3].action == "Support facilities for street/problem drinkers"
    actions = rows(client.get(URL.format(3), {"sort": "-action"}))
    assert [a.action for a in actions] == sorted(
        (a.action for a in actions), key=str.lower, reverse=True
    )
    actions = rows(client.get(URL.format(2), {"sort": "-position"}))
    assert [a.position for a in actions] == [6, 5, 4, 3, 2, 1]


def test_it_filters_by_free_text_across_every_column(client, report):
    assert [a.position for a in rows(client.get(URL.format(3), {"q": "Marlowes"}))] == [6]
    assert [a.position for a in rows(client.get(URL.format(3), {"q": "druglink"}))] == [
        2,
        3,
        4,
        5,
        6,
    ]
    response = client.get(URL.format(3), {"q": "no such words"})
    assert rows(response) == []
    assert "No actions match." in response.content.decode()


def test_it_filters_by_lead_agency_including_the_agencys_teams(client, report):
    dbc = Agency.objects.get(short_name="DBC")
    actions = rows(client.get(URL.format(1), {"agency": dbc.pk}))
    # rows 1, 2 and 4 are led by DBC itself, row 5 by its team DBC CCTV
    assert [a.position for a in actions] == [1, 2, 4, 5]


def offered_agencies(response) -> list[tuple[str, str, bool]]:
    """The lead agency drop-down's options as the page writes them: (value, label, selected)."""
    select = re.search(r'<select name="agency".*?</select>', response.content.decode(), re.S)[0]
    return [
        (value, unescape(label), bool(selected))
        for value, selected, label in re.findall(
            r'<option value="([^"]*)"( selected)?>([^<]*)</option>', select
        )
    ]


def test_the_agency_filter_offers_only_agencies_leading_under_the_priority(client, report):
    response = client.get(URL.format(4))
    offered = [str(agency) for agency in response.context["filter"].form.fields["agency"].queryset]
    # priority 4's leads: Druglink, DENS, HFRS, HCC, Herts Police
    assert offered == ["DENS", "Druglink", "HCC", "Herts Police", "HFRS"]
    written = offered_agencies(response)
    assert written[0] == ("", "Any agency", True)  # nothing chosen
    assert [label for _, label, _ in written[1:]] == offered
    chosen = Agency.objects.get(short_name="HCC")
    written = offered_agencies(client.get(URL.format(4), {"agency": chosen.pk}))
    assert [(value, label) for value, label, selected in written if selected] == [
        (str(chosen.pk), "HCC")
    ]


def test_an_organisation_is_offered_where_only_its_team_leads(client, report):
    organisation = Agency.objects.create(short_name="Org", name="Org", slug="org")
    team = Agency.objects.create(short_name="Team", name="Team", slug="team", parent=organisation)
    row = Action.objects.get(priority__number=4, position=1)
    ActionLead.objects.create(action=row, agency=team, position=2, written_as="Team")
    offered = [label for _, label, _ in offered_agencies(client.get(URL.format(4)))]
    assert "Org" in offered
    assert "Team" in offered
    assert offered.count("Org") == 1


def test_an_unknown_agency_in_the_filter_is_reported_not_ignored(client, report):
    response = client.get(URL.format(1), {"agency": 99999})
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()


def test_rows_of_the_same_work_say_so_and_link_there(client, report):
    response = client.get(URL.format(1))
    halloween = next(a for a in rows(response) if "Halloween" in a.action)
    others = halloween.linked_actions
    assert [o.priority.number for o in others] == [3, 6]
    html = response.content.decode()
    assert "Also under" in html
    for other in others:
        assert f'href="{other.get_absolute_url()}">priority {other.priority.number}</a>' in html


def test_an_unknown_priority_is_not_found(client, report):
    assert client.get(URL.format(7)).status_code == 404


def test_it_filters_by_progress_status(client, report):
    Action.objects.filter(priority__number=1, position__in=[2, 4]).update(progress_status="amber")
    Action.objects.filter(priority__number=1, position=3).update(progress_status="complete")
    assert [a.position for a in rows(client.get(URL.format(1), {"status": "amber"}))] == [2, 4]
    assert [a.position for a in rows(client.get(URL.format(1), {"status": "complete"}))] == [3]
    assert rows(client.get(URL.format(1), {"status": "red"})) == []
    unrecorded = rows(client.get(URL.format(1), {"status": "not_recorded"}))
    assert [a.position for a in unrecorded] == [1, 5, 6]
    refused = client.get(URL.format(1), {"status": "purple"})
    assert "Select a valid choice" in refused.content.decode()
    assert rows(refused) == []
