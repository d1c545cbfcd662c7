"""Shared fixtures: the published 2011/12 data, and data built in code for scale tests."""

import os
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.core.management import call_command

ROOT = Path(__file__).resolve().parent.parent
YEAR_FIXTURE = ROOT / "fixtures" / "2011-12.json"
REPORT_TEXT = ROOT / "fixtures" / "dacorum-csp-2011-12-report.txt"

IN_CI = os.environ.get("CI", "").lower() == "true"

# Fixtures every test module may ask for: `ward_figures` (wards, crime types, an import).
pytest_plugins = ["tests.stats.fixtures"]


@pytest.fixture
def report(db):
    """The Dacorum CSP 2011/12 report as published, loaded from fixtures/."""
    from priorities.models import ReportingYear

    call_command("loaddata", str(YEAR_FIXTURE), verbosity=0)
    search_refresh()
    return ReportingYear.objects.get(label="2011/12")


@pytest.fixture
def report_live(transactional_db):
    """The same data for tests against a live server (flushed after each test)."""
    from priorities.models import ReportingYear

    call_command("loaddata", str(YEAR_FIXTURE), verbosity=0)
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
