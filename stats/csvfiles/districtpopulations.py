"""A CSV of district populations: `district_code,district,population,year,source`."""

import re
from collections.abc import Iterable
from dataclasses import dataclass

from .checks import (
    check_width,
    fixed_header,
)
from .common import FileProblem, normalise
from .decoding import decoded_text
from .populations import FIRST_YEAR, LAST_YEAR, MAX_SOURCE, YEAR_RE
from .records import CsvError, csv_records

DISTRICT_POPULATION_COLUMNS = ("district_code", "district", "population", "year", "source")
# An ONS local authority district code: E06, E07, E08 or E09 in England, W06 in Wales.
DISTRICT_CODE_RE = re.compile(r"[EW]0[6-9][0-9]{6}")
POPULATION_RE = re.compile(r"[0-9]{1,7}")
# The smallest district of England (the Isles of Scilly) has about 2,000 residents, the
# largest (Birmingham) about 1.1 million. Outside this range the figure is a slip.
MIN_POPULATION, MAX_POPULATION = 1_000, 2_000_000
MAX_NAME = 100


@dataclass(frozen=True)
class KnownDistrict:
    """A district already stored: its id, name and ONS code (empty if not known)."""

    pk: int
    name: str
    code: str


@dataclass
class DistrictPopulation:
    """One district's population as a file gives it, and the row it is on. district is the
    stored district's id, or None for a district no import has met yet (created with the
    name and code given)."""

    district: int | None
    name: str
    code: str
    population: int
    year: int
    source: str
    row: int


def read_district_populations_file(
    data: bytes, *, file_name: str, known: Iterable[KnownDistrict]
) -> list[DistrictPopulation]:
    """Read a CSV of district populations: ONS code, name, population, year, source.

    A row names its district by ONS code, by name (case, spaces and punctuation ignored),
    or both; a district not known yet is new, and needs its name. Each district may appear
    once. A code that another district has, or that contradicts the code the named district
    has, is refused. Any fault raises FileProblem naming the file, the row and the column.
    """
    text = decoded_text(data, file_name)
    try:
        return _read(text, file_name, list(known))
    except CsvError as error:
        raise error.problem from None


def _read(text: str, file_name: str, known: list[KnownDistrict]) -> list[DistrictPopulation]:
    columns = DISTRICT_POPULATION_COLUMNS
    records = csv_records(text, file_name)
    header = fixed_header(records, file_name, columns, "a file of district populations")
    width = len(header)
    index = {name: header.index(name) for name in columns}
    by_code = {district.code: district for district in known if district.code}
    by_name = {normalise(district.name): district for district in known}
    populations: list[DistrictPopulation] = []
    seen: dict[str, int] = {}  # a district's key (its id, or new: its name) -> its row
    seen_codes: dict[str, int] = {}
    for row, fields in records:
        if not check_width(fields, width, file_name, row, header):
            continue

        def problem(column: str, message: str, row=row) -> FileProblem:
            return FileProblem(file_name, message, row=row, column=column)

        code = fields[index["district_code"]].strip().upper()
        name = " ".join(fields[index["district"]].split())
        if not code and not name:
            raise problem(
                "district", "the district is missing: give its name, its ONS code or both."
            )
        if code and not DISTRICT_CODE_RE.fullmatch(code):
            raise problem(
                "district_code",
                f"“{code[:40]}” is not the ONS code of a district: nine characters, such as "
                "E07000096 (or leave it empty and give the district's name).",
            )
        if len(name) > MAX_NAME:
            raise problem(
                "district", f"the name is longer than the {MAX_NAME} characters a name may be."
            )
        coded = by_code.get(code) if code else None
        named = by_name.get(normalise(name)) if name else None
        if coded and named and coded != named:
            raise problem(
                "district_code",
                f"{code} is the code of {coded.name}, but the row names {named.name} "
                f"({named.code or 'no code yet'}): which district is it?",
            )
        if named and named.code and code and code != named.code:
            raise problem(
                "district_code",
                f"{named.name} has the ONS code {named.code}, not {code}: a code that "
                "contradicts the district's is refused.",
            )
        district = coded or named
        if district is None and not name:
            raise problem(
                "district_code",
                f"{code} is the code of no district seen in an import: give the district's "
                "name too, as police.uk writes it, to add it.",
            )
        key = str(district.pk) if district else f"new:{normalise(name)}"
        if key in seen:
            raise problem(
                "district",
                f"{district.name if district else name} is already on row {seen[key]}: a "
                "district has one population.",
            )
        seen[key] = row
        if code:
            if code in seen_codes:
                raise problem(
                    "district_code",
                    f"{code} is already on row {seen_codes[code]}: a district has one population.",
                )
            seen_codes[code] = row
        raw_population = fields[index["population"]].strip()
        if not POPULATION_RE.fullmatch(raw_population) or not (
            MIN_POPULATION <= int(raw_population) <= MAX_POPULATION
        ):
            raise problem(
                "population",
                f"“{raw_population[:40]}” is not a district's population: a whole number of "
                f"residents from {MIN_POPULATION:,} to {MAX_POPULATION:,}, written in digits "
                "alone (144847, not 144,847).",
            )
        raw_year = fields[index["year"]].strip()
        if not YEAR_RE.fullmatch(raw_year) or not (FIRST_YEAR <= int(raw_year) <= LAST_YEAR):
            raise problem(
                "year",
                f"“{raw_year[:40]}” is not a year: write the year the population is for in "
                "four digits, e.g. 2011.",
            )
        source = " ".join(fields[index["source"]].split())
        if not source:
            raise problem(
                "source",
                "the source is empty: say which publication the population comes from (it "
                "is shown beside every rate worked out from it).",
            )
        if len(source) > MAX_SOURCE:
            raise problem(
                "source",
                f"the source is {len(source):,} characters long, more than the {MAX_SOURCE} "
                "a source may be.",
            )
        populations.append(
            DistrictPopulation(
                district=district.pk if district else None,
                name=district.name if district else name,
                code=code or (district.code if district else ""),
                population=int(raw_population),
                year=int(raw_year),
                source=source,
                row=row,
            )
        )
    if not populations:
        raise FileProblem(
            file_name, "the file has a header but no rows: there is no population to import."
        )
    return populations
