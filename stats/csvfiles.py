"""Reading the files ward figures come from, without touching the database.

Three kinds of CSV file: police.uk street-level crimes (`YYYY-MM-<force>-street.csv`, in
its current layout or the older one without LSOAs), a plain CSV of counts
(`ward,month,crime_type,count`) and an ONS best-fit LSOA-to-ward lookup. Each reader
checks the whole file and returns what to store, or raises FileProblem naming the file,
the row (the header is row 1, as in a spreadsheet) and the column. services.py stores it.
"""

import csv
import io
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from itertools import islice
from operator import itemgetter

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


def _text(data: bytes, file_name: str) -> str:
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


def _records(text: str) -> Iterator[tuple[int, list[str]]]:
    """(row number, fields) for every record; line ends may be LF, CRLF or CR."""
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        yield from enumerate(reader, start=1)
    except csv.Error as error:
        raise CsvError(reader.line_num, str(error)) from None


class CsvError(Exception):
    def __init__(self, line: int, message: str):
        self.line, self.message = line, message


def _header(records, file_name: str) -> list[str]:
    for _, fields in records:
        if any(f.strip() for f in fields):
            return [f.strip() for f in fields]
    raise FileProblem(file_name, "the file is empty: there is no header row.")


def _missing(header: list[str], expected: tuple[str, ...]) -> list[str]:
    return [name for name in expected if name not in header]


def _quoted(names) -> str:
    return ", ".join(f"“{name}”" for name in names)


def _check_width(fields, width: int, file_name: str, row: int) -> bool:
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


@dataclass
class Figures:
    """What a file of figures holds, ready to store.

    counts: (month, reported_by, ward id, crime type id) -> how many.
    months: (month, reported_by) -> what became of that month's rows.
    """

    file_name: str
    layout: str
    counts: dict[tuple[date, str, int, int], int] = field(default_factory=dict)
    months: dict[tuple[date, str], MonthTally] = field(default_factory=dict)

    def total(self, name: str) -> int:
        return sum(getattr(tally, name) for tally in self.months.values())

    @property
    def first_month(self) -> date | None:
        return min((month for month, _ in self.months), default=None)

    @property
    def last_month(self) -> date | None:
        return max((month for month, _ in self.months), default=None)


def read_street_file(
    data: bytes,
    *,
    file_name: str,
    lsoa_wards: dict[str, int],
    crime_types: dict[str, int],
    progress: Callable[[int], None] | None = None,
) -> Figures:
    """Count a police.uk street-level file by month, force, ward and crime type.

    lsoa_wards: LSOA code -> ward id (the borough's LSOAs only); crime_types: normalised
    name or former name -> crime type id. Rows in an LSOA not in lsoa_wards are outside
    the borough; rows without an LSOA (older files, or a crime with no location) cannot
    be placed. Both are counted, month by month, never dropped silently.
    """
    text = _text(data, file_name)
    try:
        return _read_street(text, file_name, lsoa_wards, crime_types, progress)
    except CsvError as error:
        raise FileProblem(file_name, f"not valid CSV: {error.message}.", row=error.line) from None


def _read_street(text, file_name, lsoa_wards, crime_types, progress) -> Figures:
    reader = csv.reader(io.StringIO(text, newline=""))
    header = _header(enumerate(reader, start=1), file_name)
    if not _missing(header, STREET_COLUMNS):
        layout, has_lsoa = "police.uk street-level, with LSOAs", True
    elif not _missing(header, OLD_STREET_COLUMNS):
        layout, has_lsoa = "police.uk street-level, older layout without LSOAs", False
    else:
        expected = OLD_STREET_COLUMNS if "Easting" in header else STREET_COLUMNS
        raise FileProblem(
            file_name,
            f"this is not a police.uk street-level file: the header has no "
            f"{_quoted(_missing(header, expected))} column. A street-level file starts "
            f"with the header {','.join(STREET_COLUMNS)}.",
            row=1,
        )
    width = len(header)
    i_month, i_force = header.index("Month"), header.index("Reported by")
    i_type = header.index("Crime type")
    i_lsoa = header.index("LSOA code") if has_lsoa else None

    # Rows are counted, not handled one by one: each chunk's rows become (month, force,
    # area, crime type, LSOA) keys in C (itemgetter, Counter), and a million rows hold a few
    # thousand distinct keys. Each key is then checked once, in the order it first appears
    # (its first row is remembered), so the first bad row of the file is the one reported.
    columns = [i_month, i_force, i_type] + ([i_lsoa] if i_lsoa is not None else [])
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
        return _check_street(first_row, counted, file_name, lsoa_wards, crime_types, has_lsoa)

    row = reader.line_num  # the header's row; data rows follow it
    try:
        while chunk := list(islice(reader, PROGRESS_EVERY)):
            numbers = range(row + 1, row + 1 + len(chunk))
            if set(map(len, chunk)) != {width}:
                chunk, numbers = _regular_rows(chunk, numbers, width, file_name, count, check)
            count(chunk, numbers)
            row += len(numbers) if isinstance(numbers, range) else numbers.stop
            if progress is not None:
                progress(row)
    except csv.Error as error:
        check()
        raise FileProblem(file_name, f"not valid CSV: {error}.", row=row + 1) from None
    if not counted:
        raise FileProblem(file_name, "the file has a header but no rows: nothing to import.")
    figures = check()
    figures.layout = layout
    return figures


