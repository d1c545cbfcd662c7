"""The upload page with a report in the text layout: warnings in the dry run, unknown lead
agencies named all at once, and created when the box is ticked (issue 14, parts 4 and 5)."""

from django.core.files.uploadedfile import SimpleUploadedFile

from actions.models import Agency
from priorities.models import ReportingYear
from reports.models import CheckedUpload
from tests.conftest import REPORT_TEXT
from tests.reports.yearfiles import every_table

URL = "/imports/year/"


def report_upload(text: str | None = None, name="report.txt"):
    content = REPORT_TEXT.read_bytes() if text is None else text.encode("utf-8")
    return SimpleUploadedFile(name, content, "text/plain")


def with_two_new_agencies() -> str:
    text = REPORT_TEXT.read_text(encoding="utf-8")
    return text.replace("\tProbation\t", "\tProbaton\t").replace(
        "Druglink/DENS", "Druglink/Shelter"
    )


def test_the_form_offers_to_create_new_agencies(client, cast):
    client.force_login(cast.administrator)
    html = client.get(URL).content.decode()
    assert 'name="create_agencies"' in html
    assert "Create the lead agencies it names that are new" in html


def test_a_report_naming_unknown_agencies_is_refused_naming_them_all(client, cast):
    client.force_login(cast.administrator)
    before = every_table()
    response = client.post(
        URL, {"file": report_upload(with_two_new_agencies()), "kind": "report", "year": "2031/32"}
    )
    assert every_table() == before
    html = response.content.decode()
    assert (
        "report.txt: line 16, LEAD AGENCY: 2 lead agencies are not known: “Probaton” (line 16; "
        "did you mean “Probation”?), “Shelter” (lines 42, 43 and 53). To add them as new "
        "agencies, tick “Create the lead agencies it names that are new” and check it again."
    ) in html
    assert "comparison" not in response.context or not response.context["comparison"]


def test_ticked_the_agencies_are_listed_in_the_dry_run_and_created_by_the_import(client, cast):
    client.force_login(cast.administrator)
    before = every_table()
    response = client.post(
        URL,
        {
            "file": report_upload(with_two_new_agencies()),
            "kind": "report",
            "year": "2031/32",
            "create_agencies": "on",
        },
    )
    added = [change.what for change in response.context["comparison"].agencies]
    assert added == ["agency Probaton", "agency Shelter"]
    checked = response.context["checked"]
    assert checked.create_agencies
    del before["reports.CheckedUpload"]  # the checked file is kept until it is imported
    after = every_table()
    del after["reports.CheckedUpload"]
    assert after == before

    response = client.post(URL, {"apply": "yes", "upload": checked.pk})
    assert response.status_code == 302
    assert ReportingYear.objects.filter(label="2031/32").exists()
    assert Agency.objects.filter(short_name__in=["Probaton", "Shelter"]).count() == 2
    assert not CheckedUpload.objects.exists()


def test_the_dry_run_shows_the_reports_warnings(client, cast):
    client.force_login(cast.administrator)
    response = client.post(URL, {"file": report_upload(), "kind": "report", "year": "2031/32"})
    html = response.content.decode()
    assert "report.txt: line 5: the title names 2011/12, but the report is imported as 2031/32" in (
        html
    )
    assert "govuk-warning-text" in html


def test_a_report_in_utf_16_is_refused_in_plain_words(client, cast):
    client.force_login(cast.administrator)
    upload = SimpleUploadedFile(
        "report.txt", REPORT_TEXT.read_text(encoding="utf-8").encode("utf-16"), "text/plain"
    )
    before = every_table()
    response = client.post(URL, {"file": upload, "kind": "report", "year": "2011/12"})
    assert every_table() == before
    assert "report.txt: line 1: the file is in UTF-16, not UTF-8" in response.content.decode()
