"""What every reader of a CSV file shares: the columns each kind of file has, decoding,
records with their row numbers, checks of the header and of each row's width, the
problem a bad file raises, and the figures a file gives."""

import csv
import io
import re
from collections.abc import Iterator
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
    """A file that cannot be imported, with where the problem is."""

    def __init__(self, file_name: str, message: str, *, row: int | None = None, column: str = ""):
        self.file_name, self.row, self.column = file_name, row, column
        where = file_name
        if row is not None:
            where += f", row {row}"
        if column:
            where += f", column “{column}”"
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


def decoded_text(data: bytes, file_name: str) -> str:
    if not data.strip():
        raise FileProblem(file_name, "the file is empty: there is no header row.")
    try:
        # utf-8-sig: a byte-order mark (as Excel writes) is read and dropped.
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise FileProblem(
            file_name,
            f"this is not UTF-8 text (byte {error.start + 1} cannot be read). "
            "Save the file as CSV UTF-8 and import it again.",
        ) from None


def csv_records(text: str) -> Iterator[tuple[int, list[str]]]:
    """(row number, fields) for every record; line ends may be LF, CRLF or CR."""
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        yield from enumerate(reader, start=1)
    except csv.Error as error:
        raise CsvError(reader.line_num, str(error)) from None


class CsvError(Exception):
    def __init__(self, line: int, message: str):
        self.line, self.message = line, message


def header_row(records, file_name: str) -> list[str]:
    for _, fields in records:
        if any(f.strip() for f in fields):
            return [f.strip() for f in fields]
    raise FileProblem(file_name, "the file is empty: there is no header row.")


def missing_columns(header: list[str], expected: tuple[str, ...]) -> list[str]:
    return [name for name in expected if name not in header]


def quoted(names) -> str:
    return ", ".join(f"“{name}”" for name in names)


def check_width(fields, width: int, file_name: str, row: int) -> bool:
    """False for a blank line (skipped); raises for a row of the wrong width."""
    if len(fields) == width:
        return True
    if not any(f.strip() for f in fields):
        return False
    raise FileProblem(
        file_name, f"this row has {len(fields)} fields but the header has {width}.", row=row
    )


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
    months: (month, reported_by) -> what became of that month's rows.
    unlisted: LSOA code -> an LSOA of the borough missing from the lookup, in file order.
    """

    file_name: str
    layout: str
    counts: dict[tuple[date, str, int, int], int] = field(default_factory=dict)
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
