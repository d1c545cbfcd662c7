"""A year at a glance: how many of each priority's actions are at each progress status,
as a horizontal stacked bar chart drawn on the server, with the same figures as a table.

`StatusChart.drawing()` works out the geometry (each coordinate already written as the
SVG writes it); templates/reports/includes/year_overview.html draws it as an
<svg role="img"> named by its <title> and described by its <desc>, with its key, beside
the table of its figures, so a screen reader user gets the same numbers. Each status has
its colour (GOV.UK's palette, static/src/app/_overview.scss) and its name in words: in
the key, the table, and each segment's own <title>.
"""

from dataclasses import dataclass
from functools import cached_property

from django.utils import timezone

from actions import selectors as action_selectors
from actions.models import ProgressStatus
from indicators.figures import IndicatorFigures
from indicators.selectors import year_indicators
from priorities.models import Priority, ReportingYear

# "Updated in the last 30 days".
RECENT_DAYS = 30
# Of those, how many the printed page lists: what is due, and what is overdue, is all printed;
# the page has no room for every recent update of a busy month.
PRINT_UPDATED = 8

# Left to right along a bar: done, then on track, then the worse, then nothing recorded.
STATUS_ORDER = [
    (ProgressStatus.COMPLETE.value, ProgressStatus.COMPLETE.label),
    (ProgressStatus.GREEN.value, ProgressStatus.GREEN.label),
    (ProgressStatus.AMBER.value, ProgressStatus.AMBER.label),
    (ProgressStatus.RED.value, ProgressStatus.RED.label),
    (ProgressStatus.NOT_STARTED.value, ProgressStatus.NOT_STARTED.label),
    ("", "Not recorded"),
]
# The class suffix of each status's colour (a blank status has none of its own).
STATUS_CLASS = {value or "none": value or "none" for value, _ in STATUS_ORDER}

WIDTH = 480
LEFT, RIGHT, TOP = 100, 36, 8
BAR_HEIGHT, GAP = 26, 12
PLOT_W = WIDTH - LEFT - RIGHT
# A count is written inside its segment when the segment is at least this wide.
MIN_LABEL_WIDTH = 18


@dataclass
class Segment:
    """One status's part of a bar."""

    css: str  # the colour's class suffix: complete, green, amber, red, not_started, none
    title: str  # "Priority 1, Green: 3 actions"
    x: str
    width: str
    count: str
    count_x: str  # where its count is written, or "" when the segment is too narrow


@dataclass
class Bar:
    """A priority's bar: its label at the left, its segments, its total at the right."""

    label: str
    y: str
    height: str
    text_y: str
    segments: list[Segment]
    total: str
    total_x: str


@dataclass
class Drawing:
    """Everything the SVG draws, every coordinate as text."""

    bars: list[Bar]
    width: str = str(WIDTH)
    height: str = "0"
    label_x: str = str(LEFT - 8)
    left: str = str(LEFT)


