"""Starting a new year carries forward the unfinished actions, each linked to its original."""

from html import unescape

import pytest

from actions.models import Action
from priorities.models import ReportingYear

URL = "/years/start/"


def test_it_proposes_the_year_after_the_newest(client, cast):
    client.force_login(cast.coordinator)
    form = client.get(URL).context["form"]
    assert form.initial["label"] == "2012/13"
    assert form.initial["from_year"] == cast.report
    assert "From 2011/12: 37 of its 37 actions would be carried forward" in unescape(
        client.get(URL).content.decode()
    )


def test_unfinished_actions_are_carried_forward_and_linked(client, cast):
    done = Action.objects.get(priority__number=2, position=4)
    done.progress_status = "complete"
    done.save()
    client.force_login(cast.coordinator)
    response = client.post(URL, {"from_year": cast.report.pk, "label": "2012/13"})
    year = ReportingYear.objects.get(label="2012/13")
    assert response.status_code == 302
    assert response["Location"] == year.get_absolute_url()
    assert (year.starts_on.isoformat(), year.ends_on.isoformat()) == ("2012-04-01", "2013-03-31")
    assert year.report_title == "2012/13 UPDATE ON ACTIVITY SUPPORTING STRATEGIC PRIORITIES"
    carried = Action.objects.filter(priority__year=year)
    assert carried.count() == 36
    assert not carried.filter(continues=done).exists()
    second = carried.get(priority__number=2, position=4)
    assert second.continues == Action.objects.get(
        priority__year=cast.report, priority__number=2, position=5
    )
    assert (second.update, second.progress_status) == ("", "")
    assert second.lead_text == second.continues.lead_text
    assert [lead.written_as for lead in second.leads.order_by("position")] == [
        "HFRS",
        "Herts Police",
    ]
    assert second.initiative is None
    drive_safely = carried.get(priority__number=1, position=6)
    assert drive_safely.initiative == drive_safely.continues.initiative


def test_the_action_pages_link_both_ways(client, cast):
    client.force_login(cast.coordinator)
    client.post(URL, {"from_year": cast.report.pk, "label": "2012/13"})
    new = Action.objects.get(priority__year__label="2012/13", priority__number=3, position=1)
    old = new.continues
    html = client.get(new.get_absolute_url()).content.decode()
    assert (
        f'Continues <a class="govuk-link" href="{old.get_absolute_url()}">2011/12, priority 3, row 1</a>'
        in html
    )
    html = client.get(old.get_absolute_url()).content.decode()
    assert (
        f'Carried forward to <a class="govuk-link" href="{new.get_absolute_url()}">2012/13, priority 3, row 1</a>'
        in html
    )


@pytest.mark.parametrize(
    ("label", "message"),
    [
        ("2011/12", "2011/12 already exists"),
        ("2012/14", "2012/14 is not one year to the next"),
        ("2012-13", "Enter the year like 2012/13"),
    ],
)
def test_a_wrong_label_is_refused(client, cast, label, message):
    client.force_login(cast.coordinator)
    response = client.post(URL, {"from_year": cast.report.pk, "label": label})
    assert message in unescape(response.content.decode())
    assert ReportingYear.objects.count() == 1


def test_only_coordinators_and_administrators_start_a_year(client, cast):
    client.force_login(cast.partner)
    assert client.get(URL).status_code == 403
    client.force_login(cast.administrator)
    assert client.get(URL).status_code == 200
