import csv
import datetime
import io

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from actions.models import Action, Agency

URL = "/updates-due/"


def listed(response):
    return [row.record for row in response.context["table"].rows]


def test_it_lists_every_stale_action_once_however_many_agencies_lead_it(client, cast):
    client.force_login(cast.coordinator)
    response = client.get(URL)
    shown = listed(response)
    # every 2011/12 row is untouched since publication: all 37 are due, each once, though
    # several have two or three lead agencies
    assert len(shown) == 37 == response.context["table"].paginator.count
    assert {a.pk for a in shown} == set(Action.objects.values_list("pk", flat=True))
    assert Action.objects.filter(leads__position=2).exists()
    assert [(a.priority.number, a.position) for a in shown] == sorted(
        (a.priority.number, a.position) for a in shown
    )


def test_an_action_shows_all_its_lead_agencies_in_its_one_row(client, cast):
    client.force_login(cast.coordinator)
    html = client.get(URL).content.decode()
    police = Agency.objects.get(short_name="Herts Police")
    dbc = Agency.objects.get(short_name="DBC")
    halloween = Action.objects.get(priority__number=1, position=2)
    assert html.count(f'href="{halloween.get_absolute_url()}">{halloween.action}</a>') == 1
    assert (
        f'<a class="govuk-link" href="{police.get_absolute_url()}">Herts Police</a>/<wbr>'
        f'<a class="govuk-link" href="{dbc.get_absolute_url()}">DBC</a>'
    ) in html


def test_recent_updates_and_complete_actions_are_not_due(client, cast):
    client.force_login(cast.coordinator)
    recent = Action.objects.get(priority__number=2, position=1)
    recent.update_changed_at = timezone.now() - datetime.timedelta(days=3)
    recent.save()
    done = Action.objects.get(priority__number=2, position=2)
    done.progress_status = "complete"
    done.save()
    shown = listed(client.get(URL, {"days": "30"}))
    assert recent not in shown
    assert done not in shown
    assert len(shown) == 35
    assert recent in listed(client.get(URL, {"days": "2"}))


def test_the_number_of_days_defaults_to_the_setting(client, cast, settings):
    settings.UPDATE_DUE_DAYS = 45
    client.force_login(cast.coordinator)
    response = client.get(URL, {"days": "not a number"})
    assert response.context["days"] == 45


def test_it_sorts_by_a_column(client, cast):
    client.force_login(cast.coordinator)
    shown = listed(client.get(URL, {"sort": "-action"}))
    texts = [a.action.lower() for a in shown]
    assert texts == sorted(texts, reverse=True)


@pytest.mark.parametrize("export_format", ["csv", "xlsx"])
def test_it_downloads_exactly_the_actions_due(client, cast, export_format):
    client.force_login(cast.coordinator)
    recent = Action.objects.get(priority__number=2, position=1)
    recent.update_changed_at = timezone.now() - datetime.timedelta(days=3)
    recent.save()
    response = client.get(URL, {"days": "30", "_export": export_format})
    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        f'attachment; filename="updates-due-2011-12-30-days.{export_format}"'
    )
    if export_format == "csv":
        rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    else:
        sheet = load_workbook(io.BytesIO(response.content)).active
        rows = [["" if v is None else str(v) for v in r] for r in sheet.iter_rows(values_only=True)]
    assert rows[0][:3] == ["Priority", "No.", "Action"]
    assert "Edit" not in rows[0]
    expected = Action.objects.exclude(pk=recent.pk).order_by("priority__number", "position")
    assert [row[2] for row in rows[1:]] == [a.action for a in expected]


def test_only_coordinators_see_it_or_download_it(client, cast):
    client.force_login(cast.partner)
    assert client.get(URL).status_code == 403
    assert client.get(URL, {"_export": "csv"}).status_code == 403
    client.logout()
    assert client.get(URL).status_code == 302
    assert client.get(URL, {"_export": "csv"}).status_code == 302
