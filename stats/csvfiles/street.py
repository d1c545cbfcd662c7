"""police.uk street-level files (`YYYY-MM-<force>-street.csv`), in the current layout with
LSOAs or the older one without."""

import csv
import io
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from datetime import date
from itertools import islice
from operator import itemgetter

from .checks import (
    check_width,
    header_row,
    missing_columns,
    other_export_problem,
    quoted,
    unexpected_columns,
)
from .common import (
    LSOA_RE,
    OLD_STREET_COLUMNS,
    PROGRESS_EVERY,
    STREET_COLUMNS,
    Figures,
    FileProblem,
    MonthTally,
    UnlistedLsoa,
    month_of_empty_file,
    normalise,
    parse_month,
)
from .decoding import decoded_text
from .records import CsvError, csv_problem, csv_records, line_offset, record_lines, record_starts

# police.uk names an LSOA after its district: "Dacorum 012B".
LSOA_NAME_RE = re.compile(r"(.*\S)\s+\d{3}[A-Z]")
FIRST_ROWS = 5  # how many of an unlisted LSOA's rows are named


def read_street_file(
    data: bytes,
    *,
    file_name: str,
    lsoa_wards: dict[str, int],
    crime_types: dict[str, int],
    district: str = "",
    progress: Callable[[int], None] | None = None,
    forces: Iterable[str] = (),
) -> Figures:
    """Count a police.uk street-level file by month, force, ward and crime type.

    lsoa_wards: LSOA code -> ward id (the borough's LSOAs only); crime_types: normalised
    name or former name -> crime type id; district: the borough's name, as police.uk
    begins its LSOAs' names ("Dacorum 012B"). Rows in an LSOA not in lsoa_wards are
    outside the borough, unless the LSOA's name says it is in the district: those are
    the lookup's gaps, counted and listed apart (Figures.unlisted, with their first rows).
    Rows without an LSOA (older files, or a crime with no location) cannot be placed.
    All are counted, month by month, never dropped silently.

    A file with a header and no rows is its month with no crimes, from the force its name
    gives: one of `forces` (those already imported) when its name begins as the file's does.
    """
    text = decoded_text(data, file_name)
    try:
        return _read_street(text, file_name, lsoa_wards, crime_types, district, progress, forces)
    except CsvError as error:
        raise error.problem from None


