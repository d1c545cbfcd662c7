"""The load test: readers and coordinators at the same time, against gunicorn and PostgreSQL.

    BENCH_DATABASE_URL=postgres://… python -m bench.load [--seconds 60] [--readers 32]
        [--editors 4] [--workers 4]

Builds the data set of bench/data.py (once) in BENCH_DATABASE_URL, a PostgreSQL database
of the benchmarks' own; starts gunicorn on loopback; then for --seconds runs wrk with
--readers connections requesting the site's pages in turn while --editors coordinators,
each signed in with a session of their own, open the edit form of one of a few actions
(the same few, so that they collide) and save it with the form's version and CSRF token,
as a browser does. It prints the 5xx answers, the edits attempted, saved (302), refused
as conflicts (409, which is the site working, not an error) and the edits in the history
(new ActionUpdate rows). It exits 1 unless there were no 5xx and saved equals history.
"""

import argparse
import os
import random
import sys
import threading
import time
import urllib.parse
from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from . import common, data

LUA_LOAD = Path(__file__).resolve().parent / "load.lua"


class FormReader(HTMLParser):
    """The values an edit form would post: inputs, checked radios and textareas."""

    def __init__(self):
        super().__init__()
        self.values, self._textarea = {}, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name:
            if attrs.get("type") != "radio" or "checked" in attrs:
                self.values[name] = attrs.get("value", "")
        elif tag == "textarea" and name:
            self._textarea = name
            self.values[name] = ""

    def handle_endtag(self, tag):
        if tag == "textarea":
            self._textarea = None

    def handle_data(self, text):
        if self._textarea:
            self.values[self._textarea] += text


@dataclass(eq=False)
class Editor(threading.Thread):
    """A coordinator saving edits, one after another, until told to stop."""

    url: str
    cookie: str
    action_ids: list[int]
    number: int
    tally: Counter = field(default_factory=Counter)
    problems: list[str] = field(default_factory=list)

    def __post_init__(self):
        threading.Thread.__init__(self, daemon=True)
        self.stopping = threading.Event()
        self.rng = random.Random(self.number)

    def run(self):
        while not self.stopping.is_set():
            try:
                self.edit(self.rng.choice(self.action_ids))
            except OSError as error:
                self.tally["no answer"] += 1
                self.problems.append(f"no answer: {error}")

    def edit(self, action_id: int):
        path = f"/actions/{action_id}/edit/"
        form = common.get(self.url + path, {"Cookie": self.cookie})
        self.tally[f"form {form.status}"] += 1
        if form.status != 200:
            self.problems.append(f"GET {path}: {form.status}")
            return
        reader = FormReader()
        reader.feed(form.body)
        values = dict(reader.values)
        values["update"] = f"Load test: editor {self.number}, {time.time():.6f}"
        values["progress_status"] = self.rng.choice(["red", "amber", "green"])
        # Someone else may save between this GET and the POST: that is a conflict (409).
        answer = common.get(
            self.url + path,
            {"Cookie": self.cookie, "Content-Type": "application/x-www-form-urlencoded"},
            data=urllib.parse.urlencode(values).encode(),
        )
        self.tally["attempted"] += 1
        if answer.status == 302:
            self.tally["saved"] += 1
        elif answer.status == 409:
            self.tally["conflicts"] += 1
        else:
            self.tally[f"edit {answer.status}"] += 1
            if answer.status >= 500:
                self.tally["5xx"] += 1
            self.problems.append(f"POST {path}: {answer.status}")


def coordinator_cookies(count: int) -> list[str]:
    """Cookie headers for `count` coordinators, each with a session and a CSRF secret."""
    from django.conf import settings
    from django.contrib.auth.models import Group, User
    from django.test import Client
    from django.utils.crypto import get_random_string

    cookies = []
    for n in range(1, count + 1):
        user, _ = User.objects.get_or_create(
            username=f"{data.COORDINATOR}-{n}",
            defaults={"first_name": "Load", "last_name": f"Coordinator {n}"},
        )
        user.groups.add(Group.objects.get(name="Coordinator"))
        client = Client()
        client.force_login(user, backend="accounts.backends.RoleModelBackend")
        session = client.cookies[settings.SESSION_COOKIE_NAME].value
        cookies.append(
            f"{settings.SESSION_COOKIE_NAME}={session}; "
            f"{settings.CSRF_COOKIE_NAME}={get_random_string(32)}"
        )
    return cookies


