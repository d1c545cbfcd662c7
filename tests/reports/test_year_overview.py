"""A year's page at a glance: actions by progress status for every priority, as a chart
and a table, the actions due an update and those updated in the last 30 days."""

import datetime
import re
from html import unescape

import pytest
from django.db.models import Count
from django.utils import timezone

from actions.models import Action, ProgressStatus
from actions.selectors import year_status_counts
from csp_tracker import freshness
from priorities.models import Priority
from reports.overview import LEFT, PLOT_W, STATUS_ORDER, StatusChart
from tests.factories import year_make

# Per priority: how many actions at each status ("" for none recorded).
PLAN = {
    1: {"complete": 2, "green": 3, "amber": 1, "red": 1, "not_started": 0, "": 1},
    2: {"complete": 0, "green": 0, "amber": 0, "red": 4, "not_started": 2, "": 0},
    3: {"complete": 1, "green": 0, "amber": 5, "red": 0, "not_started": 0, "": 3},
}


def section(html: str, heading_id: str) -> str:
    """The HTML from the heading with that id to the next heading of its level or above."""
    start = html.index(f'id="{heading_id}"')
    rest = html[start:]
    end = re.search(r"<h[1-3] ", rest[1:])
    return rest[: end.start() + 1] if end else rest


@pytest.fixture
def built_year(db):
    """A made-up year with three priorities and actions at every status."""
    # Started long ago: its unedited actions are due an update (a year not yet
    # started has none due).
    year = year_make(label="2031/32", starts_on="2021-04-01")
    for number, counts in PLAN.items():
        priority = Priority.objects.create(
            year=year, number=number, title=f"Made-up priority {number}", published_title="X"
        )
        position = 0
        for status, n in counts.items():
            for _ in range(n):
                position += 1
                Action.objects.create(
                    priority=priority,
                    position=position,
                    action=f"Action {number}.{position} ({status or 'none'})",
                    lead_text="",
                    target="",
                    timescale="Ongoing",
                    progress_status=status,
                )
    return year


def days_ago(days: int) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(days=days)


def test_the_counts_of_each_status_match_the_database(client, built_year):
    response = client.get(built_year.get_absolute_url())
    chart = response.context["overview"].chart
    in_database = {
        (row["priority__number"], row["progress_status"]): row["n"]
        for row in Action.objects.for_year(built_year)
        .values("priority__number", "progress_status")
        .annotate(n=Count("pk"))
    }
    shown = {
        (priority.number, status): n
        for priority, counts in chart.rows
        for status, n in counts.items()
        if n
    }
    assert shown == in_database
    assert [priority.number for priority, _ in chart.rows] == [1, 2, 3]
    assert all(set(counts) == {"", *ProgressStatus.values} for _, counts in chart.rows)


def test_the_table_beside_the_chart_gives_every_count_with_its_status_in_words(client, built_year):
    html = unescape(client.get(built_year.get_absolute_url()).content.decode())
    table = html[html.index('<table class="govuk-table app-overview__table">') :]
    table = table[: table.index("</table>")]
    headers = re.findall(r'<th scope="col"[^>]*>([^<]*)</th>', table)
    assert headers == ["Priority", *(label for _, label in STATUS_ORDER), "All actions"]
    rows = [
        re.findall(r"<t[hd][^>]*>([^<]*)</t[hd]>", row)
        for row in re.findall(r"<tr class=\"govuk-table__row[^\"]*\">(.*?)</tr>", table)[1:]
    ]
    for row, (number, counts) in zip(rows, PLAN.items(), strict=False):
        assert row[0] == f"{number}. Made-up priority {number}"
        assert row[1:-1] == [str(counts[status]) for status, _ in STATUS_ORDER]
        assert row[-1] == str(sum(counts.values()))
    totals = [sum(counts[status] for counts in PLAN.values()) for status, _ in STATUS_ORDER]
    assert rows[-1] == ["All priorities", *map(str, totals), str(sum(totals))]


def test_the_chart_is_an_image_named_and_described_with_a_segment_per_status(client, built_year):
    html = unescape(client.get(built_year.get_absolute_url()).content.decode())
    svg = html[html.index("<svg") : html.index("</svg>")]
    assert 'role="img"' in svg
    assert 'aria-labelledby="overview-chart-title overview-chart-desc"' in svg
    assert '<title id="overview-chart-title">2031/32: actions by progress status' in svg
    assert "Of 23 actions in all: Complete: 3, Green: 3, Amber: 6, Red: 5" in svg
    segments = re.findall(r"<title>(Priority \d, [^<]+)</title>", svg)
    assert segments == [
        f"Priority {number}, {label}: {counts[status]} action{'s' * (counts[status] != 1)}"
        for number, counts in PLAN.items()
        for status, label in STATUS_ORDER
        if counts[status]
    ]
    key = html[html.index('<ul class="app-chart__legend">') :]
    for status, label in STATUS_ORDER:
        css = status or "none"
        assert f'app-overview__segment--{css}" aria-hidden="true"></span>{label}</li>' in key


