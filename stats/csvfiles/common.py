"""What every reader of a CSV file shares: the columns each kind of file has, the problem
a bad file raises, names and months as files write them, and the figures a file gives.
Decoding is in decoding.py, records with their row numbers in records.py, checks of the
header and of each row's width in checks.py."""

import re
from dataclasses import dataclass, field
from datetime import date

STREET_COLUMNS = (
    "Crime ID",
    "Month",
    "Reported by",
    "Falls within",
    "Longitude",
    "Latitude",
    "Location",
    "LSOA code",
    "LSOA name",
    "Crime type",
    "Last outcome category",
    "Context",
)
# police.uk's first files placed crimes by grid reference, with no LSOA: their rows are
# counted as "could not be placed in a ward" (there is no way to tell the ward, or even
# whether the crime was in the borough, without boundary maps).
OLD_STREET_COLUMNS = (
    "Month",
    "Reported by",
    "Falls within",
    "Easting",
    "Northing",
    "Location",
    "Crime type",
    "Context",
)
COUNTS_COLUMNS = ("ward", "month", "crime_type", "count")

MONTH_RE = re.compile(r"^(\d{4})-(\d{2})$")
LSOA_RE = re.compile(r"^[EW]01\d{6}$")
WARD_CODE_RE = re.compile(r"^[EW]05\d{6}$")
PROGRESS_EVERY = 20_000


class FileProblem(Exception):
    """A file that cannot be imported, with where the problem is.

    row is the line of the file the row starts on (the header is usually row 1, as in a
    spreadsheet); last_line, when a quoted field carries the row over several lines, the
    line it ends on. column is the column's name as the header gives it; column_number
    stands in for a column the header does not have.
    """

    def __init__(
        self,
        file_name: str,
        message: str,
        *,
        row: int | None = None,
        column: str = "",
        last_line: int | None = None,
        column_number: int | None = None,
    ):
        self.file_name, self.row, self.column = file_name, row, column
        where = file_name
        if row is not None:
            where += f", row {row}"
            if last_line is not None and last_line > row:
                where += f" (lines {row} to {last_line} of the file)"
        if column:
            where += f", column “{column}”"
        elif column_number is not None:
            where += f", column {column_number}"
        super().__init__(f"{where}: {message}")


def normalise(name: str) -> str:
    """A name for matching: case, spacing, '&' and punctuation ignored."""
    name = name.casefold().replace("&", " and ")
    return " ".join(re.sub(r"[^\w\s]", " ", name).split())


def parse_month(value: str) -> date | None:
    match = MONTH_RE.match(value.strip())
    if not match:
        return None
    year, month = int(match[1]), int(match[2])
    if not (1 <= month <= 12 and 1990 <= year <= 2100):
        return None
    return date(year, month, 1)


def count_lines(data: bytes) -> int:
    """Lines in a file: the unit of an import's progress bar."""
    lines = data.count(b"\n")
    return lines + (1 if data and not data.endswith(b"\n") else 0)


FILE_MONTH_RE = re.compile(r"^(\d{4}-\d{2})(?:-(.+?)-street)?\b", re.IGNORECASE)


def month_of_empty_file(file_name: str, *, street: bool, forces=()) -> tuple[date, str]:
    """The month (and, for a police.uk file, the force) a file with a header and no rows
    is for, from its name (police.uk names its files YYYY-MM-<force>-street.csv): a month
    with no crimes. Refused when the name does not say."""
    match = FILE_MONTH_RE.match(file_name)
    month = parse_month(match[1]) if match else None
    if month is None or (street and not match[2]):
        expected = "YYYY-MM-<force>-street.csv" if street else "YYYY-MM…"
        raise FileProblem(
            file_name,
            "the file has a header but no rows: nothing to import. A file with no rows is a "
            f"month with no crimes only when its name says the month (named {expected}).",
        )
    if not street:
        return month, ""
    slug = match[2].casefold()
    for force in forces:  # "hertfordshire" is "Hertfordshire Constabulary"
        if "-".join(normalise(force).split()).startswith(slug):
            return month, force
    return month, " ".join(word.capitalize() for word in slug.split("-"))


@dataclass
class MonthTally:
    """What became of one month's rows from one force."""

    rows_read: int = 0
    rows_placed: int = 0
    rows_outside: int = 0
    rows_unplaced: int = 0
    rows_unlisted: int = 0  # in an LSOA of the borough (by its name) missing from the lookup


@dataclass
class UnlistedLsoa:
    """An LSOA whose name puts it in the borough, but which the lookup does not have."""

    code: str
    name: str
    rows: int = 0
    first_rows: list[int] = field(default_factory=list)


@dataclass
class Figures:
    """What a file of figures holds, ready to store.

    counts: (month, reported_by, ward id, crime type id) -> how many.
    lsoa_counts: (month, reported_by, LSOA code, crime type id) -> how many, for every row
    with an LSOA, in the borough or not (a police.uk file with LSOAs only; services keeps
    the borough's by LSOA, and every district's as its district's counts).
    lsoa_names: LSOA code -> its name, as the file writes it.
    months: (month, reported_by) -> what became of that month's rows.
    unlisted: LSOA code -> an LSOA of the borough missing from the lookup, in file order.
    """

    file_name: str
    layout: str
    counts: dict[tuple[date, str, int, int], int] = field(default_factory=dict)
    lsoa_counts: dict[tuple[date, str, str, int], int] = field(default_factory=dict)
    lsoa_names: dict[str, str] = field(default_factory=dict)
    months: dict[tuple[date, str], MonthTally] = field(default_factory=dict)
    unlisted: dict[str, UnlistedLsoa] = field(default_factory=dict)

    def total(self, name: str) -> int:
        return sum(getattr(tally, name) for tally in self.months.values())

    @property
    def first_month(self) -> date | None:
        return min((month for month, _ in self.months), default=None)

    @property
    def last_month(self) -> date | None:
        return max((month for month, _ in self.months), default=None)
