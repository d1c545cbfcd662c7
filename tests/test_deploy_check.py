"""Production settings pass `manage.py check --deploy` with no warning, a weak SECRET_KEY
is refused, and .env.example lists every variable the settings read."""

import os
import re
import secrets
import subprocess
import sys

import pytest

from tests.conftest import ROOT

# What production sets (.env.example); everything else keeps its production default.
PRODUCTION = {
    "DEBUG": "false",
    "ALLOWED_HOSTS": "csp.example.org",
    "DATABASE_URL": "postgres://csp:secret@db.example.org:5432/csp",
    "CONN_MAX_AGE": "60",
}
# Variables a test's own environment may hold that would change production's defaults.
CLEARED = {
    "DEBUG",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "DATABASE_URL",
    "HTTPS",
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SECURE_PROXY_SSL_HEADER",
    "SITE_LOGIN_REQUIRED",
    # Set for the browser tests (and by .ci/run); check --deploy rightly refuses it.
    "DJANGO_ALLOW_ASYNC_UNSAFE",
}


def production_run(*command: str, **env) -> subprocess.CompletedProcess:
    environ = {k: v for k, v in os.environ.items() if k not in CLEARED}
    environ.update(PRODUCTION, SECRET_KEY=secrets.token_urlsafe(50))
    environ.update(env, DJANGO_SETTINGS_MODULE="csp_tracker.settings")
    return subprocess.run(
        [sys.executable, *command], cwd=ROOT, env=environ, capture_output=True, text=True
    )


def test_production_settings_pass_check_deploy_with_no_warning():
    result = production_run("manage.py", "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_check_deploy_warns_when_the_site_is_not_served_over_https():
    result = production_run("manage.py", "check", "--deploy", "--fail-level", "WARNING", HTTPS="0")
    assert result.returncode != 0
    for warning in ("security.W004", "security.W008", "security.W012", "security.W016"):
        assert warning in result.stderr


@pytest.mark.parametrize(
    ("key", "problem"),
    [
        ("", "is not set"),
        ("django-insecure-" + secrets.token_urlsafe(50), "is a known, public key"),
        ("insecure-local-development-key-never-used-in-production", "is a known, public key"),
        ("change-me-" + "a1b2c3d4e5" * 5, "is a known, public key"),
        (secrets.token_urlsafe(20), "is too weak"),
        ("ab" * 40, "is too weak"),
    ],
    ids=["unset", "startproject", "demo", "placeholder", "short", "few-characters"],
)
def test_with_debug_off_it_refuses_a_weak_secret_key(key, problem):
    result = production_run("-c", "import django; django.setup()", SECRET_KEY=key)
    assert result.returncode != 0
    assert f"SECRET_KEY {problem}" in result.stderr


def test_with_debug_on_it_starts_without_a_key():
    result = production_run("-c", "import django; django.setup()", DEBUG="true", SECRET_KEY="")
    assert result.returncode == 0, result.stderr


def test_a_log_level_it_cannot_read_is_an_error():
    result = production_run("-c", "import django; django.setup()", LOG_LEVEL="chatty")
    assert result.returncode != 0
    assert "LOG_LEVEL='CHATTY' is not one of" in result.stderr


def variables_read(path) -> set[str]:
    source = path.read_text(encoding="utf-8")
    return set(re.findall(r'(?:os\.environ\.get|env\w+)\(\s*"([A-Z][A-Z0-9_]+)"', source))


def test_env_example_lists_every_variable_the_settings_and_gunicorn_read():
    listed = set(
        re.findall(r"^([A-Z][A-Z0-9_]+)=", (ROOT / ".env.example").read_text(), flags=re.M)
    )
    read = variables_read(ROOT / "csp_tracker" / "settings.py")
    read |= variables_read(ROOT / "gunicorn.conf.py")
    assert {"SECRET_KEY", "DATABASE_URL", "CSRF_TRUSTED_ORIGINS", "EMAIL_HOST"} <= read
    assert read - listed == set(), "add these to .env.example"
