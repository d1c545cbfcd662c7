"""Reading a yearly-plan file: `plan_read()` parses a file, checks it against the format's
one definition, docs/yearly-plan.schema.json (with the jsonschema package), then checks
what a schema cannot say (priority numbers and snapshot dates once each, positions within
the county's districts, the year ending after it starts, lead agencies that the database
or the file knows), naming the file, the place in it and the field of the first problem
it finds, and gives a `Plan` to compare and apply (docs/yearly-plan-format.md)."""

import datetime
import difflib
import functools
import json
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError

from actions.models import LEAD_SEPARATOR, Agency, AgencyAlias

from .indicators import indicators_read

FORMAT = "csp-tracker/yearly-plan"
# The largest % change a county table's row may give (its column keeps 99,999.9).
MAX_PERCENT_CHANGE = 10_000
VERSION = 1
SCHEMA = settings.BASE_DIR / "docs" / "yearly-plan.schema.json"


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
    # What a person should look at before importing (a report's priority with no table).
    warnings: list[str] = field(default_factory=list)


def _suggest(name: str, known) -> str:
    close = difflib.get_close_matches(name, list(known), n=1, cutoff=0.6)
    return f" Did you mean “{close[0]}”?" if close else ""


@functools.cache
def schema_validator() -> Draft202012Validator:
    """The format's JSON Schema, checked itself, with its formats (dates) checked too."""
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


# JSON Schema's types as a message names them.
TYPE_NAMES = {
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "array": "a list",
    "object": "an object",
    "null": "null",
}


def _place(path) -> str:
    """A place in the file as people read it: priorities[2].actions[4].lead."""
    place = ""
    for part in path:
        place += f"[{part}]" if isinstance(part, int) else (f".{part}" if place else part)
    return place


def schema_problem(error: ValidationError) -> tuple[str, str]:
    """A schema's complaint as (place, message): the field named, in the words of the site."""
    path, value, rule = list(error.absolute_path), error.instance, error.validator
    if rule == "required":
        missing = next(name for name in error.validator_value if name not in value)
        return _place([*path, missing]), f"the field “{missing}” is missing"
    if rule == "additionalProperties":
        allowed = error.schema.get("properties", {})
        extra = next(name for name in value if name not in allowed)
        return _place([*path, extra]), f"“{extra}” is not a field here.{_suggest(extra, allowed)}"
    name = path[-1] if path and isinstance(path[-1], str) else ""
    where = _place(path)
    if rule == "type":
        kinds = error.validator_value
        if not isinstance(kinds, list):
            kinds = [kinds]
        expected = " or ".join(TYPE_NAMES[kind] for kind in kinds)
        return where, f"should be {expected}, not {json.dumps(value)[:60]}"
    if rule == "const" and name == "version":
        return where, f"this software reads version {VERSION}, not {json.dumps(value)}"
    if rule == "const":
        return where, f"should be “{error.validator_value}”, not “{value}”"
    if rule == "format":
        return where, f"“{value}” is not a date as YYYY-MM-DD"
    if rule in ("minLength", "pattern") and not value.strip():
        return where, f"“{name}” is empty" if name else "an empty name"
    if rule == "pattern" and name == "label":
        return where, f"“{value}” is not a year label like 2011/12"
    if rule == "pattern" and name == "percent_change":
        return where, f"“{value}” is not a number with at most one decimal place, e.g. “-10.2”"
    if rule == "maxLength":
        return where, f"is {len(value):,} characters long: at most {error.validator_value:,}"
    if rule == "maximum":
        return where, f"{value} is more than {error.validator_value:,}"
    if rule == "enum" and name == "progress_status":
        statuses = [status for status in error.validator_value if status]
        return where, (
            f"“{value}” is not a progress status: use one of {', '.join(sorted(statuses))}, "
            f"or leave it empty{_suggest(str(value), statuses)}"
        )
    if rule == "minimum" and name == "number":
        return where, "priority numbers start at 1"
    if rule == "minimum":
        return where, f"should be at least {error.validator_value}, not {value}"
    return where, error.message


