"""A year's overview on paper: it prints on one A4 page, without the site's navigation."""

import io

import pytest
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
