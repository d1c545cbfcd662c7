"""The same work under other priorities is listed within its own year, naming the year:
a piece of work carried into a new year keeps its initiative, and must not mix years."""

import re
from html import unescape

import pytest

from actions.models import Action
from reports.services import year_start


@pytest.fixture
def two_years(cast):
    later = year_start(from_year=cast.report, label="2012/13", user=cast.coordinator)
    drive = Action.objects.get(priority__year=cast.report, priority__number=1, position=6)
    return cast.report, later, drive, drive.continued_by.get()


def test_linked_rows_are_of_the_same_year_only(two_years):
    report, later, old, new = two_years
    assert old.initiative_id == new.initiative_id
    assert {o.priority.year_id for o in old.linked_actions} == {report.pk}
    assert {o.priority.year_id for o in new.linked_actions} == {later.pk}
    assert [o.priority.number for o in new.linked_actions] == [3, 4, 6]


def test_the_priority_table_names_the_year_of_the_other_rows(client, two_years):
    report, later, old, new = two_years
    html = client.get(new.priority.get_absolute_url()).content.decode()
    row = html.split(f'href="{new.get_absolute_url()}"', 1)[1]
    also = re.search(r'<span class="app-also">(.*?)</span>', row).group(1)
    assert also.startswith("Also under ")
    assert also.endswith(" (2012/13)")
    for other in new.linked_actions:
        assert f'href="{other.get_absolute_url()}">priority {other.priority.number}</a>' in also
    for other in old.linked_actions:
        assert other.get_absolute_url() not in also
    old_html = client.get(old.priority.get_absolute_url()).content.decode()
    assert re.search(
        r'<span class="app-also">[^<]*<a [^>]*>priority 3</a>.*? \(2011/12\)</span>', old_html
    )


def test_the_action_page_lists_the_years_own_rows_and_names_the_year(client, two_years):
    report, later, old, new = two_years
    html = unescape(client.get(new.get_absolute_url()).content.decode())
    assert "The same work under other priorities in 2012/13" in html
    section = html.split("The same work under other priorities")[1].split("History of updates")[0]
    for other in new.linked_actions:
        assert (
            f'href="{other.get_absolute_url()}">2012/13, priority {other.priority.number}:'
            in section
        )
    for other in old.linked_actions:
        assert other.get_absolute_url() + '"' not in section
    assert "under 4 priorities" in section


def test_the_initiative_page_counts_each_years_rows(client, two_years):
    report, later, old, new = two_years
    html = unescape(client.get(new.initiative.get_absolute_url()).content.decode())
    assert (
        "The 2011/12 plan lists this work under 4 priorities; "
        "the 2012/13 plan lists this work under 4 priorities."
    ) in html
