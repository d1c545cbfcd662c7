"""A year's overview on paper: it prints on one A4 page, without the site's navigation."""

import datetime
import io

import pytest
from django.utils import timezone
from pypdf import PdfReader

from .support import visit

pytestmark = pytest.mark.browser


def printed(page, path: str) -> PdfReader:
    """The page as Chromium prints it on A4, with its print stylesheet and margins."""
    visit(page, path)
    page.emulate_media(media="print")
    pdf = page.pdf(
        format="A4",
        margin={"top": "15mm", "bottom": "15mm", "left": "15mm", "right": "15mm"},
    )
    return PdfReader(io.BytesIO(pdf))


def test_the_2011_12_overview_prints_on_one_a4_page(new_page, report_live):
    pdf = printed(new_page(), report_live.get_absolute_url())
    text = pdf.pages[0].extract_text()
    assert len(pdf.pages) == 1, f"{len(pdf.pages)} pages"
    assert "2011/12 at a glance" in text
    assert "Actions by progress status" in text
    assert "Due an update" in text
    # Every action due is on the page, and the menus, the year switcher and the footer
    # are not.
    assert "Support No Cold Calling Zone, Northchurch" in text
    for absent in ("Lead agencies", "Reporting year:", "Also in this plan", "About this site"):
        assert absent not in text


def test_the_home_page_prints_the_newest_years_overview_on_one_page(new_page, report_live):
    pdf = printed(new_page(), "/")
    assert len(pdf.pages) == 1, f"{len(pdf.pages)} pages"
    assert "2011/12 at a glance" in pdf.pages[0].extract_text()


def test_a_year_with_every_status_and_recent_updates_still_prints_on_one_page(
    new_page, report_live
):
    from actions.models import Action, ProgressStatus

    statuses = [*ProgressStatus.values, ""]
    actions = list(Action.objects.order_by("pk"))
    for n, action in enumerate(actions):
        action.progress_status = statuses[n % len(statuses)]
        # Two rows in three updated in the last 30 days, the rest due.
        action.update_changed_at = timezone.now() - datetime.timedelta(days=n) if n % 3 else None
    Action.objects.bulk_update(actions, ["progress_status", "update_changed_at"])

    pdf = printed(new_page(), report_live.get_absolute_url())
    assert len(pdf.pages) == 1, f"{len(pdf.pages)} pages"
    text = pdf.pages[0].extract_text()
    assert "Updated in the last 30 days" in text
    assert "Due an update" in text
    text = pdf.pages[0].extract_text()
    # Of the recent updates, the newest eight are printed, and it says so.
    assert "The 8 newest are printed here; all 20 are on the year" in " ".join(text.split())
