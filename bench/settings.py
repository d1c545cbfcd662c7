"""The site's settings plus one bare view (bench/urls.py), for the benchmarks only."""

from csp_tracker.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
