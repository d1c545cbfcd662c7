"""The report's crime table, under its `Crime Stats` heading, as a yearly-plan snapshot."""

import datetime
import re

from ..read import YearFileError


def ordinal_number(text: str, *, file: str, place: str) -> int:
    match = re.fullmatch(r"\s*(\d+)\s*(st|nd|rd|th)\s*", text)
    if not match:
        raise YearFileError(file, place, f"“{text}” is not a position like 5th")
    return int(match.group(1))


def printed(heading: str) -> str:
    return f"column “{heading.strip()}”"


def _stats_heading(lines: list[str], start: int) -> tuple[int, list[str]]:
    for n in range(start + 1, len(lines)):
        if lines[n].startswith("Accurate at"):
            return n, lines[n].split("\t")
    return -1, []


def accurate_phrase(lines, stats_line) -> str:
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
