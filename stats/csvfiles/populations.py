"""A CSV of ward populations: `ward,population,year,source`."""

import re
from dataclasses import dataclass

from .checks import (
    check_width,
    fixed_header,
)
from .common import FileProblem
from .decoding import decoded_text
from .records import CsvError, csv_records
from .wardnames import WardNames

POPULATION_COLUMNS = ("ward", "population", "year", "source")
POPULATION_RE = re.compile(r"[0-9]{1,6}")
YEAR_RE = re.compile(r"[0-9]{4}")
# A ward of England or Wales has a few thousand residents; the largest, some tens of
# thousands. Outside this range the figure is a typing slip or another area's.
MIN_POPULATION, MAX_POPULATION = 100, 100_000
FIRST_YEAR, LAST_YEAR = 1900, 2100
MAX_SOURCE = 500


@dataclass
class Population:
    """One ward's population as a file gives it, and the row it is on."""

    ward: int
    population: int
    year: int
    source: str
    row: int


def read_populations_file(data: bytes, *, file_name: str, wards: WardNames) -> list[Population]:
    """Read a CSV of ward populations: ward (name or ONS code), population, year, source.

    Ward names are matched ignoring case, spaces and punctuation, with the wards' aliases;
    a near miss gets a suggestion. Each ward may appear once. Any fault raises FileProblem
    naming the file, the row and the column.
    """
    text = decoded_text(data, file_name)
    try:
        return _read_populations(text, file_name, wards)
    except CsvError as error:
        raise error.problem from None


def _read_populations(text: str, file_name: str, wards: WardNames) -> list[Population]:
    records = csv_records(text, file_name)
    header = fixed_header(records, file_name, POPULATION_COLUMNS, "a file of ward populations")
    width = len(header)
    i_ward, i_population = header.index("ward"), header.index("population")
    i_year, i_source = header.index("year"), header.index("source")
    populations: list[Population] = []
    seen: dict[int, int] = {}
    for row, fields in records:
        if not check_width(fields, width, file_name, row, header):
            continue
        raw_ward = fields[i_ward].strip()
        if not raw_ward:
            raise FileProblem(file_name, "the ward is missing.", row=row, column="ward")
        ward = wards.by_code(raw_ward)
        if ward is None:
            ward = wards.by_name(raw_ward)
        if ward is None:
            raise FileProblem(file_name, wards.unknown_ward(raw_ward), row=row, column="ward")
        if ward in seen:
            raise FileProblem(
                file_name,
                f"{wards.describe(ward)} is already on row {seen[ward]}: a ward has one "
                "population.",
                row=row,
                column="ward",
            )
        seen[ward] = row
        raw_population = fields[i_population].strip()
        if not POPULATION_RE.fullmatch(raw_population) or not (
            MIN_POPULATION <= int(raw_population) <= MAX_POPULATION
        ):
            raise FileProblem(
                file_name,
                f"“{raw_population[:40]}” is not a ward's population: a whole number of "
                f"residents from {MIN_POPULATION:,} to {MAX_POPULATION:,}, written in digits "
                "alone (8123, not 8,123).",
                row=row,
                column="population",
            )
        raw_year = fields[i_year].strip()
        if not YEAR_RE.fullmatch(raw_year) or not (FIRST_YEAR <= int(raw_year) <= LAST_YEAR):
            raise FileProblem(
                file_name,
                f"“{raw_year[:40]}” is not a year: write the year the population is for "
                "in four digits, e.g. 2011.",
                row=row,
                column="year",
            )
        source = " ".join(fields[i_source].split())
        if not source:
            raise FileProblem(
                file_name,
                "the source is empty: say which publication the population comes from (it "
                "is shown beside every rate worked out from it).",
                row=row,
                column="source",
            )
        if len(source) > MAX_SOURCE:
            raise FileProblem(
                file_name,
                f"the source is {len(source):,} characters long, more than the {MAX_SOURCE} "
                "a source may be.",
                row=row,
                column="source",
            )
        populations.append(Population(ward, int(raw_population), int(raw_year), source, row))
    if not populations:
        raise FileProblem(
            file_name, "the file has a header but no rows: there is no population to import."
        )
    return populations
