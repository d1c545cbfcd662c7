"""Reading the files ward figures come from, without touching the database.

Five kinds of CSV file: police.uk street-level crimes (`YYYY-MM-<force>-street.csv`, in
its current layout or the older one without LSOAs), a plain CSV of counts
(`ward,month,crime_type,count`), an ONS best-fit LSOA-to-ward lookup, ward
populations (`ward,population,year,source`) and district populations
(`district_code,district,population,year,source`). Each reader checks the whole file and
returns what to store, or raises FileProblem naming the file, the row (the line of the file
it starts on: the header is row 1, as in a spreadsheet) and the column. services/ (and
districtpopulations.py) store it.

One module a kind of file (counts, street, lookup, populations, districtpopulations);
what they share: the columns, FileProblem and the figures (common), reading the bytes as
text (decoding), records with their rows (records), checks of the header and of each
row's width (checks), and the names of wards (wardnames).
"""

from .common import Figures, FileProblem, MonthTally, count_lines, normalise, parse_month
from .counts import read_counts_file
from .districtpopulations import (
    DistrictPopulation,
    KnownDistrict,
    read_district_populations_file,
)
from .lookup import Lookup, read_lookup_file
from .populations import Population, read_populations_file
from .street import read_street_file
from .wardnames import WardNames, name_key

__all__ = [
    "DistrictPopulation",
    "Figures",
    "FileProblem",
    "KnownDistrict",
    "Lookup",
    "MonthTally",
    "Population",
    "WardNames",
    "count_lines",
    "name_key",
    "normalise",
    "parse_month",
    "read_counts_file",
    "read_district_populations_file",
    "read_lookup_file",
    "read_populations_file",
    "read_street_file",
]