class _Numbers(list):
    """The row numbers of a chunk's rows once its blank lines are taken out."""

    stop = 0  # how many lines the chunk took, blank ones included


def _regular_rows(chunk, numbers, width, file_name, count, check):
    """A chunk without its blank lines, and its rows' numbers. A row of another width fails,
    but only after the rows before it are checked, so the first bad row is the one named."""
    rows, kept = [], _Numbers()
    kept.stop = len(chunk)
    for number, fields in zip(numbers, chunk, strict=True):
        if len(fields) == width:
            rows.append(fields)
            kept.append(number)
        elif any(f.strip() for f in fields):
            count(rows, kept)
            check()
            _check_width(fields, width, file_name, number)
    return rows, kept


def _check_street(first_row, counted, file_name, lsoa_wards, crime_types, has_lsoa) -> Figures:
    """Check each distinct row once, in file order, and add the rows up."""
    counts: defaultdict = defaultdict(int)
    tallies: dict[tuple[date, str], MonthTally] = {}
    months: dict[str, date | None] = {}
    types: dict[str, int | None] = {}
    for key, row in sorted(first_row.items(), key=lambda item: item[1]):
        n = counted[key]
        raw_month, raw_force, raw_type = key[:3]
        raw_lsoa = key[3] if has_lsoa else ""
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
        if not code:
            tally.rows_unplaced += n
        elif code in lsoa_wards:
            tally.rows_placed += n
            counts[(month, force, lsoa_wards[code], crime_type)] += n
        else:
            tally.rows_outside += n
    return Figures(file_name=file_name, layout="", counts=dict(counts), months=tallies)


def read_counts_file(
    data: bytes,
    *,
    file_name: str,
    wards: dict[str, int],
    crime_types: dict[str, int],
    progress: Callable[[int], None] | None = None,
) -> Figures:
    """Read a CSV of counts: ward (name or ONS code), month (YYYY-MM), crime_type, count.

    wards: normalised name or ONS code -> ward id. Every row must name a ward of the set
    and a known crime type; a ward, month and crime type may appear once.
    """
    text = _text(data, file_name)
    try:
        return _read_counts(text, file_name, wards, crime_types, progress)
    except CsvError as error:
        raise FileProblem(file_name, f"not valid CSV: {error.message}.", row=error.line) from None


