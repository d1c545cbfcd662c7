"""Signing in leads each role to the page it works from, unless `next` says otherwise."""

import datetime
from urllib.parse import urlencode

import pytest
from django.urls import reverse
from django.utils import timezone

from actions.models import Action, Agency
from priorities.models import ReportingYear
from tests.conftest import PASSWORD, user_make


def sign_in(client, username, next_url=None):
    data = {"username": username, "password": PASSWORD}
    url = "/accounts/login/" + (f"?{urlencode({'next': next_url})}" if next_url else "")
    response = client.post(url, data)
    assert response.status_code == 302
    return client.get(response["Location"])


def test_a_partner_lands_on_their_agencys_actions_longest_without_an_update_first(client, cast):
    response = sign_in(client, "partner")
    police = Agency.objects.get(short_name="Herts Police")
    year = ReportingYear.objects.newest()
    assert response.status_code == 302
    assert response["Location"] == (
        f"{police.get_absolute_url()}?{urlencode({'year': year.pk, 'sort': 'update_date'})}"
    )


def test_a_councillor_lands_on_the_ward_figures(client, cast):
    response = sign_in(client, "councillor")
    assert response["Location"] == reverse("stats:ward_list")


def test_a_coordinator_lands_on_the_newest_years_overview(client, cast):
    response = sign_in(client, "coordinator")
    assert response["Location"] == reverse("reports:home")


def test_an_administrator_lands_on_the_manage_page(client, cast):
    response = sign_in(client, "administrator")
    assert response["Location"] == reverse("manage")


@pytest.mark.parametrize("username", ["partner", "councillor", "coordinator", "administrator"])
def test_a_safe_next_wins_over_the_roles_page(client, cast, username):
    response = client.post(
        "/accounts/login/?next=/agencies/", {"username": username, "password": PASSWORD}
    )
    assert response["Location"] == "/agencies/"


def test_an_unsafe_next_is_ignored_for_the_roles_page(client, cast):
    response = client.post(
        "/accounts/login/?next=https://evil.example/",
        {"username": "councillor", "password": PASSWORD},
    )
    assert response["Location"] == reverse("landing")
    assert client.get(response["Location"])["Location"] == reverse("stats:ward_list")


def test_a_signed_in_user_with_no_role_lands_on_the_home_page(client, cast):
    user_make("nobody", None)
    assert sign_in(client, "nobody")["Location"] == reverse("reports:home")


def test_the_partners_page_puts_the_action_longest_without_an_update_first(client, cast):
    police = Agency.objects.get(short_name="Herts Police")
    year = ReportingYear.objects.newest()
    rows = list(Action.objects.led_by(police).filter(priority__year=year).order_by("pk"))
    now = timezone.now()
    # Every row updated recently but two: one long ago, one never since publication.
    for days, action in enumerate(rows):
        action.update_changed_at = now - datetime.timedelta(days=days % 5)
    never, long_ago = rows[5], rows[7]
    never.update_changed_at = None
    long_ago.update_changed_at = now - datetime.timedelta(days=400)
    Action.objects.bulk_update(rows, ["update_changed_at"])

    client.force_login(cast.partner)
    landing = client.get(reverse("landing"))["Location"]
    response = client.get(landing)

    table = response.context["table"]
    first = [row.record.pk for row in table.page.object_list[:2]]
    assert first == [never.pk, long_ago.pk]
    html = response.content.decode()
    assert "those longest without an update first" in html
    # The other way round: the most recently updated first, the never updated last.
    table = client.get(landing.replace("update_date", "-update_date")).context["table"]
    assert [row.record.pk for row in table.page.object_list][-1] == never.pk


def test_an_agency_page_offers_the_sort_by_last_update(client, cast):
    police = Agency.objects.get(short_name="Herts Police")
    html = client.get(police.get_absolute_url()).content.decode()
    assert "Show the actions longest without an update first" in html
    assert "sort=update_date" in html
