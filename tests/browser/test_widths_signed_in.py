"""The table pages only signed-in people see (ward figures and imports, updates due, the
audit trail, every action with its edit links) at a phone's width and two wide screens:
nothing scrolls sideways, no word breaks inside itself, and wide screens are used."""

import pytest
from django.core.management import call_command
from django.test import Client

from stats.models import WardImport

from .support import visit
from .test_layout import PAGE_TEXT, SPLIT_WORDS

pytestmark = pytest.mark.browser

PAGES = [
    "/wards/",
    "/wards/dacorum-2007/boxmoor/",
    "/ward-imports/",
    "/updates-due/",
    "/audit/",
    "/rounds/",
    "/years/2011-12/rounds/",
    "/years/2011-12/actions/",
    "/years/2011-12/priorities/1/",
]


@pytest.fixture
def administrator_page(new_page, live_server, cast_live):
    """`administrator_page(viewport=...)`: a page signed in as the administrator, with
    Dacorum's wards and the generated ward sample loaded (not real figures)."""
    call_command(
        "loadstatsfixture",
        "fixtures/dacorum-wards-2007.json",
        "fixtures/police-uk-crime-types.json",
        verbosity=0,
    )
    call_command("loadwardsample", "--borough-only", verbosity=0)
    assert WardImport.objects.filter(is_sample=True).exists()
    client = Client()
    client.force_login(cast_live.administrator)
    session = client.cookies["sessionid"].value

    def make(**options):
        page = new_page(**options)
        page.context.add_cookies([{"name": "sessionid", "value": session, "url": live_server.url}])
        return page

    return make


@pytest.mark.parametrize("width", [375, 1280, 1920])
def test_signed_in_table_pages_read_well_at_every_width(administrator_page, width):
    page = administrator_page(viewport={"width": width, "height": 900})
    problems = []
    for path in PAGES:
        visit(page, path)
        if (scroll_width := page.evaluate("document.documentElement.scrollWidth")) > width:
            problems.append(f"{path}: {scroll_width}px wide")
        if words := page.evaluate(SPLIT_WORDS, [10_000, PAGE_TEXT]):
            problems.append(f"{path}: words broken inside themselves: {', '.join(words[:6])}")
        if width > 375:
            main = page.locator("main").bounding_box()["width"]
            if main < min(width - 60, 1440) - 1:
                problems.append(f"{path}: main is {main:.0f}px of a {width}px screen")
    assert not problems, f"At {width}px:\n" + "\n".join(problems)
