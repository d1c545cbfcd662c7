"""Starting a new year carries forward the unfinished actions, each linked to its original."""

import re
from html import unescape

import pytest
from django.core.exceptions import ValidationError

from actions.models import Action
from priorities.models import ReportingYear
from reports.services import Carried, year_start
from tests.factories import action_make, priority_make, year_make

URL = "/years/start/"


def start_data(client, label="2012/13", **rows) -> dict:
    """What the start page posts as it is shown (every unfinished action ticked, as it
    was), for `label`, with `rows` ({"carry-3-carry": ""} and the like) changed; a value
    of None leaves that field out, as a browser does an unticked box."""
    response = client.get(URL)
    formset = response.context["formset"]
    data = {
        "from_year": response.context["form"].initial["from_year"].pk,
        "label": label,
        **{f"carry-{name}": value for name, value in formset.management_form.initial.items()},
    }
    for form in formset:
        for name, field in form.fields.items():
            value = form.initial.get(name, field.initial)
            if value is True:
                value = "on"
            data[form.add_prefix(name)] = value
    data.update(rows)
    return {name: value for name, value in data.items() if value is not None}


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
    response = client.post(URL, start_data(client))
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
    client.post(URL, start_data(client))
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
    response = client.post(URL, start_data(client, label))
    assert message in unescape(response.content.decode())
    assert ReportingYear.objects.count() == 1


def test_only_coordinators_and_administrators_start_a_year(client, cast):
    client.force_login(cast.partner)
    assert client.get(URL).status_code == 403
    client.force_login(cast.administrator)
    assert client.get(URL).status_code == 200


def checked_boxes(html: str) -> int:
    return len(re.findall(r'name="carry-\d+-carry"[^>]* checked', html))


def test_every_unfinished_action_is_offered_ticked_under_its_priority(client, cast):
    Action.objects.filter(priority__number=2, position=4).update(progress_status="complete")
    client.force_login(cast.coordinator)
    html = unescape(client.get(URL).content.decode())
    assert checked_boxes(html) == 36
    assert "Actions of 2011/12 not complete" in html
    headings = re.findall(r'<h3 class="govuk-heading-m">Priority (\d):', html)
    assert headings == ["1", "2", "3", "4", "5", "6"]
    first = Action.objects.get(priority__number=1, position=1)
    assert f"Carry forward priority 1, row 1: {first.action}" in html
    assert "Carry forward priority 2, row 4:" not in html


def test_the_coordinator_leaves_rows_behind_and_edits_targets_and_timescales(client, cast):
    client.force_login(cast.coordinator)
    data = start_data(client)
    # The first two rows of priority 1 stay behind; the third gets a new target.
    left = [
        n
        for n, form in enumerate(client.get(URL).context["formset"])
        if form.action.priority.number == 1
    ][:2]
    third = left[-1] + 1
    for n in left:
        del data[f"carry-{n}-carry"]
    data[f"carry-{third}-target"] = "  Reach every school in 2012/13  "
    data[f"carry-{third}-timescale"] = "By March 2013"
    response = client.post(URL, data)
    assert response.status_code == 302
    new = Action.objects.filter(priority__year__label="2012/13")
    assert new.count() == 35
    row = new.get(priority__number=1, position=1)
    assert row.continues == Action.objects.get(
        priority__year=cast.report, priority__number=1, position=3
    )
    assert (row.target, row.timescale) == ("Reach every school in 2012/13", "By March 2013")
    assert row.continues.target != row.target
    assert not new.filter(continues__priority__number=1, continues__position__in=[1, 2]).exists()


def test_a_ticked_row_without_a_target_is_refused_and_nothing_is_saved(client, cast):
    client.force_login(cast.coordinator)
    response = client.post(URL, start_data(client, **{"carry-0-target": " "}))
    assert response.status_code == 200
    html = unescape(response.content.decode())
    assert "There is a problem with the actions carried forward" in html
    assert (
        'href="#id_carry-0-target">Target of priority 1, row 1: Enter the target of the row carried forward</a>'
        in html
    )
    # The page comes back as it was posted: the other rows still ticked, as edited.
    assert checked_boxes(html) == 37
    assert ReportingYear.objects.count() == 1
    assert Action.objects.count() == 37


def test_an_unticked_row_needs_no_target(client, cast):
    client.force_login(cast.coordinator)
    data = start_data(client, **{"carry-0-carry": None, "carry-0-target": ""})
    assert client.post(URL, data).status_code == 302
    assert Action.objects.filter(priority__year__label="2012/13").count() == 36


def test_a_list_that_changed_since_the_page_was_opened_is_refused(client, cast):
    client.force_login(cast.coordinator)
    data = start_data(client)
    Action.objects.filter(priority__number=3, position=1).update(progress_status="complete")
    response = client.post(URL, data)
    assert response.status_code == 200
    assert "have changed since this page was opened" in unescape(response.content.decode())
    assert ReportingYear.objects.count() == 1


def test_a_row_of_another_year_is_never_carried(cast):
    other = year_make(label="2031/32")
    stranger = action_make(priority_make(other, 1, "Elsewhere"), action="Not of 2011/12")
    with pytest.raises(ValidationError):
        year_start(
            from_year=cast.report,
            label="2012/13",
            user=cast.coordinator,
            carried=[Carried(stranger, "A target", "Ongoing")],
        )
    assert not ReportingYear.objects.filter(label="2012/13").exists()


def test_the_page_lists_the_year_asked_for(client, cast):
    later = year_start(from_year=cast.report, label="2012/13", user=cast.coordinator)
    Action.objects.filter(priority__year=later, priority__number=1).update(
        progress_status="complete"
    )
    client.force_login(cast.coordinator)
    assert (
        checked_boxes(client.get(URL).content.decode())
        == 37 - Action.objects.filter(priority__year=cast.report, priority__number=1).count()
    )
    response = client.get(URL, {"from": "2011-12"})
    assert checked_boxes(response.content.decode()) == 37
    assert response.context["form"].initial == {"from_year": cast.report, "label": "2013/14"}


def test_carried_rows_say_where_they_come_from_not_as_published(client, cast):
    later = year_start(from_year=cast.report, label="2012/13", user=cast.coordinator)
    row = Action.objects.get(priority__year=later, priority__number=2, position=1)
    html = client.get(row.get_absolute_url()).content.decode()
    assert "Carried forward from 2011/12" in html
    assert "No edits since it was carried forward from 2011/12." in html
    assert "As published in the" not in html
    priority_page = client.get(row.priority.get_absolute_url()).content.decode()
    assert (
        priority_page.count("Carried forward from 2011/12")
        == later.priorities.get(number=2).actions.count()
    )
    assert "As published" not in priority_page
    # The 2011/12 rows themselves are still as published.
    assert (
        "As published in the 2011/12 report"
        in client.get(row.continues.get_absolute_url()).content.decode()
    )
