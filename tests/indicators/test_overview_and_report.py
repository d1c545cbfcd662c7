"""Indicators on the year overview (a line each) and in the report (a table per priority)."""

import pytest

from .test_pages import indicators_make


@pytest.fixture
def made(report):
    return indicators_make(report)


def test_the_year_overview_has_a_line_per_indicator(client, report, made):
    priority, crime, hand, value = made
    page = client.get(report.get_absolute_url()).content.decode()
    assert 'id="overview-indicators"' in page
    # Baseline April to May 2011 (10), latest June to July (10): no change; target 9.
    assert (
        "(priority 1, generated sample figures)</span>: latest 10, no change against the "
        "baseline, not on track." in page
    )
    # Higher is better, target 200: 150 (as in its baseline) falls short.
    assert "latest 150, no change against the baseline, not on track." in page


def test_the_report_has_a_table_of_indicators_per_priority(client, report, made):
    page = client.get(f"/years/{report.slug}/report/").content.decode()
    assert page.count('app-report__indicators"') == 1
    assert "Priority 1 indicators" in page
    assert "Anti-social behaviour incidents (generated sample figures, not real)" in page
    assert "10, April 2011 to May 2011" in page
    assert "150, April 2011 to June 2011" in page
    assert "-10.0% on the baseline (9)" in page
    assert "Not on track" in page


def test_a_year_without_indicators_shows_none(client, report):
    assert 'id="overview-indicators"' not in client.get(report.get_absolute_url()).content.decode()
    assert (
        "app-report__indicators" not in client.get(f"/years/{report.slug}/report/").content.decode()
    )
