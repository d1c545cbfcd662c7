"""Reading a yearly-plan file: `plan_read()` parses and checks one against the format
(docs/yearly-plan-format.md) and the database, naming the file, the place in it and the
field of the first problem it finds, and gives a `Plan` to compare and apply."""

import datetime
import difflib
import json
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from actions.models import LEAD_SEPARATOR, Agency, AgencyAlias, ProgressStatus

FORMAT = "csp-tracker/yearly-plan"
VERSION = 1

# Each object's fields: name -> (type, required). Types: str, int, bool, date, decimal,
# list, dict, or None for "str or null".
YEAR_FIELDS = {
    "label": (str, True),
    "starts_on": ("date", True),
    "ends_on": ("date", True),
    "report_title": (str, True),
    "partnership": (str, True),
    "source": (str, True),
    "is_sample": (bool, False),
}
AGENCY_FIELDS = {
    "short_name": (str, True),
    "name": (str, False),
    "part_of": ("str_or_null", False),
    "aliases": (list, False),
}
PRIORITY_FIELDS = {
    "number": (int, True),
    "title": (str, True),
    "published_title": (str, True),
    "actions": (list, True),
}
ACTION_FIELDS = {
    "action": (str, True),
    "lead": (str, True),
    "target": (str, True),
    "timescale": (str, True),
    "update": (str, False),
    "progress_status": (str, False),
    "linked_work": ("str_or_null", False),
    "continues": ("dict_or_null", False),
}
CONTINUES_FIELDS = {"year": (str, True), "priority": (int, True), "position": (int, True)}
SNAPSHOT_FIELDS = {
    "title": (str, True),
    "area": (str, True),
    "area_heading": (str, True),
    "county": (str, True),
    "districts": (int, True),
    "accurate_at": ("date", True),
    "accurate_at_text": (str, True),
    "rate_heading": (str, True),
    "reduction_heading": (str, True),
    "commentary": (str, False),
    "source": (str, True),
    "rows": (list, True),
}
ROW_FIELDS = {
    "category": (str, True),
    "percent_change": ("decimal", True),
    "percent_change_text": (str, True),
    "rate_position": (int, True),
    "rate_position_text": (str, True),
    "reduction_position": (int, True),
    "reduction_position_text": (str, True),
}
TOP_FIELDS = {
    "format": (str, True),
    "version": (int, True),
    "year": (dict, True),
    "agencies": (list, False),
    "priorities": (list, True),
    "statistics": (list, False),
}
STATUSES = {value for value, _ in ProgressStatus.choices} | {""}


class YearFileError(Exception):
    """A problem with a yearly-plan file: which file, where in it, and what is wrong."""

    def __init__(self, file: str, place: str, message: str):
        self.file, self.place, self.message = file, place, message
        super().__init__(f"{file}: {place}: {message}" if place else f"{file}: {message}")


@dataclass
class Plan:
    """A checked yearly-plan file: plain values, ready to compare and apply."""

    file: str
    year: dict
    agencies: list[dict]
    priorities: list[dict]
    statistics: list[dict] = field(default_factory=list)


def _suggest(name: str, known) -> str:
    close = difflib.get_close_matches(name, list(known), n=1, cutoff=0.6)
    return f" Did you mean “{close[0]}”?" if close else ""


def _is_type(value, kind) -> bool:
    if kind is str:
        return isinstance(value, str)
    if kind is int:
        return isinstance(value, int) and not isinstance(value, bool)
    if kind is bool:
        return isinstance(value, bool)
    if kind is list:
        return isinstance(value, list)
    if kind is dict:
        return isinstance(value, dict)
    if kind == "str_or_null":
        return value is None or isinstance(value, str)
    if kind == "dict_or_null":
        return value is None or isinstance(value, dict)
    if kind in ("date", "decimal"):
        return isinstance(value, str)
    raise AssertionError(kind)


