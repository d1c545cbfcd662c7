"""Reading a report in its published text layout (the Dacorum CSP 2011/12 report's) into
the yearly-plan format, so that `importreport` imports it as `importyear` imports a file.

The layout: the report's title and the partnership's name; for each priority a line
`PRIORITY n`, its title, then a tab-separated table headed
`ACTION / LEAD AGENCY / TARGET / TIMESCALE / UPDATE`, one row a line; a line that starts
with tabs continues the last cell of the row above (a page break split it); then a
`Crime Stats` heading, its commentary, and a tab-separated table whose heading starts
`Accurate at d/m/yy`.
"""

import datetime
import re

from .read import FORMAT, VERSION, YearFileError

HEADER = ["ACTION", "LEAD AGENCY", "TARGET", "TIMESCALE", "UPDATE"]
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
}
STATS_HEADING = "Crime Stats"


def year_dates(label: str) -> tuple[datetime.date, datetime.date]:
    """A UK public-sector year, 2011/12: 1 April 2011 to 31 March 2012."""
    start = int(label[:4])
    return datetime.date(start, 4, 1), datetime.date(start + 1, 3, 31)


def sentence_case(text: str) -> str:
    """TITLE IN CAPITALS → Title in capitals (the first letter, not the first character)."""
    lower = text.lower()
    match = re.search(r"[a-z]", lower)
    return (
        lower
        if not match
        else lower[: match.start()] + lower[match.start()].upper() + lower[match.start() + 1 :]
    )


def ordinal_number(text: str, *, file: str, place: str) -> int:
    match = re.fullmatch(r"\s*(\d+)\s*(st|nd|rd|th)\s*", text)
    if not match:
        raise YearFileError(file, place, f"“{text}” is not a position like 5th")
    return int(match.group(1))


def report_read(text: str, *, file: str, label: str, county: str) -> tuple[dict, dict]:
    """The report as a yearly-plan dict (see reports.yearplan.read), and the line of the text
    each priority, row and crime-table row came from, by its place in the dict. Raises
    YearFileError naming the file, the line and the field of anything it cannot read."""
    if not re.fullmatch(r"\d{4}/\d{2}", label):
        raise YearFileError(file, "--year", f"“{label}” is not a year label like 2011/12")
    lines = text.replace("\r\n", "\n").lstrip("\ufeff").split("\n")
    headings = [(n, line.strip()) for n, line in enumerate(lines, start=1) if line.strip()]
    if len(headings) < 2:
        raise YearFileError(file, "line 1", "the report's title and partnership are missing")
    (_, title), (_, partnership) = headings[0], headings[1]
    if "/" not in title[:9] or "PRIORITY" in title:
        raise YearFileError(file, f"line {headings[0][0]}", f"“{title}” is not a report's title")

    priorities, rows = [], None
    places: dict[str, int] = {}
    stats_line = None
    n = 0
    while n < len(lines):
        line, number = lines[n], n + 1
        if line.strip() == STATS_HEADING:
            stats_line = n
            break
        match = re.fullmatch(r"PRIORITY (\d+)", line.strip())
        if match:
            title_line = next((m for m in range(n + 1, len(lines)) if lines[m].strip()), None)
            if title_line is None:
                raise YearFileError(file, f"line {number}", "a priority without a title")
            published = lines[title_line].strip()
            rows = []
            places[f"priorities[{len(priorities)}]"] = number
            priorities.append(
                {
                    "number": int(match.group(1)),
                    "title": sentence_case(published),
                    "published_title": published,
                    "actions": rows,
                }
            )
            n = title_line + 1
            continue
        cells = line.split("\t")
        if rows is None or not line.strip() or cells == HEADER:
            n += 1
            continue
        if line.startswith("\t"):
            if not rows:
                raise YearFileError(file, f"line {number}", "a continued cell with no row above")
            rows[-1]["update"] = f"{rows[-1]['update']} {line.strip()}"
        elif len(cells) == 5:
            action, lead, target, timescale, update = cells
            places[f"priorities[{len(priorities) - 1}].actions[{len(rows)}]"] = number
            rows.append(
                {
                    "action": action,
                    "lead": lead,
                    "target": target,
                    "timescale": timescale,
                    "update": update,
                    "progress_status": "",
                    "linked_work": None,
                    "continues": None,
                }
            )
        elif "\t" in line:
            raise YearFileError(
                file,
                f"line {number}",
                f"a table row needs 5 cells separated by tabs ({', '.join(HEADER)}); "
                f"this one has {len(cells)}",
            )
        n += 1
    if not priorities:
        raise YearFileError(
            file, "", "no line “PRIORITY 1”: is this a report in the published layout?"
        )

    _link_the_same_work(priorities)
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
            + (f"; crime figures {_accurate_phrase(lines, stats_line)}." if stats_line else "."),
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


