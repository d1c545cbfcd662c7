"""importreport: the published text layout imports to exactly the 2011/12 fixture's data."""

from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from actions.models import Action, Agency, AgencyAlias, Initiative
from priorities.models import ReportingYear
from stats.models import CrimeCategory
from tests.conftest import REPORT_TEXT
from tests.reports.yearfiles import every_table, exported, fingerprint


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


# Issue 14, part 4: every refusal names the file, the line and (where one is at fault) the
# column; nothing in the database changes, in any table.


def seed_lines() -> list[str]:
    return REPORT_TEXT.read_text(encoding="utf-8").split("\n")


def write_report(tmp_path, lines: list[str], name="report.txt") -> Path:
    path = tmp_path / name
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def refused_everywhere(path, **options) -> str:
    """The command's message for a refused file, having checked that no table changed."""
    before = every_table()
    with pytest.raises(CommandError) as error:
        call_command("importreport", str(path), **options)
    assert every_table() == before
    return str(error.value)


def without(lines: list[str], *numbers: int) -> list[str]:
    """The lines but those numbered (from 1, as the file numbers them)."""
    return [line for n, line in enumerate(lines, start=1) if n not in numbers]


def test_the_seed_has_the_lines_these_tests_change():
    lines = seed_lines()
    assert lines[20] == "PRIORITY 2"
    assert lines[22] == "DWELLING BURGLARY"
    assert lines[24].startswith("ACTION\tLEAD AGENCY")
    assert lines[33] == "PRIORITY 3"
    assert lines[45] == "PRIORITY 4"
    assert lines[49].startswith("ACTION\t")
    assert lines[52].startswith("Support for Homeless")
    assert lines[53] == ""


def test_a_table_whose_priority_heading_is_missing_is_refused_at_its_line(report, tmp_path):
    lines = without(seed_lines(), 21, 22)  # “PRIORITY 2” and the blank line after it
    message = refused_everywhere(write_report(tmp_path, lines), year="2031/32")
    assert message.endswith(
        "report.txt: line 23: a table with no “PRIORITY n” heading above it (it would be filed "
        "under PRIORITY 1, whose table starts at line 13): is a heading missing?"
    )


def test_a_table_before_the_first_priority_is_refused_at_its_line(report, tmp_path):
    lines = seed_lines()
    lines = lines[:8] + lines[12:14] + [""] + lines[8:]  # the header and a row above PRIORITY 1
    message = refused_everywhere(write_report(tmp_path, lines), year="2031/32")
    assert message.endswith(
        "report.txt: line 9: a table with no “PRIORITY n” heading above it: "
        "each priority's table follows its heading and title"
    )


@pytest.mark.parametrize("heading", ["PRIORITY", "PRIORITY TWO", "Priority:"])
def test_a_priority_heading_without_a_number_is_refused_at_its_line(report, tmp_path, heading):
    lines = seed_lines()
    lines[20] = heading
    message = refused_everywhere(write_report(tmp_path, lines), year="2031/32")
    assert f"report.txt: line 21: “{heading}” is not a priority's heading" in message


def test_a_heading_in_another_case_is_still_a_heading(report, tmp_path):
    lines = seed_lines()
    lines[20] = "Priority 2"
    call_command("importreport", str(write_report(tmp_path, lines)), year="2031/32")
    year = ReportingYear.objects.get(label="2031/32")
    assert year.priorities.get(number=2).actions.count() == 6
    assert year.priorities.get(number=1).actions.count() == 6


def test_two_priorities_with_one_number_name_both_lines(report, tmp_path):
    lines = seed_lines()
    lines[33] = "PRIORITY 2"
    message = refused_everywhere(write_report(tmp_path, lines), year="2031/32")
    assert message.endswith(
        "report.txt: line 34: two priorities have the number 2: lines 21 and 34"
    )


