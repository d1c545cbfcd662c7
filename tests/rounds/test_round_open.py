import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from audit.models import AuditEntry
from rounds.models import ReportingRound
from rounds.services import round_close
from tests.rounds.helpers import open_round


def test_a_coordinator_opens_a_round_from_the_years_rounds_page(client, cast):
    client.force_login(cast.coordinator)
    url = f"/years/{cast.report.slug}/rounds/"
    assert b"Open a round" in client.get(url).content

    response = client.post(url, {"label": "Q3 2011/12", "deadline": "13/01/2012"})

    opened = ReportingRound.objects.get()
    assert response.status_code == 302
    assert response["Location"] == opened.get_absolute_url()
    assert (opened.label, opened.year, opened.opened_by) == (
        "Q3 2011/12",
        cast.report,
        cast.coordinator,
    )
    assert opened.deadline.isoformat() == "2012-01-13"
    assert opened.is_open
    assert AuditEntry.objects.filter(object_id=str(opened.pk), note="Opened").exists()
    page = client.get(url)
    assert b"Q3 2011/12" in page.content
    assert b"Open a round" not in page.content


def test_a_year_has_at_most_one_open_round(cast):
    open_round(cast)
    with pytest.raises(ValidationError, match="already has an open round"):
        open_round(cast, label="Q4 2011/12")
    assert ReportingRound.objects.count() == 1


def test_the_database_itself_refuses_a_second_open_round(cast):
    first = open_round(cast)
    with pytest.raises(IntegrityError), transaction.atomic():
        ReportingRound.objects.create(year=cast.report, label="Q4 2011/12", deadline=first.deadline)


def test_the_page_says_why_it_refuses_a_second_open_round(client, cast):
    open_round(cast)
    client.force_login(cast.coordinator)
    response = client.post(
        f"/years/{cast.report.slug}/rounds/", {"label": "Q4 2011/12", "deadline": "13/04/2012"}
    )
    assert response.status_code == 200
    assert "This year already has an open round" in response.content.decode()
    assert ReportingRound.objects.count() == 1


def test_a_round_needs_a_label_and_a_real_date(client, cast):
    client.force_login(cast.coordinator)
    response = client.post(
        f"/years/{cast.report.slug}/rounds/", {"label": "", "deadline": "31/02/2012"}
    )
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"label", "deadline"}
    assert not ReportingRound.objects.exists()


def test_the_next_round_opened_starts_from_the_one_closed(cast):
    first = open_round(cast)
    assert first.previous is None
    round_close(reporting_round=first, user=cast.coordinator)

    second = open_round(cast, label="Q4 2011/12")

    assert second.previous == first