def _read_street(text, file_name, lsoa_wards, crime_types, district, progress, forces) -> Figures:
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    header = header_row(_numbered(reader, file_name, text), file_name)
    if not missing_columns(header, STREET_COLUMNS):
        layout, has_lsoa = "police.uk street-level, with LSOAs", True
    elif not missing_columns(header, OLD_STREET_COLUMNS):
        layout, has_lsoa = "police.uk street-level, older layout without LSOAs", False
    else:
        expected = OLD_STREET_COLUMNS if "Easting" in header else STREET_COLUMNS
        raise FileProblem(
            file_name,
            f"this is not a police.uk street-level file: the header has no "
            f"{quoted(missing_columns(header, expected))} column. A street-level file starts "
            f"with the header {','.join(STREET_COLUMNS)}.",
            row=1,
        )
    if odd := unexpected_columns(header, STREET_COLUMNS if has_lsoa else OLD_STREET_COLUMNS):
        raise other_export_problem(file_name, odd, "a police.uk street-level file")
    width = len(header)
    i_month, i_force = header.index("Month"), header.index("Reported by")
    i_type = header.index("Crime type")
    i_lsoa = header.index("LSOA code") if has_lsoa else None
    i_lsoa_name = header.index("LSOA name") if has_lsoa else None

    # Rows are counted, not handled one by one: each chunk's rows become (month, force,
    # crime type, LSOA, LSOA name) keys in C (itemgetter, Counter), and a million rows hold
    # a few thousand distinct keys (an LSOA has one name). Each key is then checked once, in
    # the order it first appears (its first row is remembered), so the first bad row of the
    # file is the one reported.
    columns = [i_month, i_force, i_type] + ([i_lsoa, i_lsoa_name] if has_lsoa else [])
    key_of = itemgetter(*columns)
    counted: Counter = Counter()
    first_row: dict[tuple, int] = {}

    def count(rows, numbers) -> None:
        keys = list(map(key_of, rows))
        known = len(counted)
        counted.update(keys)
        if len(counted) > known:  # some keys are new: remember the row each first appears on
            # Read backwards, a key's last entry is its first row.
            firsts = dict(zip(reversed(keys), reversed(numbers), strict=True))
            first_row.update((key, firsts[key]) for key in firsts.keys() - first_row.keys())

    def check() -> Figures:
        return _check_street(
            first_row, counted, file_name, lsoa_wards, crime_types, has_lsoa, district
        )

    row = reader.line_num  # the header's line; data rows follow it
    try:
        while chunk := list(islice(reader, PROGRESS_EVERY)):
            # Each row's line: one line a row, unless a quoted field holds a line break.
            if reader.line_num - row == len(chunk):
                numbers = range(row + 1, reader.line_num + 1)
            else:
                numbers = record_starts(chunk, row)
            if not isinstance(numbers, range) or set(map(len, chunk)) != {width}:
                chunk, numbers = _regular_rows(
                    chunk, numbers, width, file_name, header, count, check
                )
            count(chunk, numbers)
            row = reader.line_num
            if progress is not None:
                progress(row)
    except csv.Error as error:
        # Read again one row at a time from the chunk's first line, to count and check the
        # rows before the fault and to say where it is.
        rest = text[line_offset(text, row + 1) :]
        chunk, numbers = [], []
        try:
            for number, fields in csv_records(rest, file_name, first_line=row + 1, header=header):
                chunk.append(fields)
                numbers.append(number)
        except CsvError as fault:
            problem = fault.problem
        else:  # the same text read the same way fails the same way: never here
            problem = csv_problem(text, file_name, str(error), line=row + 1, header=header)
        chunk, numbers = _regular_rows(chunk, numbers, width, file_name, header, count, check)
        count(chunk, numbers)
        check()
        raise problem from None
    if not counted:
        month, force = month_of_empty_file(file_name, street=True, forces=forces)
        return Figures(
            file_name=file_name,
            layout=f"{layout}; a header and no rows: a month with no crimes",
            months={(month, force): MonthTally()},
        )
    figures = check()
    figures.layout = layout
    if figures.unlisted:
        _first_rows(text, figures.unlisted, i_lsoa, width)
    return figures


def _numbered(reader, file_name, text):
    """(line, fields) for the header and any blank lines before it."""
    end = 0
    try:
        for fields in reader:
            yield end + 1, fields
            end = reader.line_num
    except csv.Error as error:
        raise CsvError(csv_problem(text, file_name, str(error), line=end + 1)) from None


def _first_rows(text: str, unlisted: dict[str, UnlistedLsoa], i_lsoa: int, width: int) -> None:
    """Note the first rows of each unlisted LSOA, each by the line it is on.

    A second reading, but only of a file with such rows, and only as far as it takes."""
    reader = csv.reader(io.StringIO(text, newline=""))
    header_row(_numbered(reader, "", text), "")
    end = reader.line_num
    wanted = set(unlisted)
    for fields in reader:
        row, end = end + 1, reader.line_num
        if len(fields) != width or (code := fields[i_lsoa].strip()) not in wanted:
            continue
        first_rows = unlisted[code].first_rows
        first_rows.append(row)
        if len(first_rows) == FIRST_ROWS:
            wanted.discard(code)
            if not wanted:
                return


def in_district(lsoa_name: str, district: str) -> bool:
    """Whether police.uk's name of an LSOA ("Dacorum 012B") puts it in the district."""
    match = LSOA_NAME_RE.fullmatch(lsoa_name.strip())
    return bool(match and district and normalise(match[1]) == normalise(district))


