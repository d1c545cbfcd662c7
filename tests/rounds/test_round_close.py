from audit.models import AuditEntry
from reports.models import PublishedReport
from rounds.models import ReportingRound
from tests.rounds.helpers import open_round, police_rows, post_update


def test_closing_asks_first_then_publishes_the_report_labelled_with_the_round(client, cast):
    first_row, *_ = police_rows()
    reporting_round = open_round(cast)
    post_update(first_row, cast.partner, update="Said at the meeting")
    client.force_login(cast.coordinator)
    url = f"/rounds/{reporting_round.pk}/close/"
    assert "Close Q3 2011/12?" in client.get(url).content.decode()
    assert not PublishedReport.objects.exists()

    response = client.post(url)

    reporting_round.refresh_from_db()
    published = PublishedReport.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reporting_round.get_absolute_url()
    assert published.title == "2011/12 report, Q3 2011/12"
    assert published.year == cast.report
    assert "Said at the meeting" in published.body_html
    assert reporting_round.published == published
    assert reporting_round.closed_at == published.published_at
    assert reporting_round.closed_by == cast.coordinator
    assert not reporting_round.is_open
    assert AuditEntry.objects.filter(
        object_id=str(reporting_round.pk), note__startswith="Closed"
    ).exists()
    page = client.get(reporting_round.get_absolute_url()).content.decode()
    assert "2011/12 report, Q3 2011/12" in page


def test_the_snapshot_stays_as_it_stood_at_the_close(client, cast):
    first_row, *_ = police_rows()
    reporting_round = open_round(cast)
    post_update(first_row, cast.partner, update="At the close")
    client.force_login(cast.coordinator)
    client.post(f"/rounds/{reporting_round.pk}/close/")

    post_update(first_row, cast.partner, update="After the close")

    published = PublishedReport.objects.get()
    assert "At the close" in published.body_html
    assert "After the close" not in published.body_html


def test_a_closed_round_is_not_closed_again(client, cast):
    reporting_round = open_round(cast)
    client.force_login(cast.coordinator)
    client.post(f"/rounds/{reporting_round.pk}/close/")

    response = client.post(f"/rounds/{reporting_round.pk}/close/", follow=True)

    assert PublishedReport.objects.count() == 1
    assert "Q3 2011/12 is already closed." in response.content.decode()


def test_after_the_close_the_year_may_open_its_next_round(client, cast):
    reporting_round = open_round(cast)
    client.force_login(cast.coordinator)
    client.post(f"/rounds/{reporting_round.pk}/close/")

    client.post(
        f"/years/{cast.report.slug}/rounds/", {"label": "Q4 2011/12", "deadline": "12/04/2012"}
    )

    following = ReportingRound.objects.get(label="Q4 2011/12")
    assert following.is_open
    assert following.previous == reporting_round


def test_the_rounds_pages_link_each_closed_round_to_its_published_report(client, cast):
    reporting_round = open_round(cast)
    client.force_login(cast.coordinator)
    client.post(f"/rounds/{reporting_round.pk}/close/")
    published = PublishedReport.objects.get()

    for url in ("/rounds/", f"/years/{cast.report.slug}/rounds/"):
        page = client.get(url).content.decode()
        assert f'<a href="{published.get_absolute_url()}">2011/12 report, Q3 2011/12</a>' in page, (
            url
        )
        assert f'<a href="{reporting_round.get_absolute_url()}">Q3 2011/12</a>' in page, url
