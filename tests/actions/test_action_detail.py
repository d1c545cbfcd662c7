from html import unescape

from actions.models import Action


def action(number, position):
    return Action.objects.get(priority__number=number, position=position)


def test_it_shows_every_published_cell_of_the_row(client, report):
    row = action(5, 6)
    html = unescape(client.get(row.get_absolute_url()).content.decode())
    for text in (row.action, row.target, row.timescale, row.update):
        assert text in html
    assert "Trading Standards</a>/" in html
    assert "Priority 5: Reassurance · Row 6" in html


def test_it_lists_the_same_work_under_other_priorities(client, report):
    row = action(1, 6)  # the Drive Safely programme, also under 3, 4 and 6
    html = unescape(client.get(row.get_absolute_url()).content.decode())
    assert "The same work under other priorities" in html
    for other in row.linked_actions:
        assert f'href="{other.get_absolute_url()}"' in html
    assert [o.priority.number for o in row.linked_actions] == [3, 4, 6]


def test_as_above_keeps_the_published_text_and_points_to_the_row_before(client, report):
    row = action(3, 5)  # target and update both "As above"
    assert row.target == "As above"
    assert row.update == "As above"
    html = unescape(client.get(row.get_absolute_url()).content.decode())
    assert html.count("“As above” refers to") == 2
    assert "row 4 of this priority" in html


def test_a_row_of_its_own_has_no_linked_work_section(client, report):
    html = client.get(action(2, 1).get_absolute_url()).content.decode()
    assert "The same work under other priorities" not in html


def test_an_unknown_action_is_not_found(client, report):
    assert client.get("/actions/99999/").status_code == 404
