"""axe-core finds no accessibility problems on any page, wide or phone-sized."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from .support import DESKTOP, PAGE_KINDS, PHONE, site_pages, visit

pytestmark = pytest.mark.browser

VIEWPORTS = {"1280px": DESKTOP, "375px": PHONE}


@pytest.fixture(scope="module")
def axe():
    return Axe()


@pytest.mark.parametrize("width", VIEWPORTS)
@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_every_page_has_no_axe_violations(new_page, report_live, axe, kind, width):
    page = new_page(viewport=VIEWPORTS[width])
    paths = site_pages(report_live)[kind]
    failures = []
    for path in paths:
        visit(page, path, kind)
        results = axe.run(page)
        if results.violations_count:
            failures.append(f"{path} at {width}:\n{results.generate_report()}")
    assert not failures, "\n\n".join(failures)
