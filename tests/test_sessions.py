"""csp_tracker.sessions.SessionStore: Django's database session store, reading a session
with SQL written once; what it reads must be what Django's store reads."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore as DjangosStore
from django.contrib.sessions.models import Session
from django.db import connection
from django.shortcuts import resolve_url
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from csp_tracker.sessions import SessionStore
from tests.conftest import PASSWORD, user_make

pytestmark = pytest.mark.django_db


def saved(**data) -> str:
    """A session saved by Django's own store, by its key."""
    store = DjangosStore()
    store.update(data)
    store.save()
    return store.session_key


def test_the_site_uses_it():
    assert settings.SESSION_ENGINE == "csp_tracker.sessions"


def test_it_reads_what_djangos_store_reads():
    key = saved(greeting="hello", numbers=[1, 2, 3])
    ours, djangos = SessionStore(key), DjangosStore(key)
    with CaptureQueriesContext(connection) as queries:
        assert ours.load() == djangos.load() == {"greeting": "hello", "numbers": [1, 2, 3]}
    assert len(queries) == 2  # one each
    assert ours.session_key == djangos.session_key == key
    row = Session.objects.get(session_key=key)
    read = ours._get_session_from_db()
    assert (read.session_key, read.session_data, read.expire_date) == (
        row.session_key,
        row.session_data,
        row.expire_date,
    )
    assert timezone.is_aware(read.expire_date)


def test_an_expired_or_unknown_session_is_empty_and_forgotten():
    key = saved(greeting="hello")
    Session.objects.filter(session_key=key).update(
        expire_date=timezone.now() - timedelta(seconds=1)
    )
    for store in (SessionStore(key), DjangosStore(key)):
        assert store.load() == {}
        assert store.session_key is None
    for missing in ("x" * 32, None):
        assert SessionStore(missing).load() == DjangosStore(missing).load() == {}


def test_a_session_tampered_with_is_empty():
    key = saved(greeting="hello")
    Session.objects.filter(session_key=key).update(session_data="not what was signed")
    assert SessionStore(key).load() == DjangosStore(key).load() == {}


def test_signing_in_and_out_goes_through_it(client, report):
    user_make("someone", "Coordinator")
    response = client.post(
        resolve_url(settings.LOGIN_URL), {"username": "someone", "password": PASSWORD}
    )
    assert response.status_code == 302
    key = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert SessionStore(key).load()["_auth_user_id"]
    assert client.get("/").context["user"].username == "someone"
    client.logout()
    assert SessionStore(key).load() == {}
    assert not Session.objects.filter(session_key=key).exists()
