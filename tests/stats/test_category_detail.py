from stats.models import CrimeCategory


def test_it_shows_the_categorys_figures_in_every_snapshot(client, report):
    vehicle = CrimeCategory.objects.get(name="Vehicle Crime")
    response = client.get(vehicle.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert "-0.6%" in html
    assert "7 th" in html
    assert [row.record.category for row in response.context["table"].rows] == [vehicle]


def test_an_unknown_category_is_not_found(client, report):
    assert client.get("/categories/no-such-category/").status_code == 404


def test_it_charts_the_county_positions_over_time_with_the_figures_beside(client, report):
    from decimal import Decimal

    from stats.models import CrimeStatistic, StatisticsSnapshot

    published = StatisticsSnapshot.objects.get()
    later = StatisticsSnapshot.objects.create(
        year=report,
        title="Test table",
        area="Dacorum",
        area_heading="All Dacorum",
        county="Hertfordshire",
        districts=10,
        accurate_at="2012-06-30",
        accurate_at_text="30/6/12",
        rate_heading="r",
        reduction_heading="p",
        source="Made in a test",
    )
    vehicle = CrimeCategory.objects.get(name="Vehicle Crime")
    CrimeStatistic.objects.create(
        snapshot=later,
        category=vehicle,
        percent_change=Decimal("-3.0"),
        percent_change_text="-3%",
        rate_position=4,
        rate_position_text="4th",
        reduction_position=2,
        reduction_position_text="2nd",
    )
    response = client.get(vehicle.get_absolute_url())
    chart = response.context["chart"]
    assert chart.date_labels == [published.accurate_at_text, "30/6/12"]
    assert [s.values for s in chart.series] == [[7, 4], [9, 2]]
    html = response.content.decode()
    assert '<svg class="app-chart__svg"' in html
    assert 'role="img"' in html
    assert (
        '<title id="category-chart-title">Vehicle Crime: Dacorum&#x27;s position in the county</title>'
        in html
    )
    assert "Position by crimes per 1000 population: 7th at 26/3/12, 4th at 30/6/12." in html
    assert html.count('class="app-chart__point') == 4
    assert chart.table_rows() == [["26/3/12", "7th", "9th"], ["30/6/12", "4th", "2nd"]]
    # The figures are on the page too, in the chart's table, for screen reader users.
    for date_text, by_rate, by_reduction in chart.table_rows():
        assert (
            f'<th scope="row" class="govuk-table__header">{date_text}</th>'
            f'<td class="govuk-table__cell">{by_rate}</td>'
            f'<td class="govuk-table__cell">{by_reduction}</td>'
        ) in html


def test_it_downloads_its_figures(client, report):
    vehicle = CrimeCategory.objects.get(name="Vehicle Crime")
    response = client.get(vehicle.get_absolute_url(), {"_export": "csv"})
    assert (
        response["Content-Disposition"]
        == 'attachment; filename="vehicle-crime-county-positions.csv"'
    )
    assert "-0.6%" in response.content.decode("utf-8-sig")
