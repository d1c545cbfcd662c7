"""A site served as in production, for tests that need real servers: gunicorn (production
settings, over plain HTTP on loopback) on a database of the test's own (a SQLite file, or a
new database on the PostgreSQL server DATABASE_URL names), with the 2011/12 data, the wards
and crime types, and three accounts; and visitors that talk to it as a browser without
JavaScript does. tests/test_shared_cache.py and tests/test_concurrent_saves.py use it.
"""

import http.cookiejar
import os
import re
import secrets
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from html import unescape
from pathlib import Path

from bench import common
from tests.conftest import ROOT

PASSWORD = "a long password for the tests that start servers"
ASKED = 12  # times a page is asked for at once, three at a time


def worker_number() -> int:
    """This pytest process's number among xdist's workers (0 without xdist)."""
    return int(re.sub(r"\D", "", os.environ.get("PYTEST_XDIST_WORKER", "")) or 0)


class Database:
    """A database of the test's own: a SQLite file, or a new database on the PostgreSQL
    server DATABASE_URL names (the suite's role may create databases)."""

    def __init__(self, tmp_path: Path, *, name: str):
        self.server_url = os.environ.get("DATABASE_URL", "")
        self.name = name
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


@contextmanager
def running_site(tmp_path: Path, *, workers: int, **environ_extra):
    """gunicorn with `workers` sync workers on a database of its own, torn down after."""
    database = Database(tmp_path, name=f"csp_site_{os.getpid()}")
    access_log = tmp_path / "access.log"
    environ = dict(
        os.environ,
        DJANGO_SETTINGS_MODULE="csp_tracker.settings",
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        DATABASE_URL=database.url,
        HTTPS="false",
        LOG_LEVEL="ERROR",
        MANIFEST_STATIC="false",
        GUNICORN_ACCESS_LOG=str(access_log),
        # Which worker (its process id) answered each request.
        GUNICORN_CMD_ARGS="--access-logformat '%(p)s %(r)s %(s)s'",
        **environ_extra,
    )
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
            workers=workers,
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
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies))

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

    def post_answer(self, path: str, fields: dict) -> int:
        """Post a form's fields (the CSRF token among them) to `path`, redirects not followed:
        the status of the answer."""
        data = urllib.parse.urlencode(fields).encode()
        opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.cookies), common.NoRedirect
        )
        try:
            with opener.open(urllib.request.Request(self.url + path, data=data), timeout=60) as r:
                return r.status
        except urllib.error.HTTPError as error:
            return error.code
