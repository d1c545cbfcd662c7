"""Charts drawn on the server as inline SVG: no JavaScript, and each with its figures.

A chart is an <svg role="img"> named by its <title> and described by its <desc>; the
figures it draws go in a table beside it (`figure()`, at the end), so a screen reader
user gets the same numbers.
"""

import math
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from html import escape as escape_text

from django.utils.safestring import SafeString, mark_safe

from .periods import month_label

WIDTH, HEIGHT = 640, 260
LEFT, RIGHT, TOP, BOTTOM = 52, 16, 14, 40
PLOT_W, PLOT_H = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM


@dataclass
class Series:
    """A line: its label, and a value per month (None where there are no figures)."""

    label: str
    values: list[int | None]
    months: list[date] | None = None  # when its months are not the chart's (a year earlier)
    dashed: bool = False


@dataclass
class TrendChart:
    """Counts month by month: the chosen period, and the same months a year earlier."""

    title: str
    months: list[date]
    series: list[Series] = field(default_factory=list)

    @property
    def has_figures(self) -> bool:
        return any(v is not None for s in self.series for v in s.values)

    @property
    def highest(self) -> int:
        return max((v for s in self.series for v in s.values if v is not None), default=0)

    def table_rows(self) -> list[list[str]]:
        """The chart's figures, a row per month: for the table that goes with it."""
        rows = []
        for i, month in enumerate(self.months):
            row = [month_label(month)]
            for series in self.series:
                if series.months is not None:
                    row.append(month_label(series.months[i]))
                value = series.values[i]
                row.append("No figures" if value is None else f"{value:,}")
            rows.append(row)
        return rows

    def table_headers(self) -> list[str]:
        headers = ["Month"]
        for series in self.series:
            if series.months is not None:
                headers.append("Month a year earlier")
            headers.append(series.label)
        return headers

    def description(self) -> str:
        parts = []
        for series in self.series:
            values = [v for v in series.values if v is not None]
            if not values:
                parts.append(f"{series.label}: no figures.")
                continue
            parts.append(
                f"{series.label}: {sum(values):,} in all, from {min(values):,} to "
                f"{max(values):,} a month."
            )
        return (
            f"A line chart of {len(self.months)} months. "
            + " ".join(parts)
            + (" The figures are in the table that follows the chart.")
        )

    def svg(self, chart_id: str) -> SafeString:
        top = _nice_ceiling(self.highest)
        n = len(self.months)

        def y(value: int) -> float:
            return TOP + PLOT_H - (value / top) * PLOT_H

        # The gridlines depend on the top of the axis alone, the months' positions and labels
        # on the months alone: a ward page's 14 charts share them (worked out once each).
        parts = [_trend_gridlines(top), _month_axis(tuple(self.months))]
        parts += _lines(self.series, _month_positions(n), y)
        parts.append(
            f'<line class="app-chart__axis" x1="{LEFT}" x2="{WIDTH - RIGHT}" '
            f'y1="{TOP + PLOT_H}" y2="{TOP + PLOT_H}"/>'
        )
        return _svg_document(chart_id, self.title, self.description(), parts)


def _month_x(i: int, n: int) -> float:
    return LEFT + (PLOT_W / 2 if n == 1 else i * PLOT_W / (n - 1))


@lru_cache(maxsize=256)
def _month_positions(n: int) -> tuple[str, ...]:
    """The x of each of n months, as the SVG writes it."""
    return tuple(_f(_month_x(i, n)) for i in range(n))


@lru_cache(maxsize=256)
def _month_axis(months: tuple[date, ...]) -> str:
    """Labels under the x axis: about six of the months."""
    n = len(months)
    every = max(1, math.ceil(n / 6))
    return "".join(
        _x_label(_month_x(i, n), f"{month:%b %Y}")
        for i, month in enumerate(months)
        if i % every == 0
    )


