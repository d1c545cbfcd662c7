"""The benchmark: the site's pages against the bare stack, in one run, as a table.

    python -m bench.run [--seconds 5] [--rounds 2] [--connections 8] [--threads 2] [--workers 2]

Builds the data set of bench/data.py (once) in BENCH_DATABASE_URL (default: SQLite in
/tmp/csp-tracker-bench/), collects the static files, and starts two gunicorns with
production settings (served over plain HTTP on loopback): one with the site's cache (each
worker's memory, or the Redis server REDIS_URL names), one with a cache that keeps nothing
(bench/settings.py, BENCH_CACHE=dummy). It measures with wrk, one after another: the home,
priority, agency, county and ward pages at the 2011/12 size and the search page over
every year's actions, as an anonymous visitor and
as a signed-in coordinator, each rendered afresh (nothing reusable), asked for again by a
new visitor (no If-None-Match: the kept page, or for the coordinator the page rendered
around its kept fragments), and asked for again with the ETag it was given (304); the
priority with 1,000 actions, afresh, one request at a time; a bare Django view; a static
file served by WhiteNoise; and Django admin's changelist over the same rows, each measured
straight after every page compared with it (a page's ratio to it is the median of its
rounds' ratios: the machine's speed drifts over minutes). It prints a Markdown table
(docs/performance.md) and whether each target is met. Loopback only, and bounded: one wrk
at a time for --seconds.
"""

import argparse
import os
import re
import statistics
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from . import common, data

DEFAULT_DATABASE = "sqlite:////tmp/csp-tracker-bench/bench.sqlite3"


# What the search cases look for: two of the generated text's words, which between them
# match most of the 6,000 actions of every year (the worst case: all of them ranked).
SEARCH = "burglary+cctv"

# How a page is asked for: rendered afresh with nothing reusable (the server without a
# cache), asked again by a new visitor with nothing changed (the page, or its fragments,
# kept in the cache), or asked again with its ETag (304).
AFRESH, KEPT, ETAG = "afresh", "kept", "304"


