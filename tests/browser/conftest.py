"""Browser tests: real headless Chromium, driven by Playwright's sync API, against `live_server`.

Chromium is the system's (Debian's /usr/bin/chromium, or the path in $CHROMIUM): Playwright
cannot download its own browsers here. Without it these tests skip, or fail when CI=true.
"""

import os
import shutil
from pathlib import Path

# Playwright's sync API runs an event loop in the test thread, so Django would refuse ORM
# calls from the test (fixtures, URL lists). Set before anything touches the database.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

import pytest  # noqa: E402

from .support import DESKTOP  # noqa: E402

BROWSER_DIR = Path(__file__).resolve().parent
CHROMIUM = os.environ.get("CHROMIUM") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
]
IN_CI = os.environ.get("CI", "").lower() == "true"
MISSING_CHROMIUM = (
    f"The browser tests need Chromium at {CHROMIUM}, which does not exist. "
    "Install it with `sudo apt-get install chromium`, or set CHROMIUM to a Chromium binary."
)


def _missing(message: str):
    """Skip locally; in CI a missing browser is a broken stack, so fail."""
    if IN_CI:
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


def pytest_collection_modifyitems(config, items):
    """Every test in this folder is a browser test, whether or not its module says so."""
    for item in items:
        in_this_folder = BROWSER_DIR in Path(str(item.path)).resolve().parents
        if in_this_folder and item.get_closest_marker("browser") is None:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def chromium_path():
    """The Chromium binary: $CHROMIUM if set, else /usr/bin/chromium."""
    path = CHROMIUM if Path(CHROMIUM).is_file() else shutil.which(CHROMIUM)
    if not path:
        _missing(MISSING_CHROMIUM)
    return path


@pytest.fixture(scope="session")
def browser(chromium_path):
    """One headless Chromium for the whole run."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("Playwright is not installed: `pip install -r requirements-dev.txt`.")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def new_page(browser, live_server):
    """`new_page(viewport=PHONE, java_script_enabled=False)`: a page in a fresh context.

    Relative URLs in `page.goto("/...")` resolve against the live server. Contexts close
    at the end of the test.
    """
    contexts = []

    def make(viewport=DESKTOP, **options):
        context = browser.new_context(viewport=viewport, base_url=live_server.url, **options)
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page):
    """A 1280×800 page with JavaScript on."""
    return new_page()