@dataclass
class StatusChart:
    """The year's priorities, each with its count of actions at each progress status."""

    title: str
    rows: list[tuple[Priority, dict[str, int]]]

    @property
    def statuses(self) -> list[tuple[str, str, str]]:
        """(value, label, colour class suffix) of each status, in the bars' order."""
        return [(value, label, STATUS_CLASS[value or "none"]) for value, label in STATUS_ORDER]

    @property
    def total(self) -> int:
        return sum(sum(counts.values()) for _, counts in self.rows)

    def status_totals(self) -> list[int]:
        return [sum(counts[value] for _, counts in self.rows) for value, _ in STATUS_ORDER]

    def table_headers(self) -> list[str]:
        return ["Priority", *(label for _, label in STATUS_ORDER), "All actions"]

    def table_rows(self) -> list[list[str]]:
        """A row per priority (its number and title, its counts, its total), then the
        year's totals."""
        rows = [
            [
                f"{priority.number}. {priority.title}",
                *(f"{counts[value]:,}" for value, _ in STATUS_ORDER),
                f"{sum(counts.values()):,}",
            ]
            for priority, counts in self.rows
        ]
        rows.append(
            ["All priorities", *(f"{n:,}" for n in self.status_totals()), f"{self.total:,}"]
        )
        return rows

    def description(self) -> str:
        if not self.total:
            return "No actions yet."
        parts = [
            f"{label}: {n:,}"
            for (_, label), n in zip(STATUS_ORDER, self.status_totals(), strict=True)
            if n
        ]
        return (
            f"A bar for each of {len(self.rows)} priorities, split by progress status. "
            f"Of {self.total:,} actions in all: {', '.join(parts)}. "
            "The figures are in the table beside the chart."
        )

    def drawing(self) -> Drawing:
        highest = max((sum(counts.values()) for _, counts in self.rows), default=0)
        scale = PLOT_W / highest if highest else 0
        bars = []
        for i, (priority, counts) in enumerate(self.rows):
            y = TOP + i * (BAR_HEIGHT + GAP)
            text_y = _f(y + BAR_HEIGHT / 2 + 5)
            segments, x = [], float(LEFT)
            for value, label in STATUS_ORDER:
                n = counts[value]
                if not n:
                    continue
                width = n * scale
                segments.append(
                    Segment(
                        css=STATUS_CLASS[value or "none"],
                        title=f"Priority {priority.number}, {label}: {n:,} action{_s(n)}",
                        x=_f(x),
                        width=_f(width),
                        count=f"{n:,}",
                        count_x=_f(x + width / 2) if width >= MIN_LABEL_WIDTH else "",
                    )
                )
                x += width
            bars.append(
                Bar(
                    label=f"Priority {priority.number}",
                    y=_f(y),
                    height=str(BAR_HEIGHT),
                    text_y=text_y,
                    segments=segments,
                    total=f"{sum(counts.values()):,}",
                    total_x=_f(x + 6),
                )
            )
        height = TOP * 2 + len(self.rows) * (BAR_HEIGHT + GAP) - GAP
        return Drawing(bars=bars, height=str(max(height, BAR_HEIGHT)))


def _s(n: int) -> str:
    return "" if n == 1 else "s"


def _f(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


class YearOverview:
    """What a year's page shows at a glance: the chart of progress statuses, the actions
    with a milestone overdue, those due an update (older than `due_days`) and those
    updated in the last RECENT_DAYS days.
    Each is read when the template first asks for it (never, when the page's fragment
    comes from the cache): one query each."""

    recent_days = RECENT_DAYS
    print_updated = PRINT_UPDATED

    def __init__(self, year: ReportingYear, *, due_days: int, public: bool = False):
        self.year = year
        self.due_days = due_days
        self.public = public  # only the actions the public sees (not internal ones)

    @cached_property
    def chart(self) -> StatusChart:
        return StatusChart(
            title=f"{self.year.label}: actions by progress status, priority by priority",
            rows=action_selectors.year_status_counts(self.year, public=self.public),
        )

    @cached_property
    def due(self) -> list:
        since = action_selectors.update_cutoff(days=self.due_days)
        return list(
            action_selectors.year_actions_due(year=self.year, since=since, public=self.public)
        )

    @cached_property
    def overdue(self) -> list:
        """The year's actions with a milestone past its due date and not done."""
        today = timezone.localdate()
        return list(
            action_selectors.year_actions_overdue(year=self.year, today=today, public=self.public)
        )

    @cached_property
    def updated(self) -> list:
        since = action_selectors.update_cutoff(days=self.recent_days)
        return list(
            action_selectors.year_actions_updated(year=self.year, since=since, public=self.public)
        )

    @cached_property
    def indicators(self) -> list[IndicatorFigures]:
        """Every indicator of the year with its figures, priority by priority."""
        return [
            figures
            for by_priority in year_indicators(self.year).values()
            for figures in by_priority
        ]
