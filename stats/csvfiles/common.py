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


def decoded_text(data: bytes, file_name: str) -> str:
    """The file as text. A file that is not UTF-8 is refused at the row and column of its
    first unreadable byte, saying what encoding it looks like."""
    if not data.strip():
        raise FileProblem(file_name, "the file is empty: there is no header row.")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in data:
        raise not_text_problem(data, file_name)
    try:
        # utf-8-sig: a byte-order mark (as Excel writes) is read and dropped.
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise not_utf8_problem(data, file_name, error) from None


def not_text_problem(data: bytes, file_name: str) -> FileProblem:
    """A file with a UTF-16 byte-order mark, or NUL bytes: UTF-16 text, or not text at all."""
    utf16 = data.startswith((b"\xff\xfe", b"\xfe\xff")) or data[:200].count(b"\x00") * 3 > len(
        data[:200]
    )
    if utf16:
        return FileProblem(
            file_name,
            "this file is UTF-16 text (as Excel's “Unicode Text” or some exports write it), not "
            "UTF-8. Open it and save it as “CSV UTF-8”, then import it again.",
            row=1,
        )
    row, column, column_number = place_of(data, data.index(b"\x00"))
    return FileProblem(
        file_name,
        "this row holds a NUL byte, which no CSV text has: the file may be damaged, or not a "
        "CSV file at all.",
        row=row,
        column=column,
        column_number=column_number,
    )


def not_utf8_problem(data: bytes, file_name: str, error: UnicodeDecodeError) -> FileProblem:
    """The first byte that is not UTF-8: where it is, and what encoding the file looks like."""
    offset = error.start + (3 if data.startswith(b"\xef\xbb\xbf") else 0)
    bad = data[offset : offset + 1]
    try:
        data.decode("cp1252")
        encoding = "Windows-1252 (what Excel's plain “CSV” writes on Windows)"
        reads_as = bad.decode("cp1252")
    except UnicodeDecodeError:
        encoding = "Latin-1 (ISO-8859-1)"
        reads_as = bad.decode("latin-1")
    row, column, column_number = place_of(data, offset)
    return FileProblem(
        file_name,
        f"this is not UTF-8 text: the byte {bad.hex().upper()} here cannot be read as UTF-8. "
        f"The file looks like {encoding}, where that byte is “{reads_as}”. Save the file as "
        "“CSV UTF-8” and import it again.",
        row=row,
        column=column,
        column_number=column_number,
    )


def place_of(data: bytes, offset: int) -> tuple[int, str, int | None]:
    """The row (the line its record starts on), column name and column number of the byte
    at offset. Only for saying where a fault is: it reads the file again."""
    text = data.decode("utf-8-sig", errors="surrogateescape")
    offset = len(data[:offset].decode("utf-8-sig", errors="surrogateescape"))
    line = 1 + len(LINE_BREAK_RE.findall(text, 0, offset))
    row = line
    try:
        for start, fields in csv_records(text):
            if start + record_lines(fields) - 1 >= line:
                row = start
                break
    except CsvError:
        pass
    header = header_names(text)
    for scanned in scan_record(text, line_offset(text, row)):
        if scanned.start <= offset <= scanned.end:
            if scanned.index < len(header) and row > 1:
                return row, header[scanned.index], None
            return row, "", scanned.index + 1
    return row, "", None


def csv_records(
    text: str, file_name: str = "", *, first_line: int = 1, header: list[str] | None = None
) -> Iterator[tuple[int, list[str]]]:
    """(row, fields) for every record, row being the line of the file the record starts on
    (a quoted field may carry a record over several lines); line ends may be LF, CRLF or CR.

    A record that is not CSV (a quote never closed, text after a closing quote, a field
    over the size limit) raises CsvError, whose problem names its row and column. first_line: the
    line `text` starts on, when it is the rest of a file whose header is `header`.
    """
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    end = first_line - 1
    try:
        for fields in reader:
            yield end + 1, fields
            end = first_line - 1 + reader.line_num
    except csv.Error as error:
        raise CsvError(
            csv_problem(
                text,
                file_name,
                str(error),
                line=end + 1 - (first_line - 1),
                first_line=first_line,
                header=header,
            )
        ) from None


class CsvError(Exception):
    """A record Python's csv module cannot read; problem says where and why."""

    def __init__(self, problem: FileProblem):
        super().__init__(str(problem))
        self.problem = problem


def record_starts(chunk: list[list[str]], end: int) -> list[int]:
    """The line each record of a chunk starts on, the line before it being `end`, for a
    chunk where some quoted field holds a line break."""
    starts = []
    for fields in chunk:
        starts.append(end + 1)
        end += 1 + sum(len(LINE_BREAK_RE.findall(f)) for f in fields if "\n" in f or "\r" in f)
    return starts


def record_lines(fields: list[str]) -> int:
    """How many lines of the file a record takes."""
    return 1 + sum(len(LINE_BREAK_RE.findall(f)) for f in fields if "\n" in f or "\r" in f)


@dataclass
class ScannedField:
    index: int
    start: int  # offset in the text of its first character (its opening quote, if quoted)
    end: int  # offset just past it (past its closing quote)
    quoted: bool
    fault: str = ""  # "never closed" or "text after the closing quote"


QUOTED_RE = re.compile(r'"[^"]*(?:""[^"]*)*"')
UNQUOTED_RE = re.compile(r"[^,\r\n]*")
LINE_BREAK_RE = re.compile(r"\r\n|\r|\n")


