"""The county comparison worked out from police.uk, in a real browser: it passes axe and
fits a phone's screen, for anyone and for a coordinator (who may save it)."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from .support import DESKTOP, PHONE, axe_and_width_problems
from .test_editing import sign_in

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280px", "375px"])
def test_the_comparison_passes_axe_and_fits_the_screen(new_page, cast_live, viewport):
    from stats.models import WardSet
    from stats.services import fixture_load_missing
    from tests.conftest import ROOT
    from tests.stats.test_comparison import force_make

    fixture_load_missing(path=ROOT / "fixtures" / "dacorum-wards-2007.json")
    fixture_load_missing(path=ROOT / "fixtures" / "police-uk-crime-types.json")
    force_make(WardSet.objects.get(slug="dacorum-2007"))
    axe = Axe()
    page = new_page(viewport=viewport)
    failures = []
    page.goto("/county/computed/")
    assert page.get_by_role("heading", name="Dacorum against the county").is_visible()
    failures += axe_and_width_problems(page, axe, "signed out", viewport["width"])
    page.goto("/county/computed/?start=2011-04&end=2011-12")
    failures += axe_and_width_problems(page, axe, "months missing", viewport["width"])
    sign_in(page, "coordinator")
    page.goto("/county/computed/")
    assert page.get_by_role("button", name="Save as today's county table").is_visible()
    failures += axe_and_width_problems(page, axe, "coordinator", viewport["width"])
    assert failures == []
