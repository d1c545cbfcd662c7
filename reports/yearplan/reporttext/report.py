"""A whole report read into the yearly-plan format (`report_read`), and a problem found
in that format placed back in the report's lines and columns (`report_place`)."""

import datetime
import re

from ..read import FORMAT, VERSION, YearFileError
from .crimetable import accurate_phrase, printed, read_statistics
from .priorities import (
    link_the_same_work,
    priority_warnings,
    read_priorities,
    sentence_case,
    title_warnings,
)

# A yearly-plan field, as the published table's column calls it.
COLUMNS = {
    "action": "ACTION",
    "lead": "LEAD AGENCY",
    "target": "TARGET",
    "timescale": "TIMESCALE",
    "update": "UPDATE",
    "category": "the crime category",
    "percent_change": "% change",
    "rate_position": "position per 1000",
    "reduction_position": "position for % reduction",
    "short_name": "LEAD AGENCY",
}
# A crime-table field, by the snapshot's field holding its column's heading as printed.
PRINTED_HEADINGS = {
    "percent_change": "area_heading",
    "rate_position": "rate_heading",
    "reduction_position": "reduction_heading",
}


def year_dates(label: str) -> tuple[datetime.date, datetime.date]:
    """A UK public-sector year, 2011/12: 1 April 2011 to 31 March 2012."""
    start = int(label[:4])
    return datetime.date(start, 4, 1), datetime.date(start + 1, 3, 31)


def report_read(
    text: str, *, file: str, label: str, county: str, warnings: list[str] | None = None
) -> tuple[dict, dict]:
    """The report as a yearly-plan dict (see reports.yearplan.read), and the line of the text
    each priority, row and crime-table row came from, by its place in the dict. Raises
    YearFileError naming the file, the line and the field of anything it cannot read; adds
    to `warnings` what it reads but a person should look at (a priority with no table, a
    title naming another year)."""
    if not re.fullmatch(r"\d{4}/\d{2}", label):
        raise YearFileError(file, "--year", f"“{label}” is not a year label like 2011/12")
    lines = text.replace("\r\n", "\n").lstrip("\ufeff").split("\n")
    headings = [(n, line.strip()) for n, line in enumerate(lines, start=1) if line.strip()]
    if len(headings) < 2:
        raise YearFileError(file, "line 1", "the report's title and partnership are missing")
    (_, title), (_, partnership) = headings[0], headings[1]
    if "/" not in title[:9] or "PRIORITY" in title:
        raise YearFileError(file, f"line {headings[0][0]}", f"“{title}” is not a report's title")

    priorities, places, stats_line = read_priorities(lines, file=file)
    if warnings is not None:
        warnings.extend(title_warnings(title, headings[0][0], file=file, label=label))
        warnings.extend(priority_warnings(priorities, places, file=file))
    link_the_same_work(priorities)
    area = re.sub(r"\s*COMMUNITY SAFETY PARTNERSHIP\s*$", "", partnership, flags=re.I).title()
    starts_on, ends_on = year_dates(label)
    partnership_name = partnership.title()
    return {
        "format": FORMAT,
        "version": VERSION,
        "year": {
            "label": label,
            "starts_on": starts_on.isoformat(),
            "ends_on": ends_on.isoformat(),
            "report_title": title,
            "partnership": partnership,
            "source": f"{partnership_name}, “{sentence_case(title)}”, the partnership's "
            f"published report for {label}"
            + (f"; crime figures {accurate_phrase(lines, stats_line)}." if stats_line else "."),
            "is_sample": False,
        },
        "agencies": [],
        "priorities": priorities,
        "statistics": [
            read_statistics(
                lines,
                stats_line,
                file=file,
                area=area,
                county=county,
                partnership=partnership_name,
                label=label,
                places=places,
            )
        ]
        if stats_line is not None
        else [],
    }, places


def report_place(
    error: YearFileError, places: dict[str, int], data: dict | None = None
) -> YearFileError:
    """A problem found in the yearly-plan form of a report, placed in the report's text:
    `priorities[0].actions[3].lead` becomes `line 17, LEAD AGENCY`, and (given the report's
    `data`) `statistics[0].rows[2].rate_position` the crime table's column as printed."""
    for place in sorted(places, key=len, reverse=True):
        if error.place == place or error.place.startswith(place + "."):
            field = error.place[len(place) + 1 :].split(".")[0]
            column = _printed_column(place, field, data) or COLUMNS.get(field, field)
            where = f"line {places[place]}" + (f", {column}" if column else "")
            return YearFileError(error.file, where, error.message)
    return error


def _printed_column(place: str, field: str, data: dict | None) -> str:
    """`column “All Dacorun”`: a crime-table field named by its heading as printed."""
    snapshot = re.match(r"statistics\[(\d+)\]", place)
    if data is None or not snapshot or field not in PRINTED_HEADINGS:
        return ""
    return printed(data["statistics"][int(snapshot.group(1))][PRINTED_HEADINGS[field]])