def scan_record(text: str, pos: int) -> Iterator[ScannedField]:
    """The fields of the record starting at offset pos, read as Python's csv module reads
    them, for saying where a record goes wrong; it stops at the first fault."""
    index = 0
    while True:
        if text.startswith('"', pos):
            match = QUOTED_RE.match(text, pos)
            if match is None:
                yield ScannedField(index, pos, len(text), True, "never closed")
                return
            end = match.end()
            after = text[end : end + 1]
            if after not in ("", ",", "\r", "\n"):
                yield ScannedField(index, pos, end, True, "text after the closing quote")
                return
            yield ScannedField(index, pos, end, True)
        else:
            end = UNQUOTED_RE.match(text, pos).end()
            after = text[end : end + 1]
            yield ScannedField(index, pos, end, False)
        if after != ",":
            return
        pos, index = end + 1, index + 1


def line_offset(text: str, line: int) -> int:
    """Where line `line` (1 for the first) starts in text."""
    if line <= 1:
        return 0
    for n, match in enumerate(LINE_BREAK_RE.finditer(text), start=2):
        if n == line:
            return match.end()
    return len(text)


def header_names(text: str) -> list[str]:
    """The first non-blank line's fields, for naming columns while reporting a fault."""
    for line in text.splitlines()[:50]:
        if line.strip():
            return [f.strip() for f in next(csv.reader([line]))]
    return []


def csv_problem(
    text: str,
    file_name: str,
    message: str,
    *,
    line: int,
    first_line: int = 1,
    header: list[str] | None = None,
) -> FileProblem:
    """What is wrong with the record starting on line `line` of text (first_line - 1 + line
    of the file), which Python's csv module refused with `message`."""
    if header is None:
        header = header_names(text)
    row = first_line - 1 + line
    start = line_offset(text, line)
    fields = list(scan_record(text, start))

    def at(offset: int) -> int:
        return row + len(LINE_BREAK_RE.findall(text, start, offset))

    def named(field: ScannedField) -> dict:
        if field.index < len(header):
            return {"column": header[field.index]}
        return {"column_number": field.index + 1}

    def on_line(field: ScannedField) -> str:
        """Which line of a row over several lines a quote opens on."""
        return f" (on line {at(field.start)})" if at(field.start) > row else ""

    limit = csv.field_size_limit()
    too_long = next((f for f in fields if f.end - f.start > limit), None)
    if too_long is not None and too_long.quoted and at(too_long.end) > at(too_long.start):
        closed = (
            "is never closed" if too_long.fault else f"is closed only on line {at(too_long.end)}"
        )
        return FileProblem(
            file_name,
            f"a quote opens here{on_line(too_long)} and {closed}, so more than "
            f"{limit:,} characters of the file would be one field: is a closing quote missing?",
            row=row,
            **named(too_long),
        )
    if too_long is not None:
        return FileProblem(
            file_name,
            f"this field holds {too_long.end - too_long.start:,} characters, more than the "
            f"{limit:,} any field may: is this the right file?",
            row=row,
            **named(too_long),
        )
    last = fields[-1]
    if last.fault == "never closed":
        return FileProblem(
            file_name,
            f"a quote opens here{on_line(last)} and is never closed: the rest of the "
            "file would be read as this one field. Is a closing quote missing?",
            row=row,
            **named(last),
        )
    if last.fault:
        following = re.match(r"[^,\r\n]{0,40}", text[last.end : last.end + 40])[0]
        return FileProblem(
            file_name,
            f"a quoted field is closed on line {at(last.end)} and followed by “{following}” "
            'before the next comma. A quote inside a quoted field is written twice ("").',
            row=row,
            **named(last),
        )
    return FileProblem(file_name, f"this is not valid CSV: {message}.", row=row)


def header_row(records, file_name: str) -> list[str]:
    for _, fields in records:
        if any(f.strip() for f in fields):
            return [f.strip() for f in fields]
    raise FileProblem(file_name, "the file is empty: there is no header row.")


def missing_columns(header: list[str], expected: tuple[str, ...]) -> list[str]:
    return [name for name in expected if name not in header]


def quoted(names) -> str:
    return ", ".join(f"“{name}”" for name in names)


def unexpected_columns(header: list[str], expected) -> list[str]:
    """The header's columns that the format does not have, and any it has twice."""
    seen, odd = set(), []
    for name in header:
        if name not in expected or name in seen:
            odd.append(name)
        seen.add(name)
    return odd


def other_export_problem(file_name: str, odd: list[str], kind: str, row: int = 1) -> FileProblem:
    return FileProblem(
        file_name,
        f"the header has {'a column' if len(odd) == 1 else 'columns'} {quoted(odd)} that "
        f"{kind} does not have (or has twice): the file may be some other export. Import "
        "the file as it was downloaded, without columns added.",
        row=row,
    )


def check_width(fields, width: int, file_name: str, row: int, header=None) -> bool:
    """False for a blank line (skipped); raises for a row of the wrong width, naming the
    first column it lacks or the first it has past the header's."""
    if len(fields) == width:
        return True
    if not any(f.strip() for f in fields):
        return False
    lines = record_lines(fields)
    where: dict = {"row": row, "last_line": row + lines - 1}
    if len(fields) < width:
        if header is not None:
            where["column"] = header[len(fields)]
        message = f"this row has {len(fields)} fields but the header has {width}"
        message += ": this column and those after it are missing."
    else:
        where["column_number"] = width + 1
        message = f"this row has {len(fields)} fields but the header has {width}"
        message += f": this column is past the header's last (column {width})."
    if lines > 1:
        index = next(i for i, f in enumerate(fields) if "\n" in f or "\r" in f)
        name = f"“{header[index]}”" if header is not None and index < len(header) else ""
        name = name or f"{index + 1}"
        message += (
            f" A quoted field in column {name} runs from line {row} to line {row + lines - 1}: "
            "is a closing quote missing?"
        )
    raise FileProblem(file_name, message, **where)


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
