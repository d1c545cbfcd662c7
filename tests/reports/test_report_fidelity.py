"""Every cell of the published 2011/12 report is in the database exactly as published.

The report text is parsed here by a deliberately simple reader that knows only the
published layout, independent of how the fixture was made, and then compared cell by
cell with what loading fixtures/2011-12.json puts in the database.
"""

import hashlib
from dataclasses import dataclass, field

import pytest

from actions.models import Action
from priorities.models import Priority
from stats.models import StatisticsSnapshot
from tests.conftest import REPORT_TEXT

# The copy in fixtures/ is the seed document byte for byte; this catches an accidental edit.
REPORT_SHA256 = "980d51449139cafdfce1e033b935181b05b371fdd788a12cfec15955acd366e2"
HEADER = ["ACTION", "LEAD AGENCY", "TARGET", "TIMESCALE", "UPDATE"]


@dataclass
class PublishedPriority:
    number: int
    title: str
    rows: list[list[str]] = field(default_factory=list)


def read_report():
    lines = REPORT_TEXT.read_text(encoding="utf-8").split("\n")
    headings = [line for line in lines[:10] if line.strip()]
    priorities: list[PublishedPriority] = []
    stats_start = lines.index("Crime Stats")
    for index, line in enumerate(lines[:stats_start]):
        if line.startswith("PRIORITY "):
            title = lines[index + 2]
            priorities.append(PublishedPriority(int(line.split()[1]), title))
        elif line.split("\t") == HEADER or not line.strip() or "\t" not in line:
            continue
        elif line.startswith("\t"):
            # A page break split this row: the rest of its last cell.
            priorities[-1].rows[-1][-1] += " " + line.strip()
        else:
            cells = line.split("\t")
            assert len(cells) == 5, f"unexpected row: {line!r}"
            priorities[-1].rows.append(cells)
    commentary = lines[stats_start + 2]
    table = [line.split("\t") for line in lines[stats_start + 4 :] if line.strip()]
    return headings, priorities, commentary, table


HEADINGS, PRIORITIES, COMMENTARY, STATS_TABLE = read_report()


def test_the_report_copy_is_the_published_document():
    digest = hashlib.sha256(REPORT_TEXT.read_bytes()).hexdigest()
    assert digest == REPORT_SHA256


def test_the_reader_finds_six_priorities_and_37_rows():
    assert [p.number for p in PRIORITIES] == [1, 2, 3, 4, 5, 6]
    assert sum(len(p.rows) for p in PRIORITIES) == 37
    assert len(STATS_TABLE) == 9  # the heading row and eight categories


def test_the_year_keeps_the_reports_title_and_partnership(report):
    assert HEADINGS[:2] == [report.report_title, report.partnership]


def test_every_priority_has_its_published_number_and_title(report):
    stored = list(report.priorities.order_by("number").values_list("number", "published_title"))
    assert stored == [(p.number, p.title) for p in PRIORITIES]


@pytest.mark.parametrize("published", PRIORITIES, ids=lambda p: f"priority-{p.number}")
def test_every_cell_of_every_row_is_stored_exactly_as_published(report, published):
    priority = Priority.objects.get(year=report, number=published.number)
    stored = [
        [action.action, action.lead_text, action.target, action.timescale, action.update]
        for action in priority.actions.order_by("position")
    ]
    assert stored == published.rows
    positions = list(priority.actions.order_by("position").values_list("position", flat=True))
    assert positions == list(range(1, len(published.rows) + 1))


def test_the_row_split_by_a_page_break_is_one_row(report):
    rows = Action.objects.filter(priority__year=report, action__contains="No Cold Calling Zone")
    assert [row.update for row in rows] == [
        "Funding provided by CSP to purchase necessary signs and CP advice provided"
    ]


def test_the_lead_agencies_spell_out_the_published_lead_text(report):
    for action in Action.objects.filter(priority__year=report).prefetch_related("leads"):
        written = "/".join(lead.written_as for lead in action.leads.order_by("position"))
        assert written == action.lead_text, action


def test_the_statistics_snapshot_is_stored_exactly_as_published(report):
    snapshot = StatisticsSnapshot.objects.get(year=report)
    heading, *rows = STATS_TABLE
    assert snapshot.commentary == COMMENTARY
    assert heading == [
        f"Accurate at {snapshot.accurate_at_text}",
        snapshot.area_heading,
        snapshot.rate_heading,
        snapshot.reduction_heading,
    ]
    stored = [
        [
            row.category.name,
            row.percent_change_text,
            row.rate_position_text,
            row.reduction_position_text,
        ]
        for row in snapshot.rows.select_related("category").order_by("category__position")
    ]
    assert stored == rows


def test_the_snapshots_numbers_agree_with_its_published_text(report):
    snapshot = StatisticsSnapshot.objects.get(year=report)
    assert snapshot.accurate_at.isoformat() == "2012-03-26"
    assert snapshot.districts == 10
    for row in snapshot.rows.all():
        assert f"{row.percent_change.normalize():f}%" == row.percent_change_text
        assert row.rate_position_text.replace(" ", "")[:-2] == str(row.rate_position)
        assert row.reduction_position_text.replace(" ", "")[:-2] == str(row.reduction_position)
        assert 1 <= row.rate_position <= snapshot.districts
        assert 1 <= row.reduction_position <= snapshot.districts
