"""The yearly report in its published layout: the page, and the PDF read back."""

import io
import re
from html import unescape

import pytest
from pypdf import PdfReader

from tests.factories import year_make
from tests.reports.test_report_fidelity import HEADINGS, PRIORITIES, STATS_TABLE

REPORT = "/years/2011-12/report/"


def squeeze(text: str) -> str:
    """Text without whitespace: a PDF wraps a cell's words over lines wherever they fit."""
    return re.sub(r"\s+", "", text)


@pytest.fixture
def pdf(client, report):
    response = client.get(REPORT + "pdf/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="2011-12-report.pdf"'
    return PdfReader(io.BytesIO(response.content))


def test_the_page_shows_the_report_in_the_published_layout(client, report):
    html = unescape(client.get(REPORT).content.decode())
    assert "2011/12 UPDATE ON ACTIVITY SUPPORTING STRATEGIC PRIORITIES" in html
    assert "DACORUM COMMUNITY SAFETY PARTNERSHIP" in html
    position = 0
    for priority in PRIORITIES:
        position = html.index(f"PRIORITY {priority.number}", position)
        position = html.index(priority.title, position)
        for row in priority.rows:
            for cell in row:
                position = html.index(f">{cell}<", position)
    for row in STATS_TABLE:
        for cell in row:
            position = html.index(cell, position)


def test_the_pdf_holds_every_row_of_the_report_in_order(pdf):
    text = squeeze("".join(page.extract_text() for page in pdf.pages))
    cells = list(HEADINGS[:2])
    for priority in PRIORITIES:
        cells += [f"PRIORITY {priority.number}", priority.title]
        cells += [cell for row in priority.rows for cell in row]
    cells += [cell for row in STATS_TABLE for cell in row]
    position = 0
    for cell in cells:
        found = text.find(squeeze(cell), position)
        assert found >= 0, f"{cell!r} is missing, or out of order, in the PDF"
        position = found + len(squeeze(cell))


def test_the_pdf_has_a_section_per_priority_each_from_a_new_page(pdf):
    sections = [(item.title, pdf.get_destination_page_number(item)) for item in pdf.outline]
    assert [title for title, _ in sections] == [
        *(f"PRIORITY {n}" for n in range(1, 7)),
        "Crime Stats",
    ]
    pages = [page for _, page in sections]
    assert pages == sorted(set(pages)), "each section starts on a page of its own"
    for (title, page), (_, next_page) in zip(sections, sections[1:], strict=False):
        text = "".join(pdf.pages[p].extract_text() for p in range(page, next_page))
        assert title in text
    assert pdf.metadata.title.startswith("2011/12 UPDATE ON ACTIVITY SUPPORTING")


def test_the_report_shows_todays_updates(client, cast):
    from actions.models import Action

    Action.objects.filter(priority__number=2, position=1).update(update="A later update")
    assert "A later update" in client.get(REPORT).content.decode()


def test_a_sample_years_report_says_so_on_the_page_and_in_the_pdf(client, db):
    year = year_make(label="2031/32", is_sample=True)
    assert (
        "Generated sample — not real figures"
        in client.get(f"/years/{year.slug}/report/").content.decode()
    )
    response = client.get(f"/years/{year.slug}/report/pdf/")
    text = PdfReader(io.BytesIO(response.content)).pages[0].extract_text()
    assert "Generated sample — not real figures" in text


def test_an_unknown_year_has_no_report(client, report):
    assert client.get("/years/1999-00/report/").status_code == 404
    assert client.get("/years/1999-00/report/pdf/").status_code == 404
