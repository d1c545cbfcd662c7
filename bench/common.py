"""What the benchmarks, the load test and the outage check share: the environment they run
the site with, gunicorn, and wrk."""

import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
WRK = shutil.which("wrk") or "/usr/bin/wrk"
LUA_REPORT = Path(__file__).resolve().parent / "report.lua"


def site_environment(database_url: str, **extra) -> dict[str, str]:
    """Production settings, except that it is served over plain HTTP on loopback."""
    environ = dict(os.environ)
    environ.update(
        DJANGO_SETTINGS_MODULE="bench.settings",
        DEBUG="false",
        SECRET_KEY=os.environ.get("BENCH_SECRET_KEY") or secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        DATABASE_URL=database_url,
        CONN_MAX_AGE="60",
        # Loopback without TLS: no redirect to https://, cookies sent over http://.
        HTTPS="false",
        LOG_LEVEL="ERROR",
        PYTHONPATH=str(ROOT),
    )
    environ.update(extra)
    return environ


def django_setup(environ: dict[str, str] | None = None):
    """Set Django up in this process (for building data and making sessions)."""
    if environ:
        os.environ.update(environ)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def free_port(start: int = 58000) -> int:
    for port in range(start, start + 200):
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise SystemExit(f"no free port in {start}..{start + 199}")


@dataclass
class Server:
    process: subprocess.Popen
    url: str

    @property
    def pid(self) -> int:
        return self.process.pid

    def worker_pids(self) -> set[int]:
        """The gunicorn workers' process ids (children of the master)."""
        children = Path(f"/proc/{self.pid}/task/{self.pid}/children")
        return {int(pid) for pid in children.read_text().split()} if children.exists() else set()


@contextmanager
def gunicorn(
    environ: dict[str, str], *, workers: int = 2, log: Path | None = None, port_from: int = 58000
):
    """gunicorn serving the site on a free loopback port (the first from `port_from`), with
    `workers` sync workers; stopped (SIGTERM, then SIGKILL) on the way out. Processes that
    start servers at the same time give each a `port_from` of its own, or two may pick the
    same free port."""
    port = free_port(port_from)
    environ = dict(environ, BIND=f"127.0.0.1:{port}", WEB_CONCURRENCY=str(workers))
    output = log.open("ab") if log else subprocess.DEVNULL
    process = subprocess.Popen(
        [PYTHON, "-m", "gunicorn", "-c", str(ROOT / "gunicorn.conf.py"), "csp_tracker.wsgi"],
        cwd=ROOT,
        env=environ,
        stdout=output,
        stderr=subprocess.STDOUT,
    )
    server = Server(process, f"http://127.0.0.1:{port}")
    try:
        wait_until_healthy(server)
        yield server
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        if log:
            output.close()


def wait_until_healthy(server: Server, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise SystemExit(f"gunicorn exited with status {server.process.returncode}")
        try:
            if get(server.url + "/healthz").status == 200:
                return
        except OSError:
            pass
        time.sleep(0.25)
    raise SystemExit(f"gunicorn did not answer /healthz within {timeout:.0f} s")


@dataclass
class Answer:
    status: int
    headers: dict[str, str]
    body: str


class NoRedirect(urllib.request.HTTPRedirectHandler):
    """A redirect is an answer, not followed."""

    def redirect_request(self, *args, **kwargs):
        return None


_opener = urllib.request.build_opener(NoRedirect)


def get(url: str, headers: dict[str, str] | None = None, *, data: bytes | None = None) -> Answer:
    """One request, redirects not followed; an HTTP error status is an answer, not a raise."""
    request = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with _opener.open(request, timeout=30) as response:
            return Answer(response.status, dict(response.headers), response.read().decode())
    except urllib.error.HTTPError as error:
        return Answer(error.code, dict(error.headers), error.read().decode(errors="replace"))


def wrk(
    url: str,
    *,
    headers: dict[str, str],
    seconds: int,
    connections: int,
    threads: int,
    script: Path = LUA_REPORT,
    script_args: list[str] = (),
) -> dict:
    """Run wrk against `url`; returns the figures its Lua script prints as JSON."""
    command = [WRK, f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "-s", str(script)]
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    command.append(url)
    if script_args:
        command += ["--", *script_args]
    result = subprocess.run(
        command, capture_output=True, text=True, check=True, timeout=seconds + 60
    )
    line = next(line for line in result.stdout.splitlines() if line.startswith("{"))
    return json.loads(line)
