"""Charts drawn on the server: an SVG with a name, a description and its figures as a table
(stats.charts works out the drawing, templates/stats/includes/chart.html writes it)."""

from datetime import date

from django.template.loader import render_to_string

from stats.charts import PositionChart, Series, TrendChart, _nice_ceiling

MONTHS = [date(2012, m, 1) for m in (1, 2, 3)]


def chart(title="Burglary in Boxmoor"):
    return TrendChart(
        title,
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


def drawn(a_chart, chart_id="c") -> str:
    return render_to_string("stats/includes/chart.html", {"chart": a_chart, "chart_id": chart_id})


def test_the_svg_is_an_image_named_by_its_title_and_described():
    html = drawn(chart())
    assert '<svg class="app-chart__svg" viewBox="0 0 640 260" role="img"' in html
    assert 'aria-labelledby="c-title c-desc"' in html
    assert '<title id="c-title">Burglary in Boxmoor</title>' in html
    assert "2012: 8 in all, from 3 to 5 a month." in html


def test_a_month_without_figures_breaks_the_line_rather_than_drawing_zero():
    line = chart().drawing().lines[0]
    assert line.path.count("M") == 2
    assert "L" not in line.path
    assert len(line.points) == 2
    html = drawn(chart())
    assert f'class="app-chart__line app-chart__line--1" d="{line.path}"' in html
    assert html.count('class="app-chart__point app-chart__point--1"') == 2


def test_the_counts_are_plotted_from_the_bottom_of_the_axis():
    drawing = chart().drawing()
    assert [g.label for g in drawing.gridlines] == ["0", "1", "2", "3", "4", "5"]
    assert drawing.gridlines[0].y == drawing.axis_y  # 0 is on the axis
    # 5, the highest, is at the top of the axis: the last gridline.
    assert drawing.lines[0].points[-1][1] == drawing.gridlines[-1].y


def test_its_figures_are_in_a_table_with_both_years_months():
    c = chart()
    assert c.table_headers() == ["Month", "2012", "Month a year earlier", "A year earlier"]
    assert c.table_rows()[1] == ["February 2012", "No figures", "February 2011", "2"]
    html = drawn(c)
    assert '<th scope="row" class="govuk-table__header">February 2012</th>' in html
    assert '<td class="govuk-table__cell">No figures</td>' in html


def test_titles_are_escaped():
    html = drawn(chart("<b>Boxmoor</b>"))
    assert "<b>" not in html
    assert "&lt;b&gt;Boxmoor&lt;/b&gt;" in html


def test_positions_run_from_first_at_the_top():
    positions = PositionChart(
        "Burglary",
        [date(2011, 3, 26), date(2012, 3, 26)],
        ["26/3/11", "26/3/12"],
        10,
        [Series("Position", [7, 1])],
    )
    drawing = positions.drawing()
    assert drawing.gridlines[0].label == "1st"
    assert drawing.gridlines[-1].label == "10th"
    assert drawing.axis_y is None
    top, bottom = float(drawing.gridlines[0].y), float(drawing.gridlines[-1].y)
    assert top < bottom
    assert float(drawing.lines[0].points[1][1]) == top  # 1st, at the top
    assert '<th scope="row" class="govuk-table__header">26/3/12</th>' in drawn(positions)


def test_the_axis_ends_at_a_round_number():
    assert [_nice_ceiling(v) for v in (0, 7, 12, 35, 101)] == [5, 10, 20, 50, 200]
