"""The cache shared by app servers: a real Redis server (REDIS_URL) and gunicorn with two
workers, serving a database of its own with production settings. An edit on the site, an
edit in the admin and an import are each on the next request, whichever worker answers.

Needs REDIS_URL (a Redis server this test may empty one database of: the database number
in the URL is replaced by one for each pytest worker). Without it the test is skipped,
except in CI (CI=true), where .ci/run starts Debian's redis-server and a skip fails the run.
"""

import http.cookiejar
import os
import re
import secrets
import subprocess
import sys
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from html import unescape
from pathlib import Path

import pytest

from bench import common
from tests.conftest import IN_CI, ROOT

pytestmark = pytest.mark.shared_cache

PRIORITY = "/years/2011-12/priorities/1/"
WARD = "/wards/dacorum-2007/boxmoor/"
ASKED = 12  # times a page is asked for at once, three at a time
PASSWORD = "a long password for the shared cache test"


def redis_url() -> str:
    url = os.environ.get("REDIS_URL", "")
    if not url:
        message = (
            "REDIS_URL is not set: this test needs a Redis server (apt-get install redis-server)."
        )
        if IN_CI:
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    parts = urllib.parse.urlsplit(url)
    return urllib.parse.urlunsplit(parts._replace(path=f"/{1 + worker_number() % 15}"))


def worker_number() -> int:
    """This pytest process's number among xdist's workers (0 without xdist)."""
    return int(re.sub(r"\D", "", os.environ.get("PYTEST_XDIST_WORKER", "")) or 0)


class Database:
    """A database of the test's own: a SQLite file, or a new database on the PostgreSQL
    server DATABASE_URL names (the suite's role may create databases)."""

    def __init__(self, tmp_path: Path):
        self.server_url = os.environ.get("DATABASE_URL", "")
        self.name = f"csp_shared_cache_{os.getpid()}"
        if self.server_url.startswith("postgres"):
            parts = urllib.parse.urlsplit(self.server_url)
            self.url = urllib.parse.urlunsplit(parts._replace(path=f"/{self.name}"))
            self._postgres(f'CREATE DATABASE "{self.name}"')
        else:
            self.url = f"sqlite:///{tmp_path / 'site.sqlite3'}"

    def _postgres(self, statement: str) -> None:
        import psycopg

        with psycopg.connect(self.server_url, autocommit=True) as connection:
            connection.execute(statement)

    def drop(self) -> None:
        if self.server_url.startswith("postgres"):
            self._postgres(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')


def manage(environ: dict, *args: str, stdin: str | None = None) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environ,
        input=stdin,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


ACCOUNTS = f"""
from django.contrib.auth.models import Group, User
for username, role in [("coordinator", "Coordinator"), ("councillor", "Councillor")]:
    user = User.objects.create_user(username, f"{{username}}@example.invalid", "{PASSWORD}")
    user.groups.add(Group.objects.get(name=role))
User.objects.create_superuser("admin", "admin@example.invalid", "{PASSWORD}")
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """gunicorn with two workers on a database and a Redis database of the test's own."""
    cache_url = redis_url()
    tmp_path = tmp_path_factory.mktemp("shared-cache")
    database = Database(tmp_path)
    access_log = tmp_path / "access.log"
    environ = dict(
        os.environ,
        DJANGO_SETTINGS_MODULE="csp_tracker.settings",
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        DATABASE_URL=database.url,
        REDIS_URL=cache_url,
        HTTPS="false",
        LOG_LEVEL="ERROR",
        MANIFEST_STATIC="false",
        GUNICORN_ACCESS_LOG=str(access_log),
        # Which worker (its process id) answered each request.
        GUNICORN_CMD_ARGS="--access-logformat '%(p)s %(r)s %(s)s'",
    )
    import redis

    redis.Redis.from_url(cache_url).flushdb()
    try:
        manage(environ, "migrate", "--no-input", "-v0")
        manage(environ, "loadyearfixture", "fixtures/2011-12.json", "--year", "2011/12")
        manage(
            environ,
            "loadstatsfixture",
            "fixtures/dacorum-wards-2007.json",
            "fixtures/police-uk-crime-types.json",
        )
        manage(environ, "shell", "-c", ACCOUNTS)
        # A range of ports for each pytest process: two starting at once could pick the same.
        with common.gunicorn(
            environ,
            workers=2,
            log=tmp_path / "gunicorn.log",
            port_from=59000 + 200 * worker_number(),
        ) as server:
            yield Site(server.url, environ, tmp_path, access_log)
    finally:
        database.drop()


class Site:
    def __init__(self, url: str, environ: dict, tmp_path: Path, access_log: Path):
        self.url, self.environ, self.tmp_path, self.access_log = url, environ, tmp_path, access_log

    def visitor(self) -> "Visitor":
        return Visitor(self.url)

    def signed_in(self, username: str) -> "Visitor":
        visitor = Visitor(self.url)
        visitor.sign_in(username)
        return visitor

    def log_mark(self) -> int:
        return len(self.access_log.read_text().splitlines())

    def workers_that_answered(self, path: str, *, since: int) -> set[str]:
        """The process ids of the workers that answered `path` after the log's line `since`."""
        lines = self.access_log.read_text().splitlines()[since:]
        return {line.split()[0] for line in lines if f"GET {path} " in line}

    def shown_by_every_worker(self, visitor: "Visitor", path: str, text: str) -> int:
        """Ask for `path` until each of the two workers has answered it at least once since
        now, checking that every answer shows `text`; returns how many answers were read."""
        mark, answers = self.log_mark(), 0
        for _ in range(10):
            pages = visitor.asked_again(path)
            answers += len(pages)
            for page in pages:
                assert text in page, f"{path} without {text!r}"
            if len(self.workers_that_answered(path, since=mark)) == 2:
                return answers
        raise AssertionError(f"{answers} answers of {path}, all from one worker")


class Visitor:
    """A browser without JavaScript: cookies kept, forms posted with their CSRF token."""

    def __init__(self, url: str):
        self.url = url
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )

    def get(self, path: str) -> str:
        with self.opener.open(self.url + path, timeout=30) as response:
            assert response.status == 200, path
            return unescape(response.read().decode())

    def post(self, path: str, fields: dict) -> str:
        form = self.get(path)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form)[1]
        data = urllib.parse.urlencode({"csrfmiddlewaretoken": token, **fields}).encode()
        request = urllib.request.Request(self.url + path, data=data)
        with self.opener.open(request, timeout=30) as response:
            return unescape(response.read().decode())

    def sign_in(self, username: str) -> None:
        page = self.post("/accounts/login/", {"username": username, "password": PASSWORD})
        assert "Sign out" in page, page[:500]

    def asked_again(self, path: str, times: int = ASKED) -> list[str]:
        """`path` asked for `times` times, three at a time: while one worker answers, the
        other takes the next."""
        with ThreadPoolExecutor(max_workers=3) as pool:
            return list(pool.map(lambda _: self.get(path), range(times)))