def test_a_priority_with_no_table_is_imported_with_a_warning_in_the_dry_run(
    report, tmp_path, capsys
):
    path = write_report(tmp_path, without(seed_lines(), 50, 51, 52, 53))  # PRIORITY 4's table
    before = every_table()
    call_command("importreport", str(path), year="2031/32", dry_run=True)
    assert every_table() == before
    out = capsys.readouterr().out
    assert (
        "Warning: report.txt: line 46: PRIORITY 4 (DRUG MISUSE) has no table: "
        "it is imported with no actions"
    ) in out.replace(str(tmp_path) + "/", "")
    assert "Dry run: nothing has been changed." in out

    call_command("importreport", str(path), year="2031/32")
    year = ReportingYear.objects.get(label="2031/32")
    assert year.priorities.get(number=4).actions.count() == 0
    assert year.priorities.get(number=5).actions.count() == 8


def test_a_title_naming_another_year_is_a_warning(report, capsys):
    call_command("importreport", str(REPORT_TEXT), year="2031/32", dry_run=True)
    out = capsys.readouterr().out
    assert (
        f"Warning: {REPORT_TEXT}: line 5: the title names 2011/12, but the report is imported "
        "as 2031/32"
    ) in out
    call_command("importreport", str(REPORT_TEXT), year="2011/12", dry_run=True)
    assert "Warning" not in capsys.readouterr().out


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "Robbery\t-42.9%",
            "Robbery\t-142.9%",
            "line 99, column “All Dacorun”: a change is from -100% to 10,000%, not -142.9%",
        ),
        (
            "Robbery\t-42.9%\t5th",
            "Robbery\t-42.9%\t12th",
            "line 99, column “Position in County No. of Crimes(10 Districts)pe r 1000 "
            "population”: 12 is not a position from 1 to 10",
        ),
        (
            "Domestic Violence\t-18.8%\t1st\t1st",
            "Domestic Violence\t-18.8%\t1st\tfirst",
            "line 100, column “Position in county for %age reduction”: “first” is not a "
            "position like 5th",
        ),
    ],
    ids=["change-out-of-range", "position-out-of-range", "bad-reduction-position"],
)
def test_a_bad_figure_names_the_column_by_its_heading_as_printed(
    report, tmp_path, old, new, expected
):
    text = REPORT_TEXT.read_text(encoding="utf-8")
    assert old in text
    (tmp_path / "report.txt").write_text(text.replace(old, new, 1), encoding="utf-8")
    message = refused_everywhere(tmp_path / "report.txt", year="2031/32")
    assert message.endswith(f"report.txt: {expected}")


def test_a_file_in_utf_16_gets_a_plain_message(report, tmp_path):
    path = tmp_path / "report.txt"
    path.write_text(REPORT_TEXT.read_text(encoding="utf-8"), encoding="utf-16")
    message = refused_everywhere(path, year="2011/12")
    assert message.endswith(
        "report.txt: line 1: the file is in UTF-16, not UTF-8: save it as UTF-8 text "
        "(Save As, Encoding “UTF-8”) and import it again"
    )
    assert "codec" not in message


def test_a_file_in_windows_1252_names_the_line_character_and_encoding(report, tmp_path):
    path = tmp_path / "report.txt"
    text = REPORT_TEXT.read_text(encoding="utf-8")
    path.write_bytes(text.encode("cp1252"))
    dash = seed_lines()[13].index("–") + 1
    message = refused_everywhere(path, year="2011/12")
    assert message.endswith(
        f"report.txt: line 14, character {dash}: the byte 0x96 is not UTF-8 (the file looks "
        "like Windows-1252 text, where it is “–”): save it as UTF-8 text (Save As, Encoding "
        "“UTF-8”) and import it again"
    )
    assert "codec" not in message


# Issue 14, part 5: a new partnership starts from its report.


def forget_everything_but_the_report_text():
    forget_the_year_keep_the_agencies()
    Agency.objects.filter(parent__isnull=False).delete()  # the teams, then the organisations
    Agency.objects.all().delete()


