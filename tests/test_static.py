"""The built stylesheet: GOV.UK Frontend without GOV.UK's font, and every asset it names exists."""

import re

import pytest

from tests.conftest import ROOT

DIST = ROOT / "static" / "dist"


@pytest.fixture(scope="module")
def css():
    path = DIST / "app.css"
    if not path.exists():
        pytest.fail("static/dist/app.css is missing: run `npm run build` (make test does)")
    return path.read_text(encoding="utf-8")


def test_it_uses_the_systems_fonts_not_gds_transport(css):
    assert "GDS Transport" not in css
    assert "@font-face" not in css
    assert "system-ui" in css


def test_every_url_in_the_stylesheet_resolves_to_a_shipped_file(css):
    urls = set(re.findall(r"url\(\"?([^\")]+)\"?\)", css))
    assert urls, "expected the stylesheet to name at least one asset"
    for url in urls:
        if url.startswith("data:"):
            continue
        assert not url.startswith("/"), f"{url} is absolute: it would miss under another STATIC_URL"
        assert (DIST / url).is_file(), f"{url} does not resolve next to app.css"


def test_the_scripts_the_pages_load_are_shipped():
    for path in ("dist/govuk-frontend.min.js", "js/app.mjs", "js/body-classes.js"):
        assert (ROOT / "static" / path).is_file(), path