def test_an_edit_on_the_site_is_on_the_next_request_whichever_worker_answers(site):
    reader, coordinator = site.visitor(), site.signed_in("coordinator")
    before = reader.asked_again(PRIORITY) + coordinator.asked_again(PRIORITY)
    assert not any("Kept fresh across workers" in page for page in before)

    form = coordinator.get("/actions/2/edit/")
    version = re.search(r'name="version" value="(\d+)"', form)[1]
    target = unescape(re.search(r'<textarea name="target"[^>]*>\n?(.*?)</textarea>', form, re.S)[1])
    timescale = re.search(r'name="timescale" value="([^"]*)"', form)[1]
    saved = coordinator.post(
        "/actions/2/edit/",
        {
            "version": version,
            "update": "Kept fresh across workers",
            "progress_status": "green",
            "target": target,
            "timescale": timescale,
        },
    )
    assert "Your update has been saved" in saved

    site.shown_by_every_worker(reader, PRIORITY, "Kept fresh across workers")
    site.shown_by_every_worker(coordinator, PRIORITY, "Kept fresh across workers")


def test_an_edit_in_the_admin_is_on_the_next_request_whichever_worker_answers(site):
    reader, admin = site.visitor(), site.signed_in("admin")
    assert all("Vehicle Crime" in page for page in reader.asked_again("/county/"))

    changed = admin.post(
        "/admin/stats/crimecategory/3/change/",
        {"name": "Vehicle Crime (renamed in the admin)", "slug": "vehicle-crime", "position": 3},
    )
    assert "was changed successfully" in changed

    site.shown_by_every_worker(reader, "/county/", "Vehicle Crime (renamed in the admin)")


def test_an_import_is_on_the_next_request_whichever_worker_answers(site):
    councillor = site.signed_in("councillor")
    counts = site.tmp_path / "counts.csv"
    counts.write_text("ward,month,crime_type,count\nBoxmoor,2012-04,Burglary,7\n")
    manage(site.environ, "importwardcounts", str(counts), "--source", "A test's counts")
    assert all("Boxmoor: 7 (" in page for page in councillor.asked_again(WARD))

    counts.write_text("ward,month,crime_type,count\nBoxmoor,2012-04,Burglary,9\n")
    manage(site.environ, "importwardcounts", str(counts), "--source", "A test's counts")

    site.shown_by_every_worker(councillor, WARD, "Boxmoor: 9 (")
