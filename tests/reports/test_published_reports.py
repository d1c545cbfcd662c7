"""Published snapshots of a year's report stay as they were published."""

import io

from pypdf import PdfReader

from actions.models import Action
from audit.models import AuditEntry
from reports.models import PublishedReport


def publish(client, user):
    client.force_login(user)
    return client.post("/years/2011-12/report/publish/")


def test_a_coordinator_publishes_a_dated_snapshot(client, cast):
    response = publish(client, cast.coordinator)
    published = PublishedReport.objects.get()
    assert response.status_code == 302
    assert response["Location"] == published.get_absolute_url()
    assert published.published_by == cast.coordinator
    assert "Worker in post 1/3/12" in published.body_html
    assert PdfReader(io.BytesIO(bytes(published.pdf))).outline[0].title == "PRIORITY 1"
    assert AuditEntry.objects.filter(object_id=str(published.pk), note="Published").exists()


def test_later_edits_do_not_change_a_published_snapshot(client, cast):
    publish(client, cast.coordinator)
    published = PublishedReport.objects.get()
    pdf_before = bytes(published.pdf)
    row = Action.objects.get(priority__number=1, position=1)
    client.post(
        f"/actions/{row.pk}/edit/",
        {
            "version": 1,
            "update": "Changed after publication",
            "progress_status": "",
            "target": row.target,
            "timescale": row.timescale,
        },
    )
    client.logout()
    snapshot = client.get(published.get_absolute_url()).content.decode()
    assert "Worker in post 1/3/12" in snapshot
    assert "Changed after publication" not in snapshot
    assert client.get(f"/published/{published.pk}/pdf/").content == pdf_before
    assert "Changed after publication" in client.get("/years/2011-12/report/").content.decode()


def test_the_list_of_snapshots_is_public_and_each_stays_downloadable(client, cast):
    publish(client, cast.coordinator)
    publish(client, cast.coordinator)
    client.logout()
    response = client.get("/published/")
    assert response.status_code == 200
    assert len(response.context["reports"]) == 2
    for published in PublishedReport.objects.all():
        pdf = client.get(f"/published/{published.pk}/pdf/")
        assert pdf["Content-Type"] == "application/pdf"
        assert pdf["Content-Disposition"] == f'attachment; filename="{published.pdf_filename}"'
        assert pdf.content.startswith(b"%PDF-")


def test_only_coordinators_publish(client, cast):
    assert publish(client, cast.partner).status_code == 403
    assert publish(client, cast.councillor).status_code == 403
    client.logout()
    assert client.post("/years/2011-12/report/publish/").status_code == 403
    assert not PublishedReport.objects.exists()
