"""Shared fixtures: the published 2011/12 data, and data built in code for scale tests."""

import copy
import functools
import os
from pathlib import Path
from types import SimpleNamespace

import pytest

ROOT = Path(__file__).resolve().parent.parent
YEAR_FIXTURE = ROOT / "fixtures" / "2011-12.json"
REPORT_TEXT = ROOT / "fixtures" / "dacorum-csp-2011-12-report.txt"

IN_CI = os.environ.get("CI", "").lower() == "true"

# Fixtures every test module may ask for: `ward_figures` (wards, crime types, an import).
pytest_plugins = ["tests.stats.fixtures"]


@pytest.fixture
def report(db):
    """The Dacorum CSP 2011/12 report as published, loaded from fixtures/."""
    return year_load()


@pytest.fixture
def report_live(transactional_db):
    """The same data for tests against a live server (flushed after each test)."""
    return year_load()


@functools.cache
def year_objects() -> list[tuple[type, list]]:
    """The rows of fixtures/2011-12.json as unsaved model instances, model by model in the
    file's order (each model's after those it refers to), read once per process."""
    from django.core import serializers

    groups: list[tuple[type, list]] = []
    with YEAR_FIXTURE.open(encoding="utf-8") as stream:
        for deserialized in serializers.deserialize("json", stream):
            instance = deserialized.object
            if not groups or groups[-1][0] is not type(instance):
                groups.append((type(instance), []))
            groups[-1][1].append(instance)
    return groups


def year_load():
    """The 2011/12 year, as `loaddata fixtures/2011-12.json` writes it (the same rows,
    ids included, no `save()` run), in one INSERT a model rather than one a row: the
    fixture runs for most tests. The database's id sequences are then moved past the
    fixture's ids, as loaddata does."""
    from django.core.management.color import no_style
    from django.db import connection

    from priorities.models import ReportingYear

    for model, instances in year_objects():
        model.objects.bulk_create([copy.copy(instance) for instance in instances])
    models = [model for model, _ in year_objects()]
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), models):
            cursor.execute(sql)
    search_refresh()
    return ReportingYear.objects.get(label="2011/12")


def search_refresh():
    """loaddata writes rows as they are in the file: the search column (PostgreSQL) is
    filled in as year_load_fixture does."""
    from actions.services import action_search_refresh

    action_search_refresh()


PASSWORD = "a long test password, not a demo one"


@pytest.fixture(autouse=True)
def empty_cache(settings):
    """Each test starts with nothing kept in Django's cache (pages and fragments are kept
    by data version, and two tests' databases can be at the same version), in a cache of
    this process's own memory: REDIS_URL, if set, is for the servers that
    tests/test_shared_cache.py starts, never shared by pytest's workers."""
    from django.core.cache import cache

    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "tests"}
    }
    cache.clear()


@pytest.fixture(autouse=True)
def fresh_content_types():
    """ContentType's per-process cache forgotten before each test: a live-server test
    empties the database and its content types come back under new ids, which a cache
    kept from an earlier test would give to the audit trail (whose labels then vanish)."""
    from django.contrib.contenttypes.models import ContentType

    ContentType.objects.clear_cache()


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Hashing at full strength takes most of a second a password; tests need none of it."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def user_make(username: str, role: str | None, **fields):
    from django.contrib.auth.models import Group, User

    user = User.objects.create_user(
        username, f"{username}@example.invalid", PASSWORD, first_name=username.title(), **fields
    )
    if role:
        user.groups.add(Group.objects.get(name=role))
    return user


def cast_make() -> SimpleNamespace:
    from actions.models import Agency

    partner = user_make("partner", "Partner")
    Agency.objects.get(short_name="Herts Police").members.add(partner)
    return SimpleNamespace(
        anonymous=None,
        councillor=user_make("councillor", "Councillor"),
        partner=partner,
        coordinator=user_make("coordinator", "Coordinator"),
        administrator=user_make("administrator", "Administrator", is_staff=True, is_superuser=True),
    )


@pytest.fixture
def cast(report):
    """The people the site serves, each in their role; the partner works for Herts Police.

    `anonymous` is None: the test client without a login. Passwords are PASSWORD.
    `report` is the 2011/12 year they work on.
    """
    people = cast_make()
    people.report = report
    return people


@pytest.fixture
def cast_live(report_live):
    """The same people, for tests against a live server."""
    return cast_make()


def pytest_sessionfinish(session, exitstatus):
    """In CI no test may be skipped or expected to fail: either would prove nothing."""
    if not IN_CI:
        return
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    if reporter is None:
        return
    idle = len(reporter.stats.get("skipped", [])) + len(reporter.stats.get("xfailed", []))
    if idle:
        reporter.write_line(
            f"CI=true and {idle} test(s) were skipped or xfailed: failing the run.", red=True
        )
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


@pytest.fixture
def partners_publish_directly(db):
    """The partnership's setting off: a partner's saved update is published at once, with
    no coordinator's approval (as before approval existed; the default is on)."""
    from priorities.models import Partnership

    Partnership.objects.update_or_create(pk=1, defaults={"updates_need_approval": False})
