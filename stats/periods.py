"""Periods of whole months, as the ward pages compare them."""

from dataclasses import dataclass
from datetime import date
from functools import cached_property


def add_months(month: date, count: int) -> date:
    index = month.year * 12 + month.month - 1 + count
    return date(index // 12, index % 12 + 1, 1)


# English month names, whatever the machine's locale (strftime's %B follows it, and took
# seven times as long: a ward page writes 240 month names for its period's choices).
MONTH_NAMES = (
    "",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def month_label(month: date) -> str:
    """The month as people write it: April 2012."""
    return f"{MONTH_NAMES[month.month]} {month.year}"


def month_value(month: date) -> str:
    """The month as a form and CSV write it: 2012-04."""
    return f"{month.year:04}-{month.month:02}"


@dataclass(frozen=True)
class Period:
    """The months from `start` to `end`, both included (each the first of its month)."""

    start: date
    end: date

    def __post_init__(self):
        if self.start.day != 1 or self.end.day != 1:
            raise ValueError("a period runs from the first of a month to the first of a month")
        if self.end < self.start:
            raise ValueError("a period cannot end before it starts")

    @classmethod
    def of_dates(cls, first: date, last: date) -> "Period":
        """The whole months from the month of `first` to the month of `last`."""
        return cls(first.replace(day=1), last.replace(day=1))

    @cached_property
    def months(self) -> list[date]:
        count = (self.end.year - self.start.year) * 12 + self.end.month - self.start.month
        return [add_months(self.start, n) for n in range(count + 1)]

    def __len__(self) -> int:
        return len(self.months)

    def year_earlier(self) -> "Period":
        return Period(add_months(self.start, -12), add_months(self.end, -12))

    @property
    def label(self) -> str:
        if self.start == self.end:
            return month_label(self.start)
        return f"{month_label(self.start)} to {month_label(self.end)}"

    @property
    def short_label(self) -> str:
        """For file names: 2012-04-to-2013-03."""
        return f"{month_value(self.start)}-to-{month_value(self.end)}"


def period_latest(months: list[date], *, length: int = 12) -> Period | None:
    """The last `length` months up to the newest month with figures (fewer if need be)."""
    if not months:
        return None
    newest, oldest = max(months), min(months)
    return Period(max(add_months(newest, 1 - length), oldest), newest)


def parse_month_value(value: str) -> date:
    """2012-04 -> 1 April 2012; ValueError for anything else."""
    year, month = value.split("-")
    if len(year) != 4 or len(month) != 2:
        raise ValueError(f"{value!r} is not a month written YYYY-MM")
    return date(int(year), int(month), 1)
