import csv
from html import unescape

from stats.models import StatisticsSnapshot
from tests.factories import year_make


def test_the_county_page_shows_the_newest_snapshot_with_its_date_and_districts(client, report):
    response = client.get("/county/")
    assert response.status_code == 200
    html = unescape(response.content.decode())
    assert "Accurate at 26/3/12" in html
    assert "26 March 2012" in html
    assert "among the 10 districts of Hertfordshire" in html
    assert "Vehicle Crime should be a high priority for the CSP" in html


def test_it_shows_each_figure_as_published_in_the_published_order(client, report):
    response = client.get("/county/")
    rows = [[cell for _, cell in row.items()] for row in response.context["table"].paginated_rows]
    assert [r[1:] for r in rows] == [
        ["-11%", "5th", "1st"],
        ["-10.2%", "6th", "9th"],
        ["-0.6%", "7 th", "9th"],
        ["-6.4%", "4th", "2nd"],
        ["-27.8%", "7th", "1st"],
        ["-20.2%", "6th", "5th"],
        ["-42.9%", "5th", "2nd"],
        ["-18.8%", "1st", "1st"],
    ]


def test_the_published_headings_stay_available(client, report):
    html = unescape(client.get("/county/").content.decode())
    assert "All Dacorun" in html
    assert "Position in County No. of Crimes(10 Districts)pe r 1000 population" in html
    assert "Position in county for %age reduction" in html


def test_it_sorts_by_the_numbers_not_the_text(client, report):
    response = client.get("/county/", {"sort": "percent_change"})
    changes = [row.record.percent_change_text for row in response.context["table"].rows]
    assert changes[0] == "-42.9%"
    assert changes[-1] == "-0.6%"


def test_a_snapshot_has_its_own_address(client, report):
    snapshot = StatisticsSnapshot.objects.get()
    assert client.get(snapshot.get_absolute_url()).context["snapshot"] == snapshot
    assert client.get("/county/99999/").status_code == 404


def test_without_any_snapshot_the_county_page_is_not_found(client, db):
    year_make(label="2031/32")
    assert client.get("/county/").status_code == 404


def test_the_county_table_downloads_as_published(client, report):
    response = client.get("/county/", {"_export": "csv"})
    assert response["Content-Disposition"] == (
        'attachment; filename="county-crime-table-dacorum-2012-03-26.csv"'
    )
    lines = response.content.decode("utf-8-sig").splitlines()
    header, _, _, vehicle = csv.reader(lines[:4])
    # Each figure as a number, then as published (text a spreadsheet would take for a
    # formula, -0.6%, written with a leading ').
    assert header == [
        "Crime category",
        "% change",
        "Position in county, crimes per 1000 population",
        "Position in county for % reduction",
        "% change as published",
        "Position per 1000 population as published",
        "Position for % reduction as published",
    ]
    assert vehicle == ["Vehicle Crime", "-0.6", "7", "9", "'-0.6%", "7 th", "9th"]
    assert len(lines) == 9