@lru_cache(maxsize=256)
def _trend_gridlines(top: int) -> str:
    """Four or five gridlines from 0 to `top`, each with its count."""
    return "".join(
        _gridline(TOP + PLOT_H - (tick / top) * PLOT_H, f"{tick:,}")
        for tick in range(0, top + 1, _tick_step(top))
    )


def _lines(series_list: list["Series"], xs, y) -> list[str]:
    """Each series as a path through its points, broken where a value is missing: `xs`
    holds each point's x as written, `y` gives a value's height.

    Written with f-strings, not format_html: every value here is a number formatted by
    _f (nothing to escape), and a ward page draws a few thousand of them."""
    parts = []
    heights: dict[int, str] = {}  # counts repeat: each height written once
    for number, series in enumerate(series_list, start=1):
        path, points, pen_down = [], [], False
        for i, value in enumerate(series.values):
            if value is None:
                pen_down = False
                continue
            cx = xs[i]
            cy = heights.get(value)
            if cy is None:
                cy = heights[value] = _f(y(value))
            path.append(f"{'L' if pen_down else 'M'}{cx} {cy}")
            points.append(
                f'<circle class="app-chart__point app-chart__point--{number}" cx="{cx}" '
                f'cy="{cy}" r="3.5"/>'
            )
            pen_down = True
        if path:
            parts.append(
                f'<path class="app-chart__line app-chart__line--{number}" d="{" ".join(path)}"/>'
            )
            parts.extend(points)
    return parts


def _gridline(y_at: float, label: str) -> str:
    y_text = _f(y_at)
    return (  # numbers, and the label escaped
        f'<line class="app-chart__grid" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y_text}" '
        f'y2="{y_text}"/><text class="app-chart__label" x="{LEFT - 8}" y="{_f(y_at + 4)}" '
        f'text-anchor="end">{escape_text(label)}</text>'
    )


def _x_label(x_at: float, label: str) -> str:
    return (  # numbers, and the label escaped
        f'<text class="app-chart__label" x="{_f(x_at)}" y="{HEIGHT - BOTTOM + 20}" '
        f'text-anchor="middle">{escape_text(label)}</text>'
    )


def _svg_document(chart_id: str, title: str, description: str, parts: list[str]) -> SafeString:
    """The <svg role="img">, named by its title and described by its description."""
    chart_id, title, description = (escape_text(text) for text in (chart_id, title, description))
    return mark_safe(  # the id, title and description escaped; every part escapes its text
        f'<svg class="app-chart__svg" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'focusable="false" aria-labelledby="{chart_id}-title {chart_id}-desc" '
        f'xmlns="http://www.w3.org/2000/svg"><title id="{chart_id}-title">{title}</title>'
        f'<desc id="{chart_id}-desc">{description}</desc>{"".join(parts)}</svg>'
    )


