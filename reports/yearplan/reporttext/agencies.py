"""The lead agencies a report names that the database does not know: refused, or
added as new agencies (or aliases)."""

import difflib

from actions.models import LEAD_SEPARATOR, Agency, AgencyAlias

from ..read import YearFileError


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
