"""The live and published reports print their date, and each action's progress status
beside its update: on the page and in the PDF."""

import datetime
import io
from html import unescape

import pytest
from django.utils import timezone
from pypdf import PdfReader

from actions.models import Action
from reports import services
from reports.models import PublishedReport
from tests.reports.test_year_report import squeeze

REPORT = "/years/2011-12/report/"


def pdf_text(content: bytes) -> str:
    return squeeze("".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages))


def at(*args) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(*args))


@pytest.fixture
def updated(report):
    """Two rows given a status and an update date, one of them the newest, in March 2026."""
    burglary = Action.objects.get(priority__number=2, position=1)
    Action.objects.filter(pk=burglary.pk).update(
        progress_status="amber", update_changed_at=at(2026, 3, 3, 9, 30)
    )
    Action.objects.filter(priority__number=5, position=2).update(
        progress_status="complete", update_changed_at=at(2026, 2, 10, 16, 0)
    )
    burglary.refresh_from_db()
    return burglary


def test_the_live_pdf_is_dated_by_its_newest_update(client, updated):
    text = pdf_text(client.get(REPORT + "pdf/").content)
    assert squeeze("Updates as at 3 March 2026") in text
    assert "Published" not in text


def test_the_live_report_page_is_dated_by_its_newest_update(client, updated):
    html = unescape(client.get(REPORT).content.decode())
    assert "Updates as at 3 March 2026" in html


def test_a_report_without_updates_is_dated_today(client, report):
    today = timezone.localdate()
    html = unescape(client.get(REPORT).content.decode())
    assert f"Updates as at {today.day} {today:%B %Y}" in html
    text = pdf_text(client.get(REPORT + "pdf/").content)
    assert squeeze(f"Updates as at {today.day} {today:%B %Y}") in text


def test_each_status_is_printed_beside_its_update(client, updated):
    text = pdf_text(client.get(REPORT + "pdf/").content)
    assert squeeze(updated.update + "Progress status: Amber") in text
    assert squeeze("Progress status: Complete") in text
    # Only the two rows with a status say one; the others show their update alone.
    assert text.count(squeeze("Progress status:")) == 2
    html = unescape(client.get(REPORT).content.decode())
    assert (
        f'{updated.update}<br><strong class="app-report__status">Progress status: Amber</strong>'
        in html
    )


def test_a_published_report_is_dated_the_day_it_was_published(client, cast, updated, monkeypatch):
    monkeypatch.setattr(timezone, "now", lambda: at(2026, 12, 1, 14, 5))
    published = services.report_publish(year=cast.report, user=cast.coordinator)
    assert published.published_at == at(2026, 12, 1, 14, 5)
    monkeypatch.undo()

    text = pdf_text(client.get(f"/published/{published.pk}/pdf/").content)
    assert squeeze("Published 1 December 2026") in text
    assert "Updatesasat" not in text
    assert squeeze("Progress status: Amber") in text
    html = unescape(client.get(published.get_absolute_url()).content.decode())
    assert '<p class="govuk-body app-report__date">Published 1 December 2026</p>' in html


def test_a_report_published_today_is_dated_today_not_by_its_updates(client, cast, updated):
    published = services.report_publish(year=cast.report, user=cast.coordinator)
    Action.objects.filter(pk=updated.pk).update(update_changed_at=timezone.now())
    body = PublishedReport.objects.get(pk=published.pk).body_html
    today = timezone.localdate()
    assert f"Published {today.day} {today:%B %Y}" in unescape(body)
    assert "Updates as at" not in body
