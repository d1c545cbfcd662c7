import datetime

from django.utils import timezone

from actions.models import Action, Agency

URL = "/updates-due/"


def test_it_lists_stale_actions_under_each_leading_agency(client, cast):
    client.force_login(cast.coordinator)
    due = client.get(URL).context["due"]
    police = Agency.objects.get(short_name="Herts Police")
    assert len(due[police]) == 22
    # every 2011/12 row is untouched since publication: all 37 are due somewhere
    assert {a.pk for actions in due.values() for a in actions} == set(
        Action.objects.values_list("pk", flat=True)
    )
    names = [agency.short_name.lower() for agency in due]
    assert names == sorted(names)


def test_recent_updates_and_complete_actions_are_not_due(client, cast):
    client.force_login(cast.coordinator)
    recent = Action.objects.get(priority__number=2, position=1)
    recent.update_changed_at = timezone.now() - datetime.timedelta(days=3)
    recent.save()
    done = Action.objects.get(priority__number=2, position=2)
    done.progress_status = "complete"
    done.save()
    due = client.get(URL, {"days": "30"}).context["due"]
    listed = {a.pk for actions in due.values() for a in actions}
    assert recent.pk not in listed
    assert done.pk not in listed
    due = client.get(URL, {"days": "2"}).context["due"]
    assert recent.pk in {a.pk for actions in due.values() for a in actions}


def test_the_number_of_days_defaults_to_the_setting(client, cast, settings):
    settings.UPDATE_DUE_DAYS = 45
    client.force_login(cast.coordinator)
    response = client.get(URL, {"days": "not a number"})
    assert response.context["days"] == 45


def test_only_coordinators_see_it(client, cast):
    client.force_login(cast.partner)
    assert client.get(URL).status_code == 403
    client.logout()
    assert client.get(URL).status_code == 302