@dataclass
class Case:
    name: str
    path: str
    who: str = "anonymous"  # anonymous, coordinator or admin
    how: str = AFRESH
    single: bool = False  # one connection, one request at a time
    reference: str = ""  # the case it is compared with ("÷ admin")
    result: dict = field(default_factory=dict)
    queries: int | None = None
    # Requests per second ÷ its reference's, measured one straight after the other: a
    # ratio per round (the machine is shared, and its speed drifts over minutes).
    ratios: list[float] = field(default_factory=list)

    @property
    def ratio(self) -> float:
        return statistics.median(self.ratios)

    @property
    def again(self) -> bool:
        return self.how == ETAG

    @property
    def server(self) -> str:
        """Which gunicorn answers: the one whose cache keeps nothing, or the site's."""
        return "fresh" if self.how == AFRESH else "cached"

    @property
    def label(self) -> str:
        how = {AFRESH: "afresh", KEPT: "again, new visitor", ETAG: "again (304)"}[self.how]
        return f"{self.name}, {self.who}, {how}" if self.who != "admin" else self.name


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=5, help="wrk's duration per case")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers")
    parser.add_argument(
        "--rounds",
        type=int,
        default=2,
        help="measure every case this many times, round after round, and keep its best: "
        "other work on the machine then skews one round, not the comparison",
    )
    parser.add_argument("--only", help="run only the cases whose label contains this")
    args = parser.parse_args(argv)

    database_url = os.environ.get("BENCH_DATABASE_URL") or DEFAULT_DATABASE
    if database_url == DEFAULT_DATABASE:
        Path("/tmp/csp-tracker-bench").mkdir(exist_ok=True)
    environ = common.site_environment(database_url, GUNICORN_ACCESS_LOG="")
    fresh_environ = dict(environ, BENCH_CACHE="dummy")
    # This process counts each page's queries as rendered afresh.
    common.django_setup(fresh_environ)
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    data.build()
    call_command("collectstatic", interactive=False, verbosity=0)
    cookies = sessions()
    cases = cases_make()
    if args.only:
        # The cases the ratios are worked out against stay in.
        kept = [c for c in cases if args.only in c.label]
        references = {"static file", "bare Django view"} | {c.reference for c in kept}
        cases = [c for c in cases if c in kept or c.name in references]
    count_queries(cases, cookies)
    growth = queries_as_data_grows(cookies)

    log = Path("/tmp/csp-tracker-bench/gunicorn.log")
    log.parent.mkdir(exist_ok=True)
    started = time.strftime("%Y-%m-%d %H:%M")
    with (
        common.gunicorn(environ, workers=args.workers, log=log) as cached,
        common.gunicorn(fresh_environ, workers=args.workers, log=log) as fresh,
    ):
        servers = {"cached": cached, "fresh": fresh}
        headers = {id(case): request_headers(servers[case.server], case, cookies) for case in cases}

        def measure(case: Case, round_number: int) -> dict:
            seconds = max(3, args.seconds // 2) if case.single else args.seconds
            connections, threads = (1, 1) if case.single else (args.connections, args.threads)
            result = common.wrk(
                servers[case.server].url + case.path,
                headers=headers[id(case)],
                seconds=seconds,
                connections=connections,
                threads=threads,
            )
            if not case.result or result["rps"] > case.result["rps"]:
                case.result = result
            print(
                f"  round {round_number}, {case.label}: {result['rps']:,.0f} requests/s",
                file=sys.stderr,
            )
            return result

        referenced = {case.reference for case in cases if case.reference}
        for round_number in range(1, args.rounds + 1):
            for case in cases:
                if case.name in referenced:
                    continue  # measured beside each page compared with it
                result = measure(case, round_number)
                if case.reference and case.how == AFRESH:
                    reference = measure(by_name(cases, case.reference), round_number)
                    case.ratios.append(result["rps"] / reference["rps"])
    print(report(cases, args, database_url, started, cache=cache_name(), growth=growth))
    return 0 if all(ok for _, ok in targets(cases, growth)) else 1


def sessions() -> dict[str, str]:
    """The Cookie headers of the benchmark's coordinator and administrator: a session, and
    a CSRF secret, as a browser holds once it has seen a page with a form."""
    from django.conf import settings
    from django.contrib.auth.models import User
    from django.test import Client
    from django.utils.crypto import get_random_string

    cookies = {"anonymous": ""}
    for who, username in (("coordinator", data.COORDINATOR), ("admin", data.ADMINISTRATOR)):
        client = Client()
        client.force_login(
            User.objects.get(username=username), backend="accounts.backends.RoleModelBackend"
        )
        session = client.cookies[settings.SESSION_COOKIE_NAME].value
        cookies[who] = (
            f"{settings.SESSION_COOKIE_NAME}={session}; "
            f"{settings.CSRF_COOKIE_NAME}={get_random_string(32)}"
        )
    return cookies


def cases_make() -> list[Case]:
    from actions.models import Agency
    from priorities.models import Priority, ReportingYear
    from stats.models import StatisticsSnapshot, Ward

    year = ReportingYear.objects.get(label="2011/12")
    priority = Priority.objects.get(year=year, number=6)  # the largest published table, 8 rows
    dbc = Agency.objects.get(short_name="DBC")
    ward = Ward.objects.order_by("name").first()
    snapshot = StatisticsSnapshot.objects.get(year=year)
    action_changelist = (
        f"/admin/actions/action/?priority__year__id__exact={year.pk}"
        f"&priority__number={priority.number}"
    )
    admin = [
        Case("admin changelist: the priority's actions", action_changelist, "admin"),
        Case(
            "admin changelist: DBC's actions",
            f"/admin/actions/action/?lead_agencies__id__exact={dbc.pk}",
            "admin",
        ),
        Case(
            "admin changelist: the year's priorities",
            f"/admin/priorities/priority/?year__id__exact={year.pk}",
            "admin",
        ),
        Case(
            "admin changelist: the county table's rows",
            f"/admin/stats/crimestatistic/?snapshot__year__id__exact={year.pk}",
            "admin",
        ),
        # The ward pages' rows: the ward set's 25 wards; a ward's 14 crime types.
        Case(
            "admin changelist: the ward set's wards",
            f"/admin/stats/ward/?ward_set__id__exact={ward.ward_set_id}",
            "admin",
        ),
        Case("admin changelist: the crime types", "/admin/stats/crimetype/", "admin"),
        # The search page's rows: the admin's own search over every year's actions.
        Case("admin changelist: actions searched", f"/admin/actions/action/?q={SEARCH}", "admin"),
    ]
    references = {
        "home": admin[2].name,
        "priority": admin[0].name,
        "agency": admin[1].name,
        "county": admin[3].name,
        "ward": admin[5].name,
        "wards": admin[4].name,
        "search": admin[6].name,
    }
    pages = [
        ("home", "/", ("anonymous", "coordinator")),
        ("priority", priority.get_absolute_url(), ("anonymous", "coordinator")),
        ("agency", dbc.get_absolute_url(), ("anonymous", "coordinator")),
        ("county", f"/county/{snapshot.pk}/", ("anonymous", "coordinator")),
        ("ward", ward.get_absolute_url(), ("coordinator",)),
        ("wards", "/wards/", ("coordinator",)),
        ("search", f"/search/?q={SEARCH}", ("anonymous", "coordinator")),
    ]
    cases = []
    for name, path, whos in pages:
        for who in whos:
            for how in (AFRESH, KEPT, ETAG):
                reference = references[name] if how == AFRESH else ""
                cases.append(Case(name, path, who, how=how, reference=reference))
    big = f"/years/{data.BIG_PRIORITY_YEAR}/priorities/1/"
    cases += [
        Case("priority of 1,000 actions", big, "anonymous", single=True),
        Case("priority of 1,000 actions", big, "coordinator", single=True),
        Case("bare Django view", "/bench/bare/", "anonymous", how=KEPT),
        Case("static file", static_path(), "anonymous", how=KEPT),
        *admin,
    ]
    return cases


def static_path() -> str:
    from django.templatetags.static import static

    return static("dist/app.css")


def count_queries(cases: list[Case], cookies: dict[str, str]) -> None:
    """Each page's queries, counted in this process with Django's test client."""
    for case in cases:
        if case.how == AFRESH:
            case.queries = page_queries(case.path, cookies[case.who])


def page_queries(path: str, cookie: str) -> int:
    """The queries of one page rendered afresh for the visitor with this Cookie header."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST="127.0.0.1")
    for part in filter(None, cookie.split("; ")):
        name, value = part.split("=", 1)
        client.cookies[name] = value
    with CaptureQueriesContext(connection) as context:
        response = client.get(path)
    if response.status_code != 200:
        raise SystemExit(f"{path} answered {response.status_code}")
    return len(context.captured_queries)


def queries_as_data_grows(cookies: dict[str, str]) -> tuple[int, int, int]:
    """(actions, queries) of a generated priority of the big one's year, and the queries of
    the priority of 1,000 actions, both as an anonymous visitor. Both are generated alike
    (every fifth action edited): the published 2011/12 priority has no edited update, and a
    page with one also reads its editors' agencies, one query whatever the rows."""
    from actions.models import Action

    small = f"/years/{data.BIG_PRIORITY_YEAR}/priorities/2/"
    actions = Action.objects.filter(
        priority__year__slug=data.BIG_PRIORITY_YEAR, priority__number=2
    ).count()
    big = f"/years/{data.BIG_PRIORITY_YEAR}/priorities/1/"
    return (
        actions,
        page_queries(small, cookies["anonymous"]),
        page_queries(big, cookies["anonymous"]),
    )


def request_headers(server, case: Case, cookies: dict[str, str]) -> dict[str, str]:
    """The headers wrk sends: the session cookie, and for "304" the page's ETag. Checks
    first that the page answers as it should (200, then 304 to its ETag); the first request
    also puts the page (or its fragments) in the cached server's cache."""
    headers = {"Cookie": cookies[case.who]} if cookies[case.who] else {}
    answer = common.get(server.url + case.path, headers)
    if answer.status != 200:
        raise SystemExit(f"{case.path} as {case.who} answered {answer.status}")
    if case.again:
        etag = answer.headers.get("ETag")
        if not etag:
            raise SystemExit(f"{case.path} as {case.who} gave no ETag")
        headers["If-None-Match"] = etag
        again = common.get(server.url + case.path, headers)
        if again.status != 304:
            raise SystemExit(f"{case.path} as {case.who} answered {again.status} to its ETag")
    return headers


def by_name(cases, name, who=None) -> Case:
    return next(c for c in cases if c.name == name and (who is None or c.who == who))


def targets(cases: list[Case], growth: tuple[int, int, int]) -> list[tuple[str, bool]]:
    found = []
    static = by_name(cases, "static file").result["rps"]
    for case in cases:
        if not case.result or case.single:
            continue
        if case.ratios:
            found.append(
                (f"{case.label}: {case.ratio:.2f} × its admin changelist (≥ 1)", case.ratio >= 1)
            )
        new_visitor = case.how == KEPT and case.who == "anonymous"
        if case.how == ETAG or (
            new_visitor and case.name not in ("static file", "bare Django view")
        ):
            found.append(
                (
                    f"{case.label}: {case.result['rps'] / static:.2f} × the static file (≥ 0.5)",
                    case.result["rps"] >= 0.5 * static,
                )
            )
    for case in cases:
        if case.single and case.result:
            p50 = case.result["p50"] / 1000
            found.append((f"{case.label}: p50 {p50:.1f} ms (≤ 50 ms)", p50 <= 50))
    actions, small, big = growth
    found.append(
        (
            f"queries: {small} for a priority of {actions} actions, {big} for 1,000 (the same)",
            small == big,
        )
    )
    bad = sum(case.result.get("bad_status", 0) for case in cases if case.result)
    found.append((f"answers other than 2xx or 3xx: {bad}", bad == 0))
    return found


def cache_name() -> str:
    return "Redis (REDIS_URL)" if os.environ.get("REDIS_URL") else "each worker's memory"


def report(cases, args, database_url, started, *, cache: str, growth: tuple[int, int, int]) -> str:
    static = by_name(cases, "static file").result["rps"]
    engine = re.match(r"^(\w+)", database_url).group(1)
    lines = [
        f"Benchmark of {started}: `python -m bench.run --seconds {args.seconds} "
        f"--connections {args.connections} --threads {args.threads} --workers {args.workers} "
        f"--rounds {args.rounds}` ({args.workers} gunicorn sync workers, {engine}, the cache "
        f"in {cache}, "
        f"wrk -t{args.threads} -c{args.connections} on the same {os.cpu_count()} cores; "
        f"each case's best of {args.rounds} rounds; latencies in ms; queries: rendered "
        f"afresh; ÷ admin: the median "
        f"over the rounds of the page's rate ÷ its admin changelist's, measured one straight "
        f"after the other)",
        "",
        "| what | who | requests/s | p50 | p95 | p99 | queries | ÷ admin | ÷ static |",
        "|---|---|--:|--:|--:|--:|--:|--:|--:|",
    ]
    for case in cases:
        if not case.result:
            continue
        r = case.result
        ratio = f"{case.ratio:.2f}" if case.ratios else ""
        how = {AFRESH: ", afresh", KEPT: ", again, new visitor", ETAG: ", again: 304"}[case.how]
        if case.single:
            how += " (one at a time)"
        if case.name in ("static file", "bare Django view") or case.who == "admin":
            how = ""
        lines.append(
            f"| {case.name}{how} | {case.who} | {r['rps']:,.0f} | {r['p50'] / 1000:.1f} "
            f"| {r['p95'] / 1000:.1f} | {r['p99'] / 1000:.1f} "
            f"| {'' if case.queries is None else case.queries} "
            f"| {ratio} "
            f"| {r['rps'] / static:.2f} |"
        )
    lines += ["", "Targets:"]
    lines += [f"- {'met' if ok else 'MISSED'}: {text}" for text, ok in targets(cases, growth)]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
