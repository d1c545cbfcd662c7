"""Pages kept in Django's cache (csp_tracker.middleware.CachedPageMiddleware): whole for
visitors without a session, their costly fragments for everyone, each under a key naming
the data version, so that after any write the next request shows it."""

import re

from django.core.cache import cache
from django.core.cache.utils import make_template_fragment_key
from django.test import Client

from actions.models import Action
from actions.services import action_update
from csp_tracker import freshness

PRIORITY = "/years/2011-12/priorities/1/"


def police_row() -> Action:
    return Action.objects.get(priority__number=1, position=2)


def masked(html: str) -> str:
    """The page with its CSRF tokens (one per response) masked."""
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "TOKEN", html)


def test_a_visitor_without_a_session_is_served_the_kept_page_after_one_query(
    client, report, django_assert_num_queries
):
    first = client.get(PRIORITY)
    assert first.context is not None  # rendered
    with django_assert_num_queries(1):  # the data version; the page comes from the cache
        second = client.get(PRIORITY)
    assert second.status_code == 200
    assert second.context is None  # not rendered
    assert second.content == first.content
    assert second["ETag"] == first["ETag"]
    assert second["Content-Type"] == "text/html; charset=utf-8"
    assert second["Cache-Control"] == "no-cache"
    assert "Cookie" in second["Vary"]


def test_each_address_with_its_query_is_kept_apart(client, report):
    plain = client.get(PRIORITY).content.decode()
    sorted_page = client.get(PRIORITY, {"sort": "-lead"}).content.decode()
    searched = client.get(PRIORITY, {"q": "Halloween"}).content.decode()
    assert plain != sorted_page != searched
    assert client.get(PRIORITY, {"q": "Halloween"}).content.decode() == searched
    assert "1 action matches the filters" in searched


def test_a_write_is_on_the_next_request_for_a_visitor_without_a_session(client, cast):
    client.get(PRIORITY)
    row = police_row()
    action_update(
        action=row, user=cast.coordinator, version=row.version, data={"update": "Just now"}
    )
    response = client.get(PRIORITY)
    assert response.context is not None  # rendered afresh
    assert "Just now" in response.content.decode()


def test_a_kept_whole_page_holds_no_token_and_nobody_in_particular(client, cast):
    for path in ("/", PRIORITY, "/agencies/", "/county/", police_row().get_absolute_url()):
        response = client.get(path)
        kept = cache.get(
            freshness.page_cache_key(response.wsgi_request, version=freshness.data_version())
        )
        assert kept is not None, path
        assert b"csrfmiddlewaretoken" not in kept["content"], path
        assert b"Sign out" not in kept["content"], path


def test_signed_in_pages_are_never_kept_whole(client, cast):
    client.force_login(cast.coordinator)
    first = client.get(PRIORITY)
    second = client.get(PRIORITY)
    assert second.context is not None  # rendered for them
    assert masked(second.content.decode()) == masked(first.content.decode())
    assert "Sign out" in second.content.decode()


def test_a_signed_in_page_renders_its_kept_fragments_with_fewer_queries(client, cast):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(cast.councillor)
    with CaptureQueriesContext(connection) as first:
        rendered = client.get(PRIORITY)
    with CaptureQueriesContext(connection) as second:
        kept = client.get(PRIORITY)
    # The table's rows, their leads and linked work, and the ward breakdown are not read.
    assert len(second.captured_queries) < len(first.captured_queries) - 2
    assert masked(kept.content.decode()) == masked(rendered.content.decode())


def fragment(name: str, response) -> str | None:
    vary = freshness.fragment_vary(response.wsgi_request)
    return cache.get(make_template_fragment_key(name, [vary]))


def test_a_kept_fragment_holds_no_token_and_no_name(client, cast):
    client.force_login(cast.coordinator)
    response = client.get(PRIORITY)
    table = fragment("priority-actions", response)
    assert table is not None
    assert "Move row 2 up" in table
    assert "csrfmiddlewaretoken" not in table
    assert cast.coordinator.get_full_name() not in table


def test_fragments_are_kept_apart_for_visitors_allowed_different_things(cast):
    coordinator, partner, councillor = Client(), Client(), Client()
    coordinator.force_login(cast.coordinator)
    partner.force_login(cast.partner)
    councillor.force_login(cast.councillor)
    row = police_row()  # led by Herts Police, the partner's agency
    edit = f'href="/actions/{row.pk}/edit/"'

    coordinator_page = coordinator.get(PRIORITY).content.decode()
    partner_page = partner.get(PRIORITY).content.decode()
    councillor_page = councillor.get(PRIORITY).content.decode()

    assert "Move row 2 up" in coordinator_page
    assert edit in partner_page
    assert "Move row" not in partner_page
    assert edit not in councillor_page
    assert "Ward breakdown" in councillor_page


def test_two_partners_of_different_agencies_get_their_own_edit_links(cast):
    from actions.models import Agency
    from tests.conftest import user_make

    police, fire = Client(), Client()
    police.force_login(cast.partner)
    firefighter = user_make("firefighter", "Partner")
    Agency.objects.get(short_name="HFRS").members.add(firefighter)
    fire.force_login(firefighter)
    row = police_row()
    edit = f'href="/actions/{row.pk}/edit/"'
    assert edit in police.get(PRIORITY).content.decode()
    assert edit not in fire.get(PRIORITY).content.decode()


def test_an_edit_is_in_the_next_signed_in_page_too(client, cast):
    client.force_login(cast.coordinator)
    client.get(PRIORITY)
    row = police_row()
    action_update(
        action=row, user=cast.coordinator, version=row.version, data={"update": "Fresh news"}
    )
    assert "Fresh news" in client.get(PRIORITY).content.decode()


def test_pages_that_change_with_the_clock_are_not_kept(client, cast):
    client.force_login(cast.coordinator)
    client.get("/updates-due/")
    assert client.get("/updates-due/").context is not None


def test_the_move_buttons_post_the_pages_one_form(client, cast):
    client.force_login(cast.coordinator)
    html = client.get(PRIORITY).content.decode()
    row = police_row()
    assert f'<button type="submit" form="move-rows" formaction="/actions/{row.pk}/move/up/"' in html
    assert re.search(
        r'<form id="move-rows" method="post" class="app-move-form">'
        r'<input type="hidden" name="csrfmiddlewaretoken"',
        html,
    )


def test_a_kept_download_is_still_a_download_with_its_name(client, report):
    first = client.get(PRIORITY, {"_export": "csv"})
    second = client.get(PRIORITY, {"_export": "csv"})
    assert second.context is None  # from the cache
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"] == "text/csv; charset=utf-8"
    assert second["Content-Disposition"] == first["Content-Disposition"]
    assert "2011-12-priority-1-" in second["Content-Disposition"]


def test_a_shared_cache_that_is_away_is_a_cache_that_keeps_nothing(client, cast, settings):
    """With REDIS_URL naming a Redis that cannot be reached, pages are rendered afresh."""
    settings.CACHES = {
        "default": {
            "BACKEND": "csp_tracker.cache.ForgivingRedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",  # the discard port: nothing listens
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
    for _ in range(2):
        response = client.get(PRIORITY)
        assert response.status_code == 200
        assert response.context is not None  # rendered afresh each time
    client.force_login(cast.coordinator)
    response = client.get(PRIORITY)
    assert response.status_code == 200
    assert "Move row 2 up" in response.content.decode()  # the table, its fragment not kept
