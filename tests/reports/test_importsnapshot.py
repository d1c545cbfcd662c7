"""importsnapshot: a county crime table from CSV; a year holds several snapshots."""

import csv

import pytest
from django.core.management import CommandError, call_command

from stats.models import StatisticsSnapshot
from tests.reports.yearfiles import fingerprint

HEADING = [
    "Accurate at 30/6/12",
    "All Dacorum",
    "Position in County No. of Crimes (10 Districts) per 1000 population",
    "Position in county for %age reduction",
]
ROWS = [["All Crime", "-8%", "4th", "2nd"], ["Vehicle Crime", "-3.5%", "6th", "7th"]]


def write_csv(tmp_path, rows, name="table.csv"):
    path = tmp_path / name
    with path.open("w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows(rows)
    return str(path)


def test_a_second_snapshot_joins_the_year_and_becomes_the_newest(client, report, tmp_path):
    call_command(
        "importsnapshot", write_csv(tmp_path, [HEADING, *ROWS]), year="2011/12", area="Dacorum"
    )
    snapshots = StatisticsSnapshot.objects.filter(year=report).order_by("accurate_at")
    assert [s.accurate_at_text for s in snapshots] == ["26/3/12", "30/6/12"]
    newest = snapshots.last()
    assert newest.county == "Hertfordshire"
    assert newest.districts == 10
    assert [
        (r.category.name, r.percent_change_text) for r in newest.rows.order_by("category__position")
    ] == [
        ("All Crime", "-8%"),
        ("Vehicle Crime", "-3.5%"),
    ]
    assert newest.source == "The county crime table in table.csv"
    assert client.get("/county/").context["snapshot"] == newest
    assert snapshots.first().rows.count() == 8  # the published table is untouched


def test_the_same_date_again_needs_replace(report, tmp_path):
    path = write_csv(tmp_path, [HEADING, *ROWS])
    call_command("importsnapshot", path, year="2011/12", area="Dacorum")
    before = fingerprint()
    with pytest.raises(CommandError, match="already has a crime table accurate at 30/6/12"):
        call_command("importsnapshot", path, year="2011/12", area="Dacorum")
    assert fingerprint() == before
    changed = write_csv(tmp_path, [HEADING, ["All Crime", "-9%", "4th", "2nd"]], "changed.csv")
    call_command("importsnapshot", changed, year="2011/12", area="Dacorum", replace=True)
    newest = StatisticsSnapshot.objects.get(accurate_at_text="30/6/12")
    assert [r.percent_change_text for r in newest.rows.all()] == ["-9%"]


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        ([HEADING, ["All Crime", "-8%", "4th"]], "line 2: a crime table row needs 4 cells"),
        (
            [HEADING, ["All Crime", "minus 8", "4th", "2nd"]],
            "line 2, column “All Dacorum”: “minus 8”",
        ),
        (
            [HEADING, ["All Crime", "-8%", "11th", "2nd"]],
            "line 2, column “Position in County No. of Crimes (10 Districts) per 1000 population”: "
            "11 is not a position from 1 to 10",
        ),
        ([["Category", "Change"], *ROWS], "line 1: the crime table's heading"),
    ],
    ids=["short-row", "bad-change", "position-out-of-range", "no-heading"],
)
def test_a_bad_table_is_refused_and_changes_nothing(report, tmp_path, rows, expected):
    before = fingerprint()
    with pytest.raises(CommandError) as error:
        call_command("importsnapshot", write_csv(tmp_path, rows), year="2011/12", area="Dacorum")
    assert fingerprint() == before
    assert f"table.csv: {expected}" in str(error.value)
