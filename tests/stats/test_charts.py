"""Charts drawn on the server: an SVG with a name, a description and its figures as a table."""

from datetime import date

from stats.charts import Series, TrendChart, _nice_ceiling

MONTHS = [date(2012, m, 1) for m in (1, 2, 3)]


def chart():
    return TrendChart(
        "Burglary in Boxmoor",
        MONTHS,
        [
            Series("2012", [3, None, 5]),
            Series(
                "A year earlier",
                [1, 2, 0],
                months=[date(2011, m, 1) for m in (1, 2, 3)],
                dashed=True,
            ),
        ],
    )


def test_the_svg_is_an_image_named_by_its_title_and_described():
    svg = str(chart().svg("c"))
    assert svg.startswith('<svg class="app-chart__svg" viewBox="0 0 640 260" role="img"')
    assert 'aria-labelledby="c-title c-desc"' in svg
    assert '<title id="c-title">Burglary in Boxmoor</title>' in svg
    assert "2012: 8 in all, from 3 to 5 a month." in svg


def test_a_month_without_figures_breaks_the_line_rather_than_drawing_zero():
    svg = str(chart().svg("c"))
    line = svg.split('class="app-chart__line app-chart__line--1" d="')[1].split('"')[0]
    assert line.count("M") == 2
    assert "L" not in line


def test_its_figures_are_in_a_table_with_both_years_months():
    c = chart()
    assert c.table_headers() == ["Month", "2012", "Month a year earlier", "A year earlier"]
    assert c.table_rows()[1] == ["February 2012", "No figures", "February 2011", "2"]


def test_titles_are_escaped():
    assert "<b>" not in str(TrendChart("<b>", MONTHS, [Series("x", [1, 2, 3])]).svg("c"))


def test_the_axis_ends_at_a_round_number():
    assert [_nice_ceiling(v) for v in (0, 7, 12, 35, 101)] == [5, 10, 20, 50, 200]