def plan_read(content: bytes | str, *, file: str) -> Plan:
    """Parse and check a yearly-plan file. Raises YearFileError naming the first problem."""
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
    except RecursionError:
        raise YearFileError(
            file, "", "its lists and objects are nested far deeper than a yearly-plan file's"
        ) from None
    problem = next(schema_validator().iter_errors(data), None)  # the first, in schema order
    if problem is not None:
        raise YearFileError(file, *schema_problem(problem))

    def fail(place: str, message: str):
        raise YearFileError(file, place, message)

    year = dict(data["year"])
    year.setdefault("is_sample", False)
    year["starts_on"] = datetime.date.fromisoformat(year["starts_on"])
    year["ends_on"] = datetime.date.fromisoformat(year["ends_on"])
    if year["ends_on"] <= year["starts_on"]:
        fail("year.ends_on", "the year must end after it starts")

    agencies = _read_agencies(fail, data.get("agencies", []))
    names = _agency_names(agencies)
    short_names = _agency_short_names(agencies)
    priorities = []
    numbers = {}
    for p, raw in enumerate(data["priorities"]):
        place = f"priorities[{p}]"
        priority = dict(raw)
        if priority["number"] in numbers:
            fail(
                f"{place}.number",
                f"two priorities have the number {priority['number']} "
                f"(priorities[{numbers[priority['number']]}] too)",
            )
        numbers[priority["number"]] = p
        priority["actions"] = [
            _read_action(fail, raw_action, f"{place}.actions[{a}]", names, short_names)
            for a, raw_action in enumerate(priority["actions"])
        ]
        priority["indicators"] = indicators_read(
            fail, priority.get("indicators"), f"{place}.indicators"
        )
        priorities.append(priority)

    statistics = []
    dates = set()
    for s, raw in enumerate(data.get("statistics", [])):
        place = f"statistics[{s}]"
        snapshot = dict(raw)
        snapshot.setdefault("commentary", "")
        snapshot["accurate_at"] = datetime.date.fromisoformat(snapshot["accurate_at"])
        if snapshot["accurate_at"] in dates:
            fail(f"{place}.accurate_at", "two snapshots are accurate at the same date")
        dates.add(snapshot["accurate_at"])
        rows, categories = [], set()
        for r, raw_row in enumerate(snapshot["rows"]):
            row = dict(raw_row)
            row["percent_change"] = Decimal(row["percent_change"])
            if row["category"] in categories:
                fail(f"{place}.rows[{r}].category", f"“{row['category']}” appears twice")
            categories.add(row["category"])
            for name in ("rate_position", "reduction_position"):
                if not 1 <= row[name] <= snapshot["districts"]:
                    fail(
                        f"{place}.rows[{r}].{name}",
                        f"{row[name]} is not a position from 1 to {snapshot['districts']}",
                    )
            if not -100 <= row["percent_change"] <= MAX_PERCENT_CHANGE:
                fail(
                    f"{place}.rows[{r}].percent_change",
                    f"a change is from -100% to {MAX_PERCENT_CHANGE:,}%, "
                    f"not {row['percent_change']}%",
                )
            rows.append(row)
        snapshot["rows"] = rows
        statistics.append(snapshot)
    return Plan(
        file=file, year=year, agencies=agencies, priorities=priorities, statistics=statistics
    )


def _read_agencies(fail, raw_agencies) -> list[dict]:
    agencies, seen = [], {}
    for a, raw in enumerate(raw_agencies):
        place = f"agencies[{a}]"
        agency = dict(raw)
        agency.setdefault("name", agency["short_name"])
        agency.setdefault("part_of", None)
        agency["aliases"] = list(agency.get("aliases", []))
        if agency["short_name"] in seen:
            fail(f"{place}.short_name", f"“{agency['short_name']}” is listed twice")
        seen[agency["short_name"]] = a
        agencies.append(agency)
    known = _agency_names(agencies)
    for a, agency in enumerate(agencies):
        if agency["part_of"] and agency["part_of"].lower() not in known:
            fail(
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


def _agency_short_names(file_agencies: list[dict]) -> dict[str, str]:
    """Every name an agency may be given by, lower-cased, to its short name: the
    database's short names and aliases, and the file's."""
    short = {name.lower(): name for name in Agency.objects.values_list("short_name", flat=True)}
    short |= {
        name.lower(): agency
        for name, agency in AgencyAlias.objects.values_list("name", "agency__short_name")
    }
    for agency in file_agencies:
        for name in [agency["short_name"], *agency["aliases"]]:
            short[name.lower()] = agency["short_name"]
    return short


def _read_milestones(fail, raw_milestones, place: str, short_names: dict[str, str]) -> list:
    """An action's milestones with their dates as dates and their agencies by short name."""
    milestones = []
    for m, raw in enumerate(raw_milestones):
        milestone = {
            "title": raw["title"].strip(),
            "due": datetime.date.fromisoformat(raw["due"]),
            "done": datetime.date.fromisoformat(raw["done"]) if raw.get("done") else None,
            "agency": None,
        }
        if raw.get("agency"):
            agency = short_names.get(raw["agency"].strip().lower())
            if agency is None:
                fail(
                    f"{place}[{m}].agency",
                    f"“{raw['agency']}” is not a known agency."
                    + _suggest(raw["agency"], short_names.values())
                    + " (Add it under “agencies” if it is new.)",
                )
            milestone["agency"] = agency
        milestones.append(milestone)
    return milestones


def _read_action(fail, raw, place: str, names: dict[str, str], short_names: dict) -> dict:
    action = dict(raw)
    # No "milestones" (a file written before them, or read from a report's text): the
    # action's milestones stay as they are. A list, even empty, is the whole list.
    if "milestones" in action:
        action["milestones"] = _read_milestones(
            fail, action["milestones"], f"{place}.milestones", short_names
        )
    else:
        action["milestones"] = None
    action.setdefault("update", "")
    action.setdefault("progress_status", "")
    action.setdefault("linked_work", None)
    action.setdefault("continues", None)
    written = [name.strip() for name in action["lead"].split(LEAD_SEPARATOR)]
    for name in written:
        if not name:
            fail(f"{place}.lead", "lead agencies are names separated by “/”, none empty")
        if name.lower() not in names:
            fail(
                f"{place}.lead",
                f"“{name}” is not a known lead agency.{_suggest(name, names.values())} "
                "(Add it under “agencies” if it is new.)",
            )
    return action