def _regular_rows(chunk, numbers, width, file_name, header, count, check):
    """A chunk without its blank lines, and its rows' numbers. A row of another width, or
    one a quoted line break carries over several lines, fails, but only after the rows
    before it are checked, so the first bad row is the one named."""
    rows, kept = [], []
    breaks = not isinstance(numbers, range)  # some field holds a line break
    for number, fields in zip(numbers, chunk, strict=True):
        if len(fields) == width and not (breaks and record_lines(fields) > 1):
            rows.append(fields)
            kept.append(number)
        elif any(f.strip() for f in fields):
            count(rows, kept)
            check()
            check_width(fields, width, file_name, number, header)
            raise _line_break_problem(fields, file_name, number, header)
    return rows, kept


def _line_break_problem(fields, file_name, row, header) -> FileProblem:
    """police.uk's files have no line break in a field: one there is a quote astray."""
    index = next(i for i, f in enumerate(fields) if "\n" in f or "\r" in f)
    last = row + record_lines(fields) - 1
    return FileProblem(
        file_name,
        f"this field runs from line {row} to line {last}, but a police.uk file has no line "
        "break within a field: is a quote missing, or one too many?",
        row=row,
        last_line=last,
        column=header[index],
    )


def _check_street(
    first_row, counted, file_name, lsoa_wards, crime_types, has_lsoa, district
) -> Figures:
    """Check each distinct row once, in file order, and add the rows up."""
    counts: defaultdict = defaultdict(int)
    lsoa_counts: defaultdict = defaultdict(int)
    lsoa_names: dict[str, str] = {}
    unlisted: dict[str, UnlistedLsoa] = {}
    tallies: dict[tuple[date, str], MonthTally] = {}
    months: dict[str, date | None] = {}
    types: dict[str, int | None] = {}
    for key, row in sorted(first_row.items(), key=lambda item: item[1]):
        n = counted[key]
        raw_month, raw_force, raw_type = key[:3]
        raw_lsoa, lsoa_name = key[3:5] if has_lsoa else ("", "")
        if raw_month not in months:
            months[raw_month] = parse_month(raw_month)
        month = months[raw_month]
        if month is None:
            raise FileProblem(
                file_name,
                f"“{raw_month}” is not a month written YYYY-MM.",
                row=row,
                column="Month",
            )
        force = raw_force.strip()
        if not force:
            raise FileProblem(
                file_name,
                "the force that reported the crime is missing.",
                row=row,
                column="Reported by",
            )
        if raw_type not in types:
            types[raw_type] = crime_types.get(normalise(raw_type))
        crime_type = types[raw_type]
        if crime_type is None:
            raise FileProblem(
                file_name,
                f"“{raw_type}” is not a crime type this site knows. Add it in the admin "
                "(as a crime type, or as another name of one), then import the file again.",
                row=row,
                column="Crime type",
            )
        code = raw_lsoa.strip()
        if code and not LSOA_RE.match(code):
            raise FileProblem(
                file_name,
                f"“{raw_lsoa}” is not an LSOA code (E01 or W01 and six digits).",
                row=row,
                column="LSOA code",
            )
        tally = tallies.get((month, force))
        if tally is None:
            tally = tallies[(month, force)] = MonthTally()
        tally.rows_read += n
        if code:
            lsoa_counts[(month, force, code, crime_type)] += n
            lsoa_names.setdefault(code, lsoa_name.strip())
        if not code:
            tally.rows_unplaced += n
        elif code in lsoa_wards:
            tally.rows_placed += n
            counts[(month, force, lsoa_wards[code], crime_type)] += n
        elif in_district(lsoa_name, district):
            tally.rows_unlisted += n
            lsoa = unlisted.get(code)
            if lsoa is None:
                lsoa = unlisted[code] = UnlistedLsoa(code=code, name=lsoa_name.strip())
            lsoa.rows += n
        else:
            tally.rows_outside += n
    return Figures(
        file_name=file_name,
        layout="",
        counts=dict(counts),
        lsoa_counts=dict(lsoa_counts),
        lsoa_names=lsoa_names,
        months=tallies,
        unlisted=unlisted,
    )
