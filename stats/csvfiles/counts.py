"""A plain CSV of counts by ward: `ward,month,crime_type,count`."""

import re
from collections.abc import Callable
from datetime import date

from .checks import (
    check_width,
    fixed_header,
)
from .common import (
    COUNTS_COLUMNS,
    PROGRESS_EVERY,
    Figures,
    FileProblem,
    MonthTally,
    month_of_empty_file,
    normalise,
    parse_month,
)
from .decoding import decoded_text
from .records import CsvError, csv_records
from .wardnames import WardNames

COUNT_RE = re.compile(r"[0-9]{1,7}")
MAX_COUNT = 9_999_999


def read_counts_file(
    data: bytes,
    *,
    file_name: str,
    wards: WardNames,
    crime_types: dict[str, int],
    progress: Callable[[int], None] | None = None,
) -> Figures:
    """Read a CSV of counts: ward (name or ONS code), month (YYYY-MM), crime_type, count.

    wards: the set's wards by ONS code, name and alias (names matched ignoring case, spaces
    and punctuation). Every row must name a ward of the set and a known crime type; a ward,
    month and crime type may appear once.
    """
    text = decoded_text(data, file_name)
    try:
        return _read_counts(text, file_name, wards, crime_types, progress)
    except CsvError as error:
        raise error.problem from None


def _read_counts(text, file_name, wards, crime_types, progress) -> Figures:
    records = csv_records(text, file_name)
    header = fixed_header(records, file_name, COUNTS_COLUMNS, "a counts file")
    width = len(header)
    i_ward, i_month = header.index("ward"), header.index("month")
    i_type, i_count = header.index("crime_type"), header.index("count")
    figures = Figures(file_name=file_name, layout="counts by ward")
    seen: dict[tuple[date, int, int], int] = {}
    for row, fields in records:
        if not check_width(fields, width, file_name, row, header):
            continue
        raw_ward = fields[i_ward].strip()
        ward = wards.by_code(raw_ward)
        if ward is None:
            ward = wards.by_name(raw_ward)
        if ward is None:
            raise FileProblem(file_name, wards.unknown_ward(raw_ward), row=row, column="ward")
        month = parse_month(fields[i_month])
        if month is None:
            raise FileProblem(
                file_name,
                f"“{fields[i_month]}” is not a month written YYYY-MM.",
                row=row,
                column="month",
            )
        crime_type = crime_types.get(normalise(fields[i_type]))
        if crime_type is None:
            raise FileProblem(
                file_name,
                f"“{fields[i_type]}” is not a crime type this site knows. Add it in the admin "
                "(as a crime type, or as another name of one), then import the file again.",
                row=row,
                column="crime_type",
            )
        raw_count = fields[i_count].strip()
        # ASCII digits only ("²" is a digit to Python, not a count), and at most
        # MAX_COUNT, so that the borough's sum of 25 wards still fits its column.
        if not COUNT_RE.fullmatch(raw_count) or int(raw_count) > MAX_COUNT:
            raise FileProblem(
                file_name,
                f"“{raw_count[:40]}” is not a whole number of crimes from 0 to {MAX_COUNT:,}.",
                row=row,
                column="count",
            )
        key = (month, ward, crime_type)
        if key in seen:
            raise FileProblem(
                file_name,
                f"this ward, month and crime type are already on row {seen[key]}.",
                row=row,
            )
        seen[key] = row
        figures.counts[(month, "", ward, crime_type)] = int(raw_count)
        tally = figures.months.setdefault((month, ""), MonthTally())
        tally.rows_read += 1
        tally.rows_placed += 1
        if progress is not None and row % PROGRESS_EVERY == 0:
            progress(row)
    if not figures.months:
        month, _ = month_of_empty_file(file_name, street=False)
        figures.months[(month, "")] = MonthTally()
        figures.layout = "counts by ward; a header and no rows: a month with no crimes"
    return figures
