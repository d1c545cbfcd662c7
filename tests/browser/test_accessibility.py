"""axe-core finds no accessibility problems on any page, wide or phone-sized: every page
of each kind, and of the kinds with a page a row (actions, agencies) one page of each shape
(support.one_page_of_each_shape)."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from .support import DESKTOP, PAGE_KINDS, PHONE, one_page_of_each_shape, site_pages, visit

pytestmark = pytest.mark.browser

VIEWPORTS = {"1280px": DESKTOP, "375px": PHONE}


@pytest.fixture(scope="module")
def axe():
    return Axe()


@pytest.mark.parametrize("width", VIEWPORTS)
def test_every_page_has_no_axe_violations(new_page, report_live, axe, width):
    page = new_page(viewport=VIEWPORTS[width])
    pages = {**site_pages(report_live), **one_page_of_each_shape(report_live)}
    failures = []
    for kind in PAGE_KINDS:
        for path in pages[kind]:
            visit(page, path, kind)
            results = axe.run(page)
            if results.violations_count:
                failures.append(f"{path} at {width}:\n{results.generate_report()}")
    assert not failures, "\n\n".join(failures)