TYPE_NAMES = {
    str: "text",
    int: "a whole number",
    bool: "true or false",
    list: "a list",
    dict: "an object",
    "str_or_null": "text or null",
    "dict_or_null": "an object or null",
    "date": "a date as YYYY-MM-DD",
    "decimal": 'a number as text, e.g. "-10.2"',
}


class _Reader:
    """Walks a decoded file, checking each object against its fields."""

    def __init__(self, file: str):
        self.file = file

    def fail(self, place: str, message: str):
        raise YearFileError(self.file, place, message)

    def fields(self, obj, spec: dict, place: str) -> dict:
        if not isinstance(obj, dict):
            self.fail(place, f"should be an object, not {type(obj).__name__}")
        for name in obj:
            if name not in spec:
                self.fail(
                    f"{place}.{name}" if place else name,
                    f"“{name}” is not a field here.{_suggest(name, spec)}",
                )
        values = {}
        for name, (kind, required) in spec.items():
            where = f"{place}.{name}" if place else name
            if name not in obj:
                if required:
                    self.fail(where, f"the field “{name}” is missing")
                continue
            value = obj[name]
            if not _is_type(value, kind):
                self.fail(where, f"should be {TYPE_NAMES[kind]}, not {json.dumps(value)[:60]}")
            if kind == "date":
                try:
                    value = datetime.date.fromisoformat(value)
                except ValueError:
                    self.fail(where, f"“{value}” is not a date as YYYY-MM-DD")
            if kind == "decimal":
                try:
                    value = Decimal(value)
                except InvalidOperation:
                    self.fail(where, f"“{value}” is not a number")
            if kind is str and required and not value.strip() and name != "update":
                self.fail(where, f"“{name}” is empty")
            values[name] = value
        return values


def plan_read(content: bytes | str, *, file: str) -> Plan:
    """Parse and check a yearly-plan file. Raises YearFileError naming the first problem."""
    reader = _Reader(file)
    if isinstance(content, bytes):
        try:
            content = content.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise YearFileError(file, "", f"is not UTF-8 text (byte {error.start})") from None
    try:
        data = json.loads(content)
    except json.JSONDecodeError as error:
        raise YearFileError(
            file, f"line {error.lineno}, column {error.colno}", f"not valid JSON: {error.msg}"
        ) from None
    top = reader.fields(data, TOP_FIELDS, "")
    if top["format"] != FORMAT:
        reader.fail("format", f"should be “{FORMAT}”, not “{top['format']}”")
    if top["version"] != VERSION:
        reader.fail("version", f"this software reads version {VERSION}, not {top['version']}")

    year = reader.fields(top["year"], YEAR_FIELDS, "year")
    year.setdefault("is_sample", False)
    if not re.fullmatch(r"\d{4}/\d{2}", year["label"]):
        reader.fail("year.label", f"“{year['label']}” is not a year label like 2011/12")
    if year["ends_on"] <= year["starts_on"]:
        reader.fail("year.ends_on", "the year must end after it starts")

    agencies = _read_agencies(reader, top.get("agencies", []))
    names = _agency_names(agencies)
    priorities = []
    numbers = {}
    for p, raw in enumerate(top["priorities"]):
        place = f"priorities[{p}]"
        priority = reader.fields(raw, PRIORITY_FIELDS, place)
        if priority["number"] < 1:
            reader.fail(f"{place}.number", "priority numbers start at 1")
        if priority["number"] in numbers:
            reader.fail(
                f"{place}.number",
                f"two priorities have the number {priority['number']} "
                f"(priorities[{numbers[priority['number']]}] too)",
            )
        numbers[priority["number"]] = p
        priority["actions"] = [
            _read_action(reader, raw_action, f"{place}.actions[{a}]", names)
            for a, raw_action in enumerate(priority["actions"])
        ]
        priorities.append(priority)

    statistics = []
    dates = set()
    for s, raw in enumerate(top.get("statistics", [])):
        place = f"statistics[{s}]"
        snapshot = reader.fields(raw, SNAPSHOT_FIELDS, place)
        snapshot.setdefault("commentary", "")
        if snapshot["accurate_at"] in dates:
            reader.fail(f"{place}.accurate_at", "two snapshots are accurate at the same date")
        dates.add(snapshot["accurate_at"])
        rows, categories = [], set()
        for r, raw_row in enumerate(snapshot["rows"]):
            row = reader.fields(raw_row, ROW_FIELDS, f"{place}.rows[{r}]")
            if row["category"] in categories:
                reader.fail(f"{place}.rows[{r}].category", f"“{row['category']}” appears twice")
            categories.add(row["category"])
            for name in ("rate_position", "reduction_position"):
                if not 1 <= row[name] <= snapshot["districts"]:
                    reader.fail(
                        f"{place}.rows[{r}].{name}",
                        f"{row[name]} is not a position from 1 to {snapshot['districts']}",
                    )
            if row["percent_change"] < -100:
                reader.fail(f"{place}.rows[{r}].percent_change", "a change cannot pass -100%")
            rows.append(row)
        snapshot["rows"] = rows
        statistics.append(snapshot)
    return Plan(
        file=file, year=year, agencies=agencies, priorities=priorities, statistics=statistics
    )


