"""The upload page: administrators check a file, see the dry run, then import it."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from priorities.models import ReportingYear
from reports.yearplan.export import dumps
from tests.conftest import REPORT_TEXT
from tests.reports.yearfiles import exported, fingerprint

URL = "/imports/year/"


def new_year_file():
    data = exported()
    data["year"].update(
        label="2031/32",
        starts_on="2031-04-01",
        ends_on="2032-03-31",
        source="Generated in a test",
        is_sample=True,
    )
    data["statistics"] = []
    return dumps(data).encode()


@pytest.mark.parametrize("role", ["partner", "councillor", "coordinator"])
def test_only_administrators_import(client, cast, role):
    client.force_login(getattr(cast, role))
    assert client.get(URL).status_code == 403


def test_a_file_is_checked_first_and_imported_only_when_asked(client, cast):
    client.force_login(cast.administrator)
    before = fingerprint()
    upload = SimpleUploadedFile("2031-32.json", new_year_file(), "application/json")
    response = client.post(URL, {"file": upload, "kind": "plan"})
    assert response.status_code == 200
    assert fingerprint() == before
    html = response.content.decode()
    assert "What importing 2031-32.json would do" in html
    assert "Nothing has been changed yet. 2031/32 is a new year." in html
    comparison = response.context["comparison"]
    assert comparison.counts()["added"] == 44  # the year, 6 priorities and 37 actions

    checked = response.context["checked"]
    response = client.post(URL, {"apply": "yes", "upload": checked.pk})
    assert response.status_code == 302
    year = ReportingYear.objects.get(label="2031/32")
    assert response["Location"] == year.get_absolute_url()
    assert year.priorities.count() == 6


def test_a_report_in_the_text_layout_is_checked_with_its_year(client, cast):
    client.force_login(cast.administrator)
    upload = SimpleUploadedFile("report.txt", REPORT_TEXT.read_bytes(), "text/plain")
    response = client.post(URL, {"file": upload, "kind": "report", "year": "2011/12"})
    assert response.context["comparison"].is_empty
    assert "Nothing to change: the database already holds this file." in response.content.decode()


def test_a_bad_file_is_refused_with_its_place_and_nothing_changes(client, cast):
    client.force_login(cast.administrator)
    bad = new_year_file().replace(b'"lead": "DBC"', b'"lead": "DCB"', 1)
    before = fingerprint()
    response = client.post(URL, {"file": SimpleUploadedFile("bad.json", bad), "kind": "plan"})
    assert response.status_code == 200
    assert fingerprint() == before
    html = response.content.decode()
    assert "There is a problem" in html
    assert "bad.json: priorities[0].actions[0].lead: “DCB” is not a known lead agency." in html


def test_a_report_needs_its_year(client, cast):
    client.force_login(cast.administrator)
    upload = SimpleUploadedFile("report.txt", REPORT_TEXT.read_bytes(), "text/plain")
    response = client.post(URL, {"file": upload, "kind": "report"})
    assert "Enter the year of the report, like 2012/13" in response.content.decode()


def test_changing_an_existing_year_needs_the_replace_box(client, cast):
    client.force_login(cast.administrator)
    data = exported()
    data["priorities"][0]["actions"][0]["update"] = "Changed"
    upload = SimpleUploadedFile("2011-12.json", dumps(data).encode())
    response = client.post(URL, {"file": upload, "kind": "plan"})
    assert "already exists and this file would change it" in response.content.decode()
    upload = SimpleUploadedFile("2011-12.json", dumps(data).encode())
    response = client.post(URL, {"file": upload, "kind": "plan", "replace": "on"})
    assert response.context["comparison"].counts() == {"added": 0, "changed": 1, "removed": 0}
    response = client.post(URL, {"apply": "yes", "upload": response.context["checked"].pk})
    assert response.status_code == 302


def check(client, content: bytes, name="2031-32.json"):
    upload = SimpleUploadedFile(name, content, "application/json")
    return client.post(URL, {"file": upload, "kind": "plan"})


def test_a_file_of_several_megabytes_the_dry_run_accepts_is_imported(client, cast, settings):
    """The confirmation names the kept file: it does not send the file back through a form
    field, which Django caps at 2.5 MB (DATA_UPLOAD_MAX_MEMORY_SIZE)."""
    from reports.yearplan.export import dumps

    data = exported()
    data["year"].update(label="2031/32", starts_on="2031-04-01", ends_on="2032-03-31")
    data["year"]["source"] = "A long note. " * 300_000  # 3.9 MB
    data["statistics"] = []
    content = dumps(data).encode()
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE < len(content) < 5 * 1024 * 1024
    client.force_login(cast.administrator)
    checked = check(client, content).context["checked"]
    response = client.post(URL, {"apply": "yes", "upload": checked.pk})
    assert response.status_code == 302
    assert ReportingYear.objects.get(label="2031/32").source == data["year"]["source"]


def test_a_kept_file_is_imported_once_and_only_by_who_checked_it(client, cast):
    from reports.models import CheckedUpload
    from tests.conftest import user_make

    client.force_login(cast.administrator)
    checked = check(client, new_year_file()).context["checked"]
    other = user_make("other-admin", "Administrator", is_staff=True, is_superuser=True)
    client.force_login(other)
    refused = client.post(URL, {"apply": "yes", "upload": checked.pk})
    assert "That file is no longer waiting to be imported" in refused.content.decode()
    assert not ReportingYear.objects.filter(label="2031/32").exists()

    client.force_login(cast.administrator)
    assert client.post(URL, {"apply": "yes", "upload": checked.pk}).status_code == 302
    assert not CheckedUpload.objects.exists()
    again = client.post(URL, {"apply": "yes", "upload": checked.pk})
    assert "That file is no longer waiting to be imported" in again.content.decode()
