"""Reading a report in its published text layout (the Dacorum CSP 2011/12 report's) into
the yearly-plan format, so that `importreport` imports it as `importyear` imports a file.

The layout: the report's title and the partnership's name; for each priority a line
`PRIORITY n`, its title, then a tab-separated table headed
`ACTION / LEAD AGENCY / TARGET / TIMESCALE / UPDATE`, one row a line; a line that starts
with tabs continues the last cell of the row above (a page break split it); then a
`Crime Stats` heading, its commentary, and a tab-separated table whose heading starts
`Accurate at d/m/yy`.

A table or row with no `PRIORITY n` heading above it is refused at its line, never filed
under the priority before it; every refusal names the file, the line and, where one is at
fault, the column (a crime-table column by its heading as printed). `report_decode` reads
the bytes; `report_agencies` names (or, asked to, creates) the lead agencies not yet known.

Modules: decode (the bytes), report (the whole report, and a problem placed in its
lines), priorities (the priorities and their tables), crimetable (the crime table),
agencies (the lead agencies not yet known). Callers import from here.
"""

from .agencies import report_agencies
from .crimetable import ordinal_number, printed, read_statistics
from .decode import report_decode
from .priorities import (
    HEADER,
    PRIORITY_HEADING,
    PRIORITY_LIKE,
    STATS_HEADING,
    sentence_case,
)
from .report import COLUMNS, PRINTED_HEADINGS, report_place, report_read, year_dates

__all__ = [
    "COLUMNS",
    "HEADER",
    "PRINTED_HEADINGS",
    "PRIORITY_HEADING",
    "PRIORITY_LIKE",
    "STATS_HEADING",
    "ordinal_number",
    "printed",
    "read_statistics",
    "report_agencies",
    "report_decode",
    "report_place",
    "report_read",
    "sentence_case",
    "year_dates",
]
