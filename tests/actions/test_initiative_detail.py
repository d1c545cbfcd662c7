from html import unescape

from actions.models import Initiative


def test_it_shows_each_row_of_the_work_side_by_side(client, report):
    drive_safely = Initiative.objects.get(name__startswith="Support Programme of Drive Safely")
    response = client.get(drive_safely.get_absolute_url())
    assert response.status_code == 200
    shown = [row.record for row in response.context["table"].rows]
    assert [a.priority.number for a in shown] == [1, 3, 4, 6]
    html = unescape(response.content.decode())
    # the row under priority 1 has its own target and update
    assert "To instil safe driving habits in pre 17 yr. olds" in html
    assert "3 schools involved – All Dacorum Schools to be included in 2012-13" in html


def test_the_report_links_three_pieces_of_work(report):
    linked = {
        initiative.name: sorted(a.priority.number for a in initiative.actions.all())
        for initiative in Initiative.objects.prefetch_related("actions__priority")
    }
    assert linked == {
        "Instigate Joint Agency activity over Halloween period": [1, 3, 6],
        "Support Programme of Drive Safely Events across Dacorum Schools": [1, 3, 4, 6],
        "Support for Homeless and Vulnerable": [3, 4],
    }
