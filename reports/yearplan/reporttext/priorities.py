"""The priorities of a report, each with its table of actions: `PRIORITY n`, its title,
the tab-separated rows; and what a person should look at (a title naming another year,
a priority with no table)."""

import re

from ..read import YearFileError

HEADER = ["ACTION", "LEAD AGENCY", "TARGET", "TIMESCALE", "UPDATE"]
STATS_HEADING = "Crime Stats"


def sentence_case(text: str) -> str:
    """TITLE IN CAPITALS → Title in capitals (the first letter, not the first character)."""
    lower = text.lower()
    match = re.search(r"[a-z]", lower)
    return (
        lower
        if not match
        else lower[: match.start()] + lower[match.start()].upper() + lower[match.start() + 1 :]
    )


# `PRIORITY 3`; a line that starts like a heading but has no number, or more than it.
PRIORITY_HEADING = re.compile(r"PRIORITY\s*(\d+)", re.I)
PRIORITY_LIKE = re.compile(r"PRIORITY(\s*[\s:#.-]\s*\S*)?\s*|PRIORITY\s*\d+\b.*", re.I)


def read_priorities(lines: list[str], *, file: str) -> tuple[list[dict], dict, int | None]:
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


def title_warnings(title: str, line: int, *, file: str, label: str) -> list[str]:
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


def priority_warnings(priorities: list[dict], places: dict, *, file: str) -> list[str]:
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


def link_the_same_work(priorities: list[dict]):
    """Rows with the same action text under different priorities are one piece of work."""
    seen: dict[str, set[int]] = {}
    for priority in priorities:
        for row in priority["actions"]:
            seen.setdefault(row["action"], set()).add(priority["number"])
    for priority in priorities:
        for row in priority["actions"]:
            if len(seen[row["action"]]) > 1:
                row["linked_work"] = row["action"]
