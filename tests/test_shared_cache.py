"""The cache shared by app servers: a real Redis server (REDIS_URL) and gunicorn with two
workers, serving a database of its own with production settings. An edit on the site, an
edit in the admin and an import are each on the next request, whichever worker answers.

Needs REDIS_URL (a Redis server this test may empty one database of: the database number
in the URL is replaced by one for each pytest worker). Without it the test is skipped,
except in CI (CI=true), where .ci/run starts Debian's redis-server and a skip fails the run.
"""

import os
import re
import urllib.parse
from html import unescape

import pytest

from tests.conftest import IN_CI
from tests.servers import manage, running_site, worker_number

pytestmark = pytest.mark.shared_cache

PRIORITY = "/years/2011-12/priorities/1/"
WARD = "/wards/dacorum-2007/boxmoor/"


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


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """gunicorn with two workers on a database and a Redis database of the test's own."""
    cache_url = redis_url()
    import redis

    redis.Redis.from_url(cache_url).flushdb()
    with running_site(tmp_path_factory.mktemp("shared-cache"), workers=2, REDIS_URL=cache_url) as s:
        yield s


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