def _read_counts(text, file_name, wards, crime_types, progress) -> Figures:
    records = _records(text)
    header = [name.casefold() for name in _header(records, file_name)]
    if missing := _missing(header, COUNTS_COLUMNS):
        raise FileProblem(
            file_name,
            f"the header has no {_quoted(missing)} column: a counts file starts with the "
            f"header {','.join(COUNTS_COLUMNS)}.",
            row=1,
        )
    width = len(header)
    i_ward, i_month = header.index("ward"), header.index("month")
    i_type, i_count = header.index("crime_type"), header.index("count")
    figures = Figures(file_name=file_name, layout="counts by ward")
    seen: dict[tuple[date, int, int], int] = {}
    for row, fields in records:
        if not _check_width(fields, width, file_name, row):
            continue
        raw_ward = fields[i_ward].strip()
        ward = wards.get(raw_ward.upper()) or wards.get(normalise(raw_ward))
        if ward is None:
            raise FileProblem(
                file_name, f"“{raw_ward}” is not a ward of this ward set.", row=row, column="ward"
            )
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
        if not raw_count.isdigit():
            raise FileProblem(
                file_name,
                f"“{raw_count}” is not a whole number of crimes.",
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
        raise FileProblem(file_name, "the file has a header but no rows: nothing to import.")
    return figures


@dataclass
class Lookup:
    """The borough's rows of an ONS LSOA-to-ward lookup."""

    lsoa_geography: str
    ward_geography: str
    entries: list[tuple[str, str, int]]  # (LSOA code, LSOA name, ward id)
    rows_read: int
    rows_other_districts: int


def _column(header: list[str], pattern: str) -> tuple[int | None, str]:
    for i, name in enumerate(header):
        if re.fullmatch(pattern, name, flags=re.IGNORECASE):
            return i, name
    return None, ""


def read_lookup_file(
    data: bytes,
    *,
    file_name: str,
    district: str,
    district_code: str,
    wards_by_code: dict[str, int],
    wards_by_name: dict[str, int],
) -> Lookup:
    """Read an ONS LSOA-to-ward lookup (LSOA11CD, LSOA11NM, WD18CD, WD18NM, LAD18CD, …).

    Any year suffix is accepted. Rows of other districts are counted and left out; each
    of the district's rows must name a ward of the set, by ONS code or by name.
    """
    text = _text(data, file_name)
    try:
        records = _records(text)
        header = _header(records, file_name)
        i_lsoa, lsoa_col = _column(header, r"LSOA\d\dCD")
        i_lsoa_name, _ = _column(header, r"LSOA\d\dNM")
        i_ward_code, ward_code_col = _column(header, r"WD\d\dCD")
        i_ward_name, ward_name_col = _column(header, r"WD\d\dNM")
        i_lad_code, _ = _column(header, r"LAD\d\dCD")
        i_lad_name, _ = _column(header, r"LAD\d\dNM")
        missing = []
        if i_lsoa is None:
            missing.append("LSOA11CD (or another year's LSOA code)")
        if i_ward_code is None and i_ward_name is None:
            missing.append("WD18CD or WD18NM (or another year's ward code or name)")
        if i_lad_code is None and i_lad_name is None:
            missing.append("LAD18CD or LAD18NM (or another year's district code or name)")
        if missing:
            raise FileProblem(
                file_name,
                f"this is not an ONS LSOA-to-ward lookup: the header has no {_quoted(missing)} "
                "column.",
                row=1,
            )
        width = len(header)
        district_name = normalise(district)
        entries: list[tuple[str, str, int]] = []
        seen: dict[str, int] = {}
        rows = other = 0
        for row, fields in records:
            if not _check_width(fields, width, file_name, row):
                continue
            rows += 1
            lad_code = fields[i_lad_code].strip().upper() if i_lad_code is not None else ""
            lad_name = normalise(fields[i_lad_name]) if i_lad_name is not None else ""
            if lad_code and district_code:
                in_district = lad_code == district_code.upper()
            else:
                in_district = lad_name == district_name
            if not in_district:
                other += 1
                continue
            code = fields[i_lsoa].strip().upper()
            if not LSOA_RE.match(code):
                raise FileProblem(
                    file_name,
                    f"“{fields[i_lsoa]}” is not an LSOA code.",
                    row=row,
                    column=lsoa_col,
                )
            ward = None
            if i_ward_code is not None:
                ward = wards_by_code.get(fields[i_ward_code].strip().upper())
            if ward is None and i_ward_name is not None:
                ward = wards_by_name.get(normalise(fields[i_ward_name]))
            if ward is None:
                column = ward_code_col or ward_name_col
                shown = " ".join(
                    fields[i].strip() for i in (i_ward_name, i_ward_code) if i is not None
                )
                raise FileProblem(
                    file_name,
                    f"the ward “{shown}” is not one of this ward set's wards: is the lookup "
                    "for another year's wards?",
                    row=row,
                    column=column,
                )
            if code in seen:
                raise FileProblem(
                    file_name,
                    f"{code} is already on row {seen[code]}: a best-fit lookup puts each LSOA "
                    "in one ward.",
                    row=row,
                    column=lsoa_col,
                )
            seen[code] = row
            name = fields[i_lsoa_name].strip() if i_lsoa_name is not None else ""
            entries.append((code, name, ward))
    except CsvError as error:
        raise FileProblem(file_name, f"not valid CSV: {error.message}.", row=error.line) from None
    if not entries:
        where = f"{district} ({district_code})" if district_code else district
        raise FileProblem(file_name, f"no row of the lookup is in {where}.")
    return Lookup(
        lsoa_geography=lsoa_col[:6].upper(),
        ward_geography=(ward_code_col or ward_name_col)[:4].upper(),
        entries=entries,
        rows_read=rows,
        rows_other_districts=other,
    )