def report_place(error: YearFileError, places: dict[str, int]) -> YearFileError:
    """A problem found in the yearly-plan form of a report, placed in the report's text:
    `priorities[0].actions[3].lead` becomes `line 17, LEAD AGENCY`."""
    for place in sorted(places, key=len, reverse=True):
        if error.place == place or error.place.startswith(place + "."):
            field = error.place[len(place) + 1 :].split(".")[0]
            column = COLUMNS.get(field, field)
            where = f"line {places[place]}" + (f", {column}" if column else "")
            return YearFileError(error.file, where, error.message)
    return error


def _link_the_same_work(priorities: list[dict]):
    """Rows with the same action text under different priorities are one piece of work."""
    seen: dict[str, set[int]] = {}
    for priority in priorities:
        for row in priority["actions"]:
            seen.setdefault(row["action"], set()).add(priority["number"])
    for priority in priorities:
        for row in priority["actions"]:
            if len(seen[row["action"]]) > 1:
                row["linked_work"] = row["action"]


def _stats_heading(lines: list[str], start: int) -> tuple[int, list[str]]:
    for n in range(start + 1, len(lines)):
        if lines[n].startswith("Accurate at"):
            return n, lines[n].split("\t")
    return -1, []


def _accurate_phrase(lines, stats_line) -> str:
    _, heading = _stats_heading(lines, stats_line)
    return heading[0][0].lower() + heading[0][1:] if heading else "as published"


def read_statistics(
    lines, start, *, file, area, county, partnership, label, places, line_offset=0
) -> dict:
    """The crime table that starts at `lines[start]` (its title), as a yearly-plan snapshot.
    `line_offset` corrects the line numbers in messages when `lines` has lines added."""
    heading_line, heading = _stats_heading(lines, start)
    if heading_line < 0 or len(heading) != 4:
        raise YearFileError(
            file,
            f"line {max(1, start + 1 + line_offset)}",
            "the crime table's heading (“Accurate at d/m/yy” and three more cells) is missing",
        )
    where = f"line {heading_line + 1 + line_offset}"
    commentary = " ".join(line.strip() for line in lines[start + 1 : heading_line] if line.strip())
    accurate_text = heading[0].removeprefix("Accurate at").strip()
    try:
        accurate_at = datetime.datetime.strptime(accurate_text, "%d/%m/%y").date()
    except ValueError:
        raise YearFileError(file, where, f"“{accurate_text}” is not a date like 26/3/12") from None
    districts = re.search(r"\((\d+)\s*Districts\)", heading[2], flags=re.I)
    if not districts:
        raise YearFileError(file, where, "the number of districts, “(10 Districts)”, is missing")
    rows = []
    for n in range(heading_line + 1, len(lines)):
        if not lines[n].strip():
            continue
        cells = lines[n].split("\t")
        place = f"line {n + 1 + line_offset}"
        if len(cells) != 4:
            raise YearFileError(
                file, place, f"a crime table row needs 4 cells; this has {len(cells)}"
            )
        category, change, rate, reduction = cells
        places[f"statistics[0].rows[{len(rows)}]"] = n + 1 + line_offset
        if not re.fullmatch(r"-?\d+(\.\d+)?%", change.strip()):
            raise YearFileError(
                file, f"{place}, % change", f"“{change}” is not a change like -10.2%"
            )
        rows.append(
            {
                "category": category,
                "percent_change": change.strip().rstrip("%"),
                "percent_change_text": change,
                "rate_position": ordinal_number(
                    rate, file=file, place=f"{place}, position per 1000"
                ),
                "rate_position_text": rate,
                "reduction_position": ordinal_number(
                    reduction, file=file, place=f"{place}, position for % reduction"
                ),
                "reduction_position_text": reduction,
            }
        )
    return {
        "title": lines[start].strip(),
        "area": area,
        "area_heading": heading[1],
        "county": county,
        "districts": int(districts.group(1)),
        "accurate_at": accurate_at.isoformat(),
        "accurate_at_text": accurate_text,
        "rate_heading": heading[2],
        "reduction_heading": heading[3],
        "commentary": commentary,
        "source": f"{partnership}'s {label} report, “{lines[start].strip()}”, "
        f"accurate at {accurate_text}.",
        "rows": rows,
    }