SEED_AGENCIES = [
    "DBC",
    "Herts Police",
    "Probation",
    "DBC CCTV",
    "HFRS",
    "Druglink",
    "HCC",
    "Trading Standards",
    "DENS",
    "Hertsreach",
    "MENCAP",
    "Hemel Churches Together",
    "CSP",
    "DBAC",
    "DBC CSP Coordinator",
    "Global Rock Challenge",
    "Herts Fire & Rescue",
    "HCC Youth Connexions",
    "Crimestoppers",
    "HCC Targeted Youth Support",
    "Youth Connexions",
    "DBC APGs",
]


def test_without_its_agencies_the_report_is_refused_naming_every_one(report):
    forget_everything_but_the_report_text()
    message = refused_everywhere(REPORT_TEXT, year="2011/12", dry_run=True)
    assert f"line 14, LEAD AGENCY: {len(SEED_AGENCIES)} lead agencies are not known: " in message
    for name in SEED_AGENCIES:
        assert f"“{name}” (line" in message
    assert "“Probation” (line 16)" in message
    assert "“Druglink” (lines 19, 40, 41, 42, 43, 44, 51, 52, 53 and 80)" in message
    assert message.endswith("To add them as new agencies, import it with --create-agencies.")


def test_the_dry_run_lists_the_agencies_it_would_create(report, capsys):
    forget_everything_but_the_report_text()
    before = every_table()
    call_command(
        "importreport", str(REPORT_TEXT), year="2011/12", dry_run=True, create_agencies=True
    )
    assert every_table() == before
    out = capsys.readouterr().out
    for name in SEED_AGENCIES:
        assert f"  added: agency {name}\n" in out


def test_with_create_agencies_a_new_partnership_imports_its_report(report):
    from_fixture = exported()
    forget_everything_but_the_report_text()
    call_command("importreport", str(REPORT_TEXT), year="2011/12", create_agencies=True)
    assert sorted(Agency.objects.values_list("short_name", flat=True)) == sorted(SEED_AGENCIES)
    imported = exported()
    assert imported["priorities"] == from_fixture["priorities"]
    assert imported["statistics"] == from_fixture["statistics"]
    probation = Agency.objects.get(short_name="Probation")
    assert probation.name == "Probation"
    assert [a.action for a in Action.objects.filter(leads__agency=probation)] == [
        "Effective use of Community payback scheme"
    ]


def test_some_unknown_agencies_are_named_with_their_lines_and_created_when_asked(report, tmp_path):
    text = REPORT_TEXT.read_text(encoding="utf-8")
    text = text.replace("\tProbation\t", "\tProbaton\t").replace(
        "Druglink/DENS", "Druglink/Shelter"
    )
    text = text.replace("\tHFRS\t", "\tHertfordshire Fire and Rescue Service\t")
    path = tmp_path / "report.txt"
    path.write_text(text, encoding="utf-8")
    message = refused_everywhere(path, year="2031/32")
    assert message.endswith(
        "report.txt: line 16, LEAD AGENCY: 3 lead agencies are not known: “Probaton” (line 16; "
        "did you mean “Probation”?), “Shelter” (lines 42, 43 and 53), “Hertfordshire Fire and "
        "Rescue Service” (line 63; the full name of “HFRS”). To add them as new agencies, "
        "import it with --create-agencies."
    )

    agencies = Agency.objects.count()
    call_command("importreport", str(path), year="2031/32", create_agencies=True)
    assert Agency.objects.count() == agencies + 2  # Probaton and Shelter; the full name an alias
    assert AgencyAlias.objects.get(
        name="Hertfordshire Fire and Rescue Service"
    ).agency.short_name == ("HFRS")
    fire = Action.objects.get(priority__year__label="2031/32", action="Provide Fire safety Advice")
    assert [lead.agency.short_name for lead in fire.leads.all()] == ["HFRS"]
