"""The site's settings plus one bare view (bench/urls.py), for the benchmarks only.

BENCH_CACHE=dummy: a cache that keeps nothing (Django's DummyCache), for pages measured as
rendered afresh, with nothing reusable."""

import os

from csp_tracker.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"

if os.environ.get("BENCH_CACHE") == "dummy":
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