def _f(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _nice_ceiling(value: int) -> int:
    """The top of the axis: 1, 2 or 5 times a power of ten, at least `value` (and 5)."""
    value = max(value, 5)
    power = 10 ** (len(str(value)) - 1)
    for factor in (1, 2, 5, 10):
        if factor * power >= value:
            return factor * power
    return 10 * power


def _tick_step(top: int) -> int:
    """Four or five gridlines from 0 to top."""
    for divisions in (5, 4, 2):
        if top % divisions == 0:
            return top // divisions
    return top


@dataclass
class PositionChart:
    """A crime category's positions in the county, snapshot by snapshot: 1st at the top.

    The same interface as TrendChart (title, series, table_headers, table_rows, svg), so
    `figure()` draws either.
    """

    title: str
    dates: list[date]
    date_labels: list[str]
    districts: int
    series: list[Series] = field(default_factory=list)

    @property
    def has_figures(self) -> bool:
        return any(v is not None for s in self.series for v in s.values)

    def table_headers(self) -> list[str]:
        return ["Accurate at", *(series.label for series in self.series)]

    def table_rows(self) -> list[list[str]]:
        return [
            [
                label,
                *(
                    "No figure" if s.values[i] is None else _ordinal(s.values[i])
                    for s in self.series
                ),
            ]
            for i, label in enumerate(self.date_labels)
        ]

    def description(self) -> str:
        parts = []
        for series in self.series:
            known = [
                (label, v)
                for label, v in zip(self.date_labels, series.values, strict=True)
                if v is not None
            ]
            if known:
                parts.append(
                    f"{series.label}: {_ordinal(known[0][1])} at {known[0][0]}"
                    + (f", {_ordinal(known[-1][1])} at {known[-1][0]}" if len(known) > 1 else "")
                    + "."
                )
        return (
            f"Positions among {self.districts} districts at {len(self.dates)} date"
            f"{'s' if len(self.dates) != 1 else ''}, 1st at the top. "
            + " ".join(parts)
            + " The figures are in the table that follows the chart."
        )

    def svg(self, chart_id: str) -> SafeString:
        n = len(self.dates)
        first, last = (self.dates[0], self.dates[-1]) if n else (None, None)
        span = (last - first).days if n > 1 else 0

        def x(i: int) -> float:
            if span == 0:
                return LEFT + PLOT_W / 2
            return LEFT + (self.dates[i] - first).days / span * PLOT_W

        def y(position: int) -> float:
            return TOP + (position - 1) / max(self.districts - 1, 1) * PLOT_H

        step = max(1, self.districts // 5)
        positions = sorted({1, self.districts, *range(1, self.districts + 1, step)})
        parts = [_gridline(y(position), _ordinal(position)) for position in positions]
        every = max(1, math.ceil(n / 6))
        parts += [
            _x_label(x(i), label)
            for i, label in enumerate(self.date_labels)
            if i % every == 0 or i == n - 1
        ]
        parts += _lines(self.series, [_f(x(i)) for i in range(n)], y)
        return _svg_document(chart_id, self.title, self.description(), parts)


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def figure(chart, chart_id: str) -> SafeString:
    """A chart (TrendChart or PositionChart) with its key, and the table of the figures it
    draws in a details element: for screen reader users, and anyone who wants the numbers.

    Written as strings rather than by a template: a ward page has a chart per crime type.
    Every text is escaped (`escape_text` is the standard library's escape, which Django's
    wraps; it gives the same HTML)."""
    legend = "".join(
        f'<li class="app-chart__legend-item"><span class="app-chart__swatch '
        f'app-chart__swatch--{number}" aria-hidden="true"></span>{escape_text(series.label)}</li>'
        for number, series in enumerate(chart.series, start=1)
    )
    title = escape_text(chart.title)
    headers = "".join(
        f'<th scope="col" class="govuk-table__header">{escape_text(header)}</th>'
        for header in chart.table_headers()
    )
    rows = []
    for first, *cells in chart.table_rows():
        tds = "".join(f'<td class="govuk-table__cell">{escape_text(cell)}</td>' for cell in cells)
        rows.append(
            f'<tr class="govuk-table__row"><th scope="row" class="govuk-table__header">'
            f"{escape_text(first)}</th>{tds}</tr>"
        )
    body = "\n".join(rows)
    return mark_safe(  # every text escaped above; the SVG escapes its own
        f'<figure class="app-chart">\n{chart.svg(chart_id)}\n'
        f'<figcaption class="app-chart__key">\n<ul class="app-chart__legend">{legend}</ul>\n'
        "</figcaption>\n</figure>\n"
        '<details class="govuk-details app-chart__details">\n'
        '<summary class="govuk-details__summary"><span class="govuk-details__summary-text">'
        f'Figures in this chart<span class="govuk-visually-hidden">: {title}</span></span>'
        "</summary>\n"
        '<div class="govuk-details__text">\n<table class="govuk-table app-chart__table">\n'
        f'<caption class="govuk-table__caption govuk-table__caption--s">{title}</caption>\n'
        f'<thead class="govuk-table__head"><tr class="govuk-table__row">{headers}</tr></thead>\n'
        f'<tbody class="govuk-table__body">\n{body}\n</tbody>\n</table>\n</div>\n</details>'
    )
