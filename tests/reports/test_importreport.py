"""importreport: the published text layout imports to exactly the 2011/12 fixture's data."""

import pytest
from django.core.management import CommandError, call_command

from actions.models import Initiative
from priorities.models import ReportingYear
from stats.models import CrimeCategory
from tests.conftest import REPORT_TEXT
from tests.reports.yearfiles import exported, fingerprint


def forget_the_year_keep_the_agencies():
    """Leave only the lead agencies: what a partnership knows before a report arrives."""
    ReportingYear.objects.all().delete()
    Initiative.objects.all().delete()
    CrimeCategory.objects.all().delete()


def test_the_seed_imported_from_its_text_is_exactly_the_fixtures_data(report):
    from_fixture = exported()
    categories = list(CrimeCategory.objects.values_list("name", "slug", "position"))
    linked = sorted(Initiative.objects.values_list("name", flat=True))
    forget_the_year_keep_the_agencies()

    call_command("importreport", str(REPORT_TEXT), year="2011/12")

    assert exported() == from_fixture
    assert list(CrimeCategory.objects.values_list("name", "slug", "position")) == categories
    assert sorted(Initiative.objects.values_list("name", flat=True)) == linked


def test_importing_the_report_over_the_fixture_changes_nothing(report, capsys):
    before = fingerprint()
    call_command("importreport", str(REPORT_TEXT), year="2011/12")
    assert fingerprint() == before
    assert "Nothing to change." in capsys.readouterr().out


def refused(path, **options) -> str:
    before = fingerprint()
    with pytest.raises(CommandError) as error:
        call_command("importreport", str(path), **options)
    assert fingerprint() == before
    return str(error.value)


def test_an_unknown_agency_is_named_by_its_line_and_column(report, tmp_path):
    text = REPORT_TEXT.read_text(encoding="utf-8").replace("\tProbation\t", "\tProbaton\t")
    (tmp_path / "report.txt").write_text(text, encoding="utf-8")
    message = refused(tmp_path / "report.txt", year="2031/32")
    assert message.endswith(
        "report.txt: line 16, LEAD AGENCY: “Probaton” (line 16; did you mean “Probation”?) "
        "is not a known lead agency. To add it as a new agency, import it with "
        "--create-agencies."
    )


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "\tDBC\tWorker to be in post",
            "\tWorker to be in post",
            "line 14: a table row needs 5 cells",
        ),
        (
            "Robbery\t-42.9%",
            "Robbery\t-42.9",
            "line 99, column “All Dacorun”: “-42.9” is not a change like -10.2%",
        ),
        (
            "Accurate at 26/3/12",
            "Accurate at 32/3/12",
            "line 92: “32/3/12” is not a date like 26/3/12",
        ),
        (
            "Violent Crime\t-6.4%\t4th",
            "Violent Crime\t-6.4%\tfourth",
            "line 96, column “Position in County No. of Crimes(10 Districts)pe r 1000 population”: "
            "“fourth” is not a position like 5th",
        ),
    ],
    ids=["short-row", "bad-change", "bad-date", "bad-position"],
)
def test_a_damaged_report_is_refused_with_the_line(report, tmp_path, old, new, expected):
    text = REPORT_TEXT.read_text(encoding="utf-8")
    assert old in text
    (tmp_path / "report.txt").write_text(text.replace(old, new, 1), encoding="utf-8")
    message = refused(tmp_path / "report.txt", year="2031/32")
    assert f"report.txt: {expected}" in message


def test_a_file_that_is_no_report_says_so(report, tmp_path):
    (tmp_path / "notes.txt").write_text("Shopping list\nMilk\nEggs\n", encoding="utf-8")
    message = refused(tmp_path / "notes.txt", year="2031/32")
    assert "notes.txt" in message