def test_each_bar_is_as_long_as_its_priority_has_actions(built_year):
    drawing = StatusChart(title="t", rows=year_status_counts(built_year)).drawing()
    ends = [float(bar.segments[-1].x) + float(bar.segments[-1].width) for bar in drawing.bars]
    # Priority 3 has the most actions (9), so its bar spans the plot; 1 has 8, 2 has 6.
    assert ends == pytest.approx(
        [LEFT + PLOT_W * 8 / 9, LEFT + PLOT_W * 6 / 9, LEFT + PLOT_W], abs=0.1
    )


def test_an_action_updated_29_days_ago_is_recent_and_one_updated_31_days_ago_is_due(
    client, built_year
):
    actions = list(Action.objects.for_year(built_year).exclude(progress_status="complete"))
    recent, old = actions[0], actions[1]
    Action.objects.filter(pk=recent.pk).update(update_changed_at=days_ago(29))
    Action.objects.filter(pk=old.pk).update(update_changed_at=days_ago(31))

    overview = client.get(built_year.get_absolute_url()).context["overview"]
    assert [action.pk for action in overview.updated] == [recent.pk]
    due = [action.pk for action in overview.due]
    assert old.pk in due
    assert recent.pk not in due


def test_complete_actions_are_never_due_and_unedited_ones_always_are(client, built_year):
    overview = client.get(built_year.get_absolute_url()).context["overview"]
    due = {action.pk for action in overview.due}
    year_actions = Action.objects.for_year(built_year)
    assert due == set(year_actions.exclude(progress_status="complete").values_list("pk", flat=True))
    assert [(a.priority.number, a.position) for a in overview.due] == sorted(
        (a.priority.number, a.position) for a in overview.due
    )


def test_the_lists_link_to_each_action_with_its_date_and_status(client, built_year):
    green = Action.objects.for_year(built_year).filter(progress_status="green").first()
    Action.objects.filter(pk=green.pk).update(update_changed_at=days_ago(3))
    html = unescape(client.get(built_year.get_absolute_url()).content.decode())

    updated = section(html, "overview-updated")
    assert "1 action" in updated
    links = re.findall(r'<a class="govuk-link" href="([^"]+)">([^<]+)</a>', updated)
    assert links == [(green.get_absolute_url(), green.action)]
    shown_date = timezone.localtime(days_ago(3)).strftime("%-d %b %Y")
    assert f"(priority 1, {shown_date}, Green)" in updated

    due = section(html, "overview-due")
    links = re.findall(r'<a class="govuk-link" href="([^"]+)">([^<]+)</a>', due)
    expected = Action.objects.for_year(built_year).exclude(progress_status="complete")
    expected = expected.exclude(pk=green.pk).order_by("priority__number", "position")
    assert links == [(action.get_absolute_url(), action.action) for action in expected]
    assert f"{len(links)} actions" in due


def test_the_published_2011_12_year_has_every_action_due_and_no_status_recorded(client, report):
    html = unescape(client.get("/").content.decode())
    assert "2011/12 at a glance" in html
    assert "Of 37 actions in all: Not recorded: 37." in html
    assert "37 actions" in section(html, "overview-due")
    assert "No action has been updated in the last 30 days." in html
    # What the page showed before stays: the priorities with their counts.
    assert 'href="/years/2011-12/priorities/6/"' in html
    assert "8 actions" in html


def test_a_year_without_actions_has_an_empty_overview(client, db):
    year = year_make(label="2032/33")
    response = client.get(year.get_absolute_url())
    assert response.status_code == 200
    html = unescape(response.content.decode())
    assert "No actions yet." in html
    assert "None: every unfinished action has been updated" in html


def test_the_pages_kept_by_data_version_are_kept_for_the_day_only(db, monkeypatch):
    today = freshness.data_version()
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    monkeypatch.setattr(timezone, "localdate", lambda: tomorrow)
    assert freshness.data_version() != today
    assert freshness.data_version().endswith(tomorrow.isoformat())
