"""Charts drawn on the server as inline SVG: no JavaScript, and each with its figures.

Here a chart is worked out as geometry (`Drawing`: gridlines, axis labels, lines with their
points, each coordinate already written as the SVG writes it); the template
templates/stats/includes/chart.html draws it as an <svg role="img"> named by its <title>
and described by its <desc>, with its key, and the table of the figures it draws beside
it, so a screen reader user gets the same numbers.
"""

import math
from dataclasses import dataclass, field
from datetime import date

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
class Gridline:
    """A horizontal line across the plot, with its label at the left."""

    y: str
    label_y: str
    label: str


@dataclass
class AxisLabel:
    """A label under the x axis."""

    x: str
    label: str


@dataclass
class Line:
    """A series drawn: its path through its points (broken where a value is missing)."""

    number: str
    path: str
    points: list[tuple[str, str]]


@dataclass
class Drawing:
    """Everything the SVG of a chart draws, in the order it draws it. Every coordinate is
    text, as the SVG writes it (a whole number in a template would be localised, a few
    hundred times a ward page, for nothing)."""

    gridlines: list[Gridline]
    x_labels: list[AxisLabel]
    lines: list[Line]
    axis_y: str | None = None  # the x axis's line, for a chart of counts
    width: str = str(WIDTH)
    height: str = str(HEIGHT)
    left: str = str(LEFT)
    right: str = str(WIDTH - RIGHT)
    label_x: str = str(LEFT - 8)
    x_label_y: str = str(HEIGHT - BOTTOM + 20)


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

    def drawing(self) -> Drawing:
        top = _nice_ceiling(self.highest)
        n = len(self.months)

        def y(value: int) -> float:
            return TOP + PLOT_H - (value / top) * PLOT_H

        gridlines = [
            _gridline(TOP + PLOT_H - (tick / top) * PLOT_H, f"{tick:,}")
            for tick in range(0, top + 1, _tick_step(top))
        ]
        every = max(1, math.ceil(n / 6))
        x_labels = [
            AxisLabel(_f(_month_x(i, n)), f"{month:%b %Y}")
            for i, month in enumerate(self.months)
            if i % every == 0
        ]
        xs = [_f(_month_x(i, n)) for i in range(n)]
        return Drawing(gridlines, x_labels, _lines(self.series, xs, y), axis_y=_f(TOP + PLOT_H))


def _month_x(i: int, n: int) -> float:
    return LEFT + (PLOT_W / 2 if n == 1 else i * PLOT_W / (n - 1))


def _lines(series_list: list["Series"], xs: list[str], y) -> list[Line]:
    """Each series as a path through its points, broken where a value is missing: `xs`
    holds each point's x as written, `y` gives a value's height."""
    lines = []
    for number, series in enumerate(series_list, start=1):
        path, points, pen_down = [], [], False
        for i, value in enumerate(series.values):
            if value is None:
                pen_down = False
                continue
            cx, cy = xs[i], _f(y(value))
            path.append(f"{'L' if pen_down else 'M'}{cx} {cy}")
            points.append((cx, cy))
            pen_down = True
        if path:
            lines.append(Line(str(number), " ".join(path), points))
    return lines


def _gridline(y_at: float, label: str) -> Gridline:
    return Gridline(_f(y_at), _f(y_at + 4), label)


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

    The same interface as TrendChart (title, series, table_headers, table_rows, drawing),
    so templates/stats/includes/chart.html draws either.
    """

    title: str
    dates: list[date]
    date_labels: list[str]
    districts: int
    series: list[Series] = field(default_factory=list)
    date_heading: str = "Accurate at"

    @property
    def has_figures(self) -> bool:
        return any(v is not None for s in self.series for v in s.values)

    def table_headers(self) -> list[str]:
        return [self.date_heading, *(series.label for series in self.series)]

    def table_rows(self) -> list[list[str]]:
        return [
            [
                label,
                *(
                    "No figure" if s.values[i] is None else ordinal(s.values[i])
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
                    f"{series.label}: {ordinal(known[0][1])} at {known[0][0]}"
                    + (f", {ordinal(known[-1][1])} at {known[-1][0]}" if len(known) > 1 else "")
                    + "."
                )
        return (
            f"Positions among {self.districts} districts at {len(self.dates)} date"
            f"{'s' if len(self.dates) != 1 else ''}, 1st at the top. "
            + " ".join(parts)
            + " The figures are in the table that follows the chart."
        )

    def drawing(self) -> Drawing:
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
        gridlines = [_gridline(y(position), ordinal(position)) for position in positions]
        every = max(1, math.ceil(n / 6))
        x_labels = [
            AxisLabel(_f(x(i)), label)
            for i, label in enumerate(self.date_labels)
            if i % every == 0 or i == n - 1
        ]
        return Drawing(gridlines, x_labels, _lines(self.series, [_f(x(i)) for i in range(n)], y))


def ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"