def reader_paths() -> list[str]:
    """The pages the readers request in turn: the 2011/12 year's, and a big priority."""
    from actions.models import Action, Agency
    from priorities.models import ReportingYear

    year = ReportingYear.objects.get(label="2011/12")
    paths = ["/", year.get_absolute_url(), "/agencies/", "/county/"]
    paths += [priority.get_absolute_url() for priority in year.priorities.order_by("number")]
    paths += [a.get_absolute_url() for a in Action.objects.filter(priority__year=year)[:10]]
    paths += [a.get_absolute_url() for a in Agency.objects.filter(parent=None)[:5]]
    paths.append(f"/years/{data.BIG_PRIORITY_YEAR}/priorities/1/?page=2")
    return paths


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--readers", type=int, default=32, help="wrk connections")
    parser.add_argument("--editors", type=int, default=4, help="coordinators saving edits")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn sync workers")
    args = parser.parse_args(argv)
    database_url = os.environ.get("BENCH_DATABASE_URL", "")
    if not database_url.startswith(("postgres://", "postgresql://")):
        raise SystemExit("Set BENCH_DATABASE_URL to a PostgreSQL database of the benchmarks' own")

    environ = common.site_environment(database_url, GUNICORN_ACCESS_LOG="")
    common.django_setup(environ)
    from django.core.management import call_command

    from actions.models import Action, ActionUpdate

    call_command("migrate", verbosity=0)
    data.build()
    call_command("collectstatic", interactive=False, verbosity=0)
    cookies = coordinator_cookies(args.editors)
    paths = reader_paths()
    # Six actions for four editors: they often open the same one.
    action_ids = list(
        Action.objects.filter(priority__year__label="2011/12", priority__number=1).values_list(
            "pk", flat=True
        )
    )
    history_before = ActionUpdate.objects.count()

    log = Path("/tmp/csp-tracker-bench/gunicorn-load.log")
    log.parent.mkdir(exist_ok=True)
    with common.gunicorn(environ, workers=args.workers, log=log) as server:
        editors = [Editor(server.url, cookie, action_ids, n) for n, cookie in enumerate(cookies, 1)]
        for editor in editors:
            editor.start()
        readers = common.wrk(
            server.url + paths[0],
            headers={},
            seconds=args.seconds,
            connections=args.readers,
            threads=2,
            script=LUA_LOAD,
            script_args=paths,
        )
        for editor in editors:
            editor.stopping.set()
        for editor in editors:
            editor.join(timeout=60)

    tally = sum((editor.tally for editor in editors), Counter())
    history = ActionUpdate.objects.count() - history_before
    server_errors = readers["server_errors"] + tally["5xx"]
    lines = [
        f"Load test: `python -m bench.load --seconds {args.seconds} --readers {args.readers} "
        f"--editors {args.editors} --workers {args.workers}` ({args.workers} gunicorn sync "
        f"workers, PostgreSQL, on {os.cpu_count()} cores shared with wrk)",
        f"- readers: {readers['requests']:,} requests, {readers['rps']:,.0f}/s, "
        f"p50 {readers['p50'] / 1000:.0f} ms, p99 {readers['p99'] / 1000:.0f} ms, "
        f"socket errors {readers['connect'] + readers['read'] + readers['write']}, "
        f"timeouts {readers['timeout']}",
        f"- 5xx answers: {server_errors}",
        f"- edits attempted: {tally['attempted']}, saved: {tally['saved']}, "
        f"conflicts (409): {tally['conflicts']}, other: "
        f"{tally['attempted'] - tally['saved'] - tally['conflicts']}",
        f"- edits in the history (new ActionUpdate rows): {history}",
    ]
    problems = [p for editor in editors for p in editor.problems][:10]
    ok = server_errors == 0 and tally["saved"] == history and tally["attempted"] > 0
    lines.append(f"Load test: {'passed' if ok else 'FAILED'} (5xx = 0 and saved = history)")
    print("\n".join(lines + [f"  {p}" for p in problems]))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