def _read_agencies(reader: _Reader, raw_agencies) -> list[dict]:
    agencies, seen = [], {}
    for a, raw in enumerate(raw_agencies):
        place = f"agencies[{a}]"
        agency = reader.fields(raw, AGENCY_FIELDS, place)
        agency.setdefault("name", agency["short_name"])
        agency.setdefault("part_of", None)
        agency["aliases"] = list(agency.get("aliases", []))
        if not all(isinstance(alias, str) and alias.strip() for alias in agency["aliases"]):
            reader.fail(f"{place}.aliases", "aliases are a list of names")
        if agency["short_name"] in seen:
            reader.fail(f"{place}.short_name", f"“{agency['short_name']}” is listed twice")
        seen[agency["short_name"]] = a
        agencies.append(agency)
    known = _agency_names(agencies)
    for a, agency in enumerate(agencies):
        if agency["part_of"] and agency["part_of"].lower() not in known:
            reader.fail(
                f"agencies[{a}].part_of",
                f"“{agency['part_of']}” is not a known agency."
                + _suggest(agency["part_of"], known.values()),
            )
    return agencies


def _agency_names(file_agencies: list[dict]) -> dict[str, str]:
    """Every name a lead may use, lower-cased, to the name as written: the database's
    short names and aliases, and the file's."""
    names = {name.lower(): name for name in Agency.objects.values_list("short_name", flat=True)}
    names |= {name.lower(): name for name in AgencyAlias.objects.values_list("name", flat=True)}
    for agency in file_agencies:
        for name in [agency["short_name"], *agency["aliases"]]:
            names[name.lower()] = name
    return names


def _read_action(reader: _Reader, raw, place: str, names: dict[str, str]) -> dict:
    action = reader.fields(raw, ACTION_FIELDS, place)
    action.setdefault("update", "")
    action.setdefault("progress_status", "")
    action.setdefault("linked_work", None)
    action.setdefault("continues", None)
    if action["progress_status"] not in STATUSES:
        reader.fail(
            f"{place}.progress_status",
            f"“{action['progress_status']}” is not a progress status: use one of "
            f"{', '.join(sorted(STATUSES - {''}))}, or leave it empty"
            f"{_suggest(action['progress_status'], STATUSES)}",
        )
    written = [name.strip() for name in action["lead"].split(LEAD_SEPARATOR)]
    for name in written:
        if not name:
            reader.fail(f"{place}.lead", "lead agencies are names separated by “/”, none empty")
        if name.lower() not in names:
            reader.fail(
                f"{place}.lead",
                f"“{name}” is not a known lead agency.{_suggest(name, names.values())} "
                "(Add it under “agencies” if it is new.)",
            )
    if action["continues"] is not None:
        action["continues"] = reader.fields(
            action["continues"], CONTINUES_FIELDS, f"{place}.continues"
        )
    return action
