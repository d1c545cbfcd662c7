"""Settings come from the environment and fail loudly on a bad value."""

import os
import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from csp_tracker.settings import envbool, envint
from tests.conftest import ROOT


def run_settings(**env):
    environ = {k: v for k, v in os.environ.items() if k not in ("DEBUG", "SECRET_KEY")}
    environ.update(env, DJANGO_SETTINGS_MODULE="csp_tracker.settings")
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=ROOT,
        env=environ,
        capture_output=True,
        text=True,
    )


def test_it_refuses_to_start_without_a_secret_key_when_debug_is_off():
    result = run_settings(DEBUG="false")
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_it_starts_with_debug_off_and_a_secret_key():
    key = "a-long-random-key-" + "0123456789" * 4
    assert run_settings(DEBUG="false", SECRET_KEY=key).returncode == 0


def test_a_boolean_it_cannot_read_is_an_error(monkeypatch):
    monkeypatch.setenv("SOME_FLAG", "perhaps")
    with pytest.raises(ImproperlyConfigured, match="SOME_FLAG='perhaps' is not a boolean"):
        envbool("SOME_FLAG", False)
    monkeypatch.setenv("SOME_FLAG", "Yes")
    assert envbool("SOME_FLAG", False) is True


def test_a_number_it_cannot_read_is_an_error(monkeypatch):
    monkeypatch.setenv("SOME_NUMBER", "ten")
    with pytest.raises(ImproperlyConfigured, match="SOME_NUMBER='ten' is not a whole number"):
        envint("SOME_NUMBER", 0)
