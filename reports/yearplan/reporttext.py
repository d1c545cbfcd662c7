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
"""

import codecs
import datetime
import difflib
import re

from actions.models import LEAD_SEPARATOR, Agency, AgencyAlias

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
    "short_name": "LEAD AGENCY",
}
# A crime-table field, by the snapshot's field holding its column's heading as printed.
PRINTED_HEADINGS = {
    "percent_change": "area_heading",
    "rate_position": "rate_heading",
    "reduction_position": "reduction_heading",
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


def report_decode(content: bytes, *, file: str) -> str:
    """The report's text, from UTF-8 bytes (with or without a byte-order mark). Any other
    encoding is refused in plain words: which, where, and what to do."""
    save = "save it as UTF-8 text (Save As, Encoding “UTF-8”) and import it again"
    if content.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        raise YearFileError(file, "line 1", f"the file is in UTF-32, not UTF-8: {save}")
    if content.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or b"\x00" in content:
        raise YearFileError(file, "line 1", f"the file is in UTF-16, not UTF-8: {save}")
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = content.count(b"\n", 0, error.start) + 1
        line_start = content.rfind(b"\n", 0, error.start) + 1
        character = len(content[line_start : error.start].decode("utf-8", errors="replace")) + 1
        byte = content[error.start : error.start + 1]
        try:
            content.decode("cp1252")
            looks = f"the file looks like Windows-1252 text, where it is “{byte.decode('cp1252')}”"
        except UnicodeDecodeError:
            looks = "the file is in some other encoding"
        raise YearFileError(
            file,
            f"line {line}, character {character}",
            f"the byte 0x{byte.hex().upper()} is not UTF-8 ({looks}): {save}",
        ) from None


def report_agencies(
    data: dict, places: dict[str, int], *, file: str, create: bool, how_to_create: str
) -> None:
    """The lead agencies the report names that the database does not know (by short name
    or alias): with `create`, added to `data` as new agencies (or, when a name is an
    agency's full name, as that agency's alias); otherwise refused, every one named with
    the lines it is on. `how_to_create` finishes “To add them as new agencies, …”."""
    known = {name.lower(): name for name in Agency.objects.values_list("short_name", flat=True)}
    known |= {name.lower(): name for name in AgencyAlias.objects.values_list("name", flat=True)}
    unknown: dict[str, tuple[str, list[int]]] = {}
    for p, priority in enumerate(data["priorities"]):
        for a, row in enumerate(priority["actions"]):
            for name in (part.strip() for part in row["lead"].split(LEAD_SEPARATOR)):
                if name and name.lower() not in known:
                    lines = unknown.setdefault(name.lower(), (name, []))[1]
                    lines.append(places[f"priorities[{p}].actions[{a}]"])
    if not unknown:
        return
    full_names = {
        agency.name.lower(): agency
        for agency in Agency.objects.select_related("parent")
        if agency.name.lower() in unknown
    }
    if create:
        for name, lines in unknown.values():
            agency = full_names.get(name.lower())
            places[f"agencies[{len(data['agencies'])}]"] = lines[0]
            data["agencies"].append(
                {
                    "short_name": agency.short_name,
                    "name": agency.name,
                    "part_of": agency.parent.short_name if agency.parent else None,
                    "aliases": [name],
                }
                if agency
                else {"short_name": name, "name": name}
            )
        return

    def described(name: str, lines: list[int]) -> str:
        agency = full_names.get(name.lower())
        close = difflib.get_close_matches(name, list(known.values()), n=1, cutoff=0.6)
        hint = (
            f"the full name of “{agency.short_name}”"
            if agency
            else (f"did you mean “{close[0]}”?" if close else "")
        )
        return f"“{name}” ({_lines(lines)}{'; ' + hint if hint else ''})"

    names = [described(name, sorted(set(lines))) for name, lines in unknown.values()]
    first = min(line for _, lines in unknown.values() for line in lines)
    if len(names) == 1:
        message = (
            f"{names[0]} is not a known lead agency. To add it as a new agency, {how_to_create}."
        )
    else:
        message = (
            f"{len(names)} lead agencies are not known: {', '.join(names)}. "
            f"To add them as new agencies, {how_to_create}."
        )
    raise YearFileError(file, f"line {first}, LEAD AGENCY", message)


def _lines(lines: list[int]) -> str:
    if len(lines) == 1:
        return f"line {lines[0]}"
    return f"lines {', '.join(map(str, lines[:-1]))} and {lines[-1]}"


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

    priorities, places, stats_line = _read_priorities(lines, file=file)
    if warnings is not None:
        warnings.extend(_title_warnings(title, headings[0][0], file=file, label=label))
        warnings.extend(_priority_warnings(priorities, places, file=file))
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


def printed(heading: str) -> str:
    return f"column “{heading.strip()}”"


# `PRIORITY 3`; a line that starts like a heading but has no number, or more than it.
PRIORITY_HEADING = re.compile(r"PRIORITY\s*(\d+)", re.I)
PRIORITY_LIKE = re.compile(r"PRIORITY(\s*[\s:#.-]\s*\S*)?\s*|PRIORITY\s*\d+\b.*", re.I)


def _read_priorities(lines: list[str], *, file: str) -> tuple[list[dict], dict, int | None]:
    """The priorities, each with its table's rows; the line each came from; and the index
    of the `Crime Stats` heading, if any. A table (or a row) with no `PRIORITY n` heading
    above it is refused, never filed under the priority before it."""
    priorities: list[dict] = []
    places: dict[str, int] = {}
    numbers: dict[int, int] = {}
    rows: list[dict] | None = None
    table_line = None
    n = 0
    while n < len(lines):
        line, number = lines[n], n + 1
        text = line.strip()
        if text == STATS_HEADING:
            return priorities, places, n
        cells = line.split("\t")
        heading = PRIORITY_HEADING.fullmatch(text) if "\t" not in line else None
        if heading:
            if int(heading.group(1)) in numbers:
                raise YearFileError(
                    file,
                    f"line {number}",
                    f"two priorities have the number {int(heading.group(1))}: "
                    f"lines {numbers[int(heading.group(1))]} and {number}",
                )
            numbers[int(heading.group(1))] = number
            title_line = next((m for m in range(n + 1, len(lines)) if lines[m].strip()), None)
            following = lines[title_line].strip() if title_line is not None else ""
            if (
                not following
                or "\t" in lines[title_line]
                or PRIORITY_HEADING.match(following)
                or following.upper() == "PRIORITY"
                or following == STATS_HEADING
            ):
                raise YearFileError(file, f"line {number}", "a priority without a title")
            published = lines[title_line].strip()
            rows, table_line = [], None
            places[f"priorities[{len(priorities)}]"] = number
            priorities.append(
                {
                    "number": int(heading.group(1)),
                    "title": sentence_case(published),
                    "published_title": published,
                    "actions": rows,
                }
            )
            n = title_line + 1
            continue
        if "\t" not in line and PRIORITY_LIKE.fullmatch(text):
            raise YearFileError(
                file,
                f"line {number}",
                f"“{text}” is not a priority's heading: write it as “PRIORITY” and its number, "
                "like “PRIORITY 3”, on a line of its own, with the title on the next line",
            )
        if not text:
            n += 1
            continue
        if rows is None and "\t" in line:
            raise YearFileError(
                file,
                f"line {number}",
                "a table with no “PRIORITY n” heading above it: "
                "each priority's table follows its heading and title",
            )
        if cells == HEADER:
            if table_line is not None or rows:
                raise YearFileError(
                    file,
                    f"line {number}",
                    "a table with no “PRIORITY n” heading above it (it would be filed under "
                    f"PRIORITY {priorities[-1]['number']}, whose table starts at line "
                    f"{table_line or places[f'priorities[{len(priorities) - 1}].actions[0]']}): "
                    "is a heading missing?",
                )
            table_line = number
        elif line.startswith("\t"):
            if not rows:
                raise YearFileError(file, f"line {number}", "a continued cell with no row above")
            rows[-1]["update"] = f"{rows[-1]['update']} {text}"
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
            file,
            f"line {len(lines)}",
            "the file ends with no line “PRIORITY 1”: is this a report in the published layout?",
        )
    return priorities, places, None


def _title_warnings(title: str, line: int, *, file: str, label: str) -> list[str]:
    """The title naming another year than the one it is imported as."""
    named = re.search(r"\b((?:19|20)\d\d)\s*[/-]\s*(\d{2}|\d{4})\b", title)
    if not named or f"{named.group(1)}/{named.group(2)[-2:]}" == label:
        return []
    return [
        str(
            YearFileError(
                file,
                f"line {line}",
                f"the title names {named.group(0)}, but the report is imported as {label}",
            )
        )
    ]


def _priority_warnings(priorities: list[dict], places: dict, *, file: str) -> list[str]:
    """Each priority with no table, imported with no actions."""
    return [
        str(
            YearFileError(
                file,
                f"line {places[f'priorities[{p}]']}",
                f"PRIORITY {priority['number']} ({priority['published_title']}) has no table: "
                "it is imported with no actions",
            )
        )
        for p, priority in enumerate(priorities)
        if not priority["actions"]
    ]


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
                file, f"{place}, {printed(heading[1])}", f"“{change}” is not a change like -10.2%"
            )
        rows.append(
            {
                "category": category,
                "percent_change": change.strip().rstrip("%"),
                "percent_change_text": change,
                "rate_position": ordinal_number(
                    rate, file=file, place=f"{place}, {printed(heading[2])}"
                ),
                "rate_position_text": rate,
                "reduction_position": ordinal_number(
                    reduction, file=file, place=f"{place}, {printed(heading[3])}"
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
