"""The outage check: PostgreSQL stops and starts under a running gunicorn.

    DATABASE_URL=postgres://… python -m bench.outage --stop "pg_ctl … stop" --start "pg_ctl … start"

Starts gunicorn (production settings over plain HTTP on loopback, persistent database
connections) against the database DATABASE_URL names, which must hold the 2011/12 data
(`make data`). While a reader keeps requesting pages, it runs --stop, checks that every
page answers 503 with the friendly page (no traceback) and /healthz 503, runs --start,
and checks that the pages answer 200 again within --recover seconds, by themselves,
from the same gunicorn master and workers. Prints what it saw; exits 1 if anything was
not so. .ci/run runs it against its own PostgreSQL.
"""

import argparse
import os
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

from . import common

PAGES = [
    "/",
    "/years/2011-12/priorities/1/",
    "/agencies/",
    "/agencies/dbc/",
    "/county/",
]
FRIENDLY = "Sorry, the service is unavailable"


class Reader(threading.Thread):
    """Requests the pages one after another until stopped, tallying the answers."""

    def __init__(self, url: str):
        super().__init__(daemon=True)
        self.url, self.answers, self.problems = url, Counter(), []
        self.stopping = threading.Event()

    def run(self):
        while not self.stopping.is_set():
            for path in PAGES:
                try:
                    answer = common.get(self.url + path)
                except OSError as error:
                    self.problems.append(f"{path}: no answer ({error})")
                    continue
                self.answers[answer.status] += 1
                if answer.status not in (200, 503):
                    self.problems.append(f"{path}: {answer.status}")
                if "Traceback" in answer.body:
                    self.problems.append(f"{path}: a traceback in the page")
            time.sleep(0.05)


def check_pages(url: str, status: int, problems: list[str], *, rounds: int = 3) -> None:
    for _ in range(rounds):
        for path in PAGES:
            started = time.monotonic()
            answer = common.get(url + path)
            took = time.monotonic() - started
            if answer.status != status:
                problems.append(f"{path} answered {answer.status}, not {status}")
            elif status == 503 and (FRIENDLY not in answer.body or "Traceback" in answer.body):
                problems.append(f"{path}: 503 without the friendly page")
            if took > 10:
                problems.append(f"{path} took {took:.1f} s")
    health = common.get(url + "/healthz")
    if health.status != status:
        problems.append(f"/healthz answered {health.status}, not {status}")


def wait_for(url: str, status: int, seconds: float) -> float:
    """Seconds until every page answers `status` (or -1 if they do not in time)."""
    started = time.monotonic()
    while time.monotonic() - started < seconds:
        if all(common.get(url + path).status == status for path in PAGES):
            return time.monotonic() - started
        time.sleep(0.5)
    return -1


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--stop", required=True, help="bash command that stops PostgreSQL")
    parser.add_argument("--start", required=True, help="shell command that starts it again")
    parser.add_argument("--recover", type=float, default=30, help="seconds allowed to recover")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args(argv)
    database_url = os.environ.get("DATABASE_URL", "")
    if not database_url.startswith(("postgres://", "postgresql://")):
        raise SystemExit("DATABASE_URL must name a PostgreSQL database holding the 2011/12 data")

    environ = common.site_environment(
        database_url, DJANGO_SETTINGS_MODULE="csp_tracker.settings", GUNICORN_ACCESS_LOG=""
    )
    # Production serves hashed static files: collect them as `make serve` does.
    subprocess.run(
        [common.PYTHON, "manage.py", "collectstatic", "--no-input", "-v0"],
        cwd=common.ROOT,
        env=environ,
        check=True,
    )
    problems: list[str] = []
    log = Path(os.environ.get("OUTAGE_LOG", "/tmp/csp-tracker-outage-gunicorn.log"))
    with common.gunicorn(environ, workers=args.workers, log=log) as server:
        workers = server.worker_pids()
        check_pages(server.url, 200, problems)  # every worker holds a connection now
        reader = Reader(server.url)
        reader.start()
        time.sleep(1)

        print("Stopping PostgreSQL…", flush=True)
        subprocess.run(["bash", "-c", args.stop], check=True)
        down = wait_for(server.url, 503, 15)
        print(f"  every page answered 503 after {down:.1f} s" if down >= 0 else "  no 503s")
        if down < 0:
            problems.append("the pages did not all answer 503 with PostgreSQL stopped")
        check_pages(server.url, 503, problems)
        time.sleep(2)

        print("Starting PostgreSQL…", flush=True)
        subprocess.run(["bash", "-c", args.start], check=True)
        back = wait_for(server.url, 200, args.recover)
        print(f"  every page answered 200 after {back:.1f} s" if back >= 0 else "  no recovery")
        if back < 0:
            problems.append(f"the pages did not answer 200 within {args.recover:.0f} s")
        check_pages(server.url, 200, problems)
        time.sleep(1)
        reader.stopping.set()
        reader.join(timeout=30)

        if server.process.poll() is not None:
            problems.append("gunicorn exited")
        if server.worker_pids() != workers:
            problems.append(f"gunicorn's workers changed: {workers} -> {server.worker_pids()}")
    problems += reader.problems
    answers = ", ".join(f"{n} × {status}" for status, n in sorted(reader.answers.items()))
    print(f"Reader during the outage: {answers}")
    if reader.answers[503] == 0:
        problems.append("the reader saw no 503 while PostgreSQL was stopped")
    for problem in problems:
        print(f"PROBLEM: {problem}")
    print("Outage check: " + ("FAILED" if problems else "passed"))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
