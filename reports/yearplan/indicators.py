"""A priority's indicators in the yearly-plan file: written (`indicators_export`), read and
checked (`indicators_read`: crime types by name, wards by slug within their ward set, one
target, months in order), compared (`indicator_keys`, `stored_indicator_keys`) and
applied (`indicators_apply`). A priority without "indicators" keeps its own; a list,
even empty, is the whole list."""

from decimal import Decimal

from django.utils import timezone

from indicators.models import Indicator, IndicatorValue
from stats.models import CrimeType, CrimeTypeAlias, Ward
from stats.periods import month_value, parse_month_value


def indicators_export(indicators) -> list[dict]:
    """A priority's indicators (with crime types, wards with their set, and values
    prefetched) in the file's form, in order."""
    out = []
    for indicator in sorted(indicators, key=lambda i: i.position):
        wards = sorted(indicator.wards.all(), key=lambda w: w.slug)
        out.append(
            {
                "name": indicator.name,
                "kind": indicator.kind,
                "crime_types": sorted(t.name for t in indicator.crime_types.all()),
                "ward_set": wards[0].ward_set.slug if wards else None,
                "wards": [ward.slug for ward in wards],
                "unit": indicator.unit,
                "baseline": {
                    "first_month": month_value(indicator.baseline_start),
                    "last_month": month_value(indicator.baseline_end),
                },
                "target_change": _text(indicator.target_change),
                "target_value": _text(indicator.target_value),
                "direction": indicator.direction,
                "values": [
                    {
                        "first_month": month_value(value.period_start),
                        "last_month": month_value(value.period_end),
                        "value": value.value,
                        "note": value.note,
                    }
                    for value in sorted(indicator.values.all(), key=lambda v: v.period_start)
                ],
            }
        )
    return out


def _text(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def indicators_read(fail, raw_indicators, place: str) -> list[dict] | None:
    """The file's indicators of a priority, checked, with months as dates and crime types
    and wards as the database's objects' ids. None when the file gives none."""
    if raw_indicators is None:
        return None
    crime_types = dict(CrimeType.objects.values_list("name", "pk"))
    crime_types |= dict(CrimeTypeAlias.objects.values_list("name", "crime_type_id"))
    by_lower = {name.lower(): pk for name, pk in crime_types.items()}
    names_of = dict(CrimeType.objects.values_list("pk", "name"))
    indicators = []
    for i, raw in enumerate(raw_indicators):
        here = f"{place}[{i}]"
        indicator = {
            "name": raw["name"].strip(),
            "kind": raw["kind"],
            "unit": raw.get("unit", ""),
            "direction": raw["direction"],
            "baseline_start": parse_month_value(raw["baseline"]["first_month"]),
            "baseline_end": parse_month_value(raw["baseline"]["last_month"]),
            "target_change": _decimal(raw.get("target_change")),
            "target_value": _decimal(raw.get("target_value")),
        }
        if indicator["baseline_end"] < indicator["baseline_start"]:
            fail(f"{here}.baseline.last_month", "the baseline must not end before it starts")
        if (indicator["target_change"] is None) == (indicator["target_value"] is None):
            fail(f"{here}.target_change", "give a target: target_change or target_value, not both")
        types = []
        for t, name in enumerate(raw.get("crime_types", [])):
            pk = by_lower.get(name.strip().lower())
            if pk is None:
                fail(f"{here}.crime_types[{t}]", f"“{name}” is not a police.uk crime type")
            types.append(pk)
        if indicator["kind"] == "crime" and not types:
            fail(f"{here}.crime_types", "a crime indicator counts at least one crime type")
        indicator["crime_types"] = sorted(set(types))
        indicator["crime_type_names"] = sorted({names_of[pk] for pk in types})
        indicator["wards"], indicator["ward_names"] = _wards(fail, raw, here)
        indicator["values"] = _values(fail, raw.get("values", []), here)
        if indicator["kind"] == "crime" and indicator["values"]:
            fail(f"{here}.values", "only a manual indicator has figures entered by hand")
        indicators.append(indicator)
    return indicators


def _decimal(value: str | None) -> Decimal | None:
    return None if value is None else Decimal(value)


def _wards(fail, raw, here: str) -> tuple[list[int], list[str]]:
    slugs = raw.get("wards", [])
    if not slugs:
        return [], []
    ward_set = raw.get("ward_set")
    if not ward_set:
        fail(f"{here}.ward_set", "wards are named within a ward set: give its slug")
    known = dict(Ward.objects.filter(ward_set__slug=ward_set).values_list("slug", "pk"))
    if not known:
        fail(f"{here}.ward_set", f"“{ward_set}” is not a ward set")
    ids = []
    for w, slug in enumerate(slugs):
        if slug not in known:
            fail(f"{here}.wards[{w}]", f"“{slug}” is not a ward of {ward_set}")
        ids.append(known[slug])
    return sorted(set(ids)), [f"{ward_set}/{slug}" for slug in sorted(set(slugs))]


def _values(fail, raw_values, here: str) -> list[dict]:
    values, starts = [], set()
    for v, raw in enumerate(raw_values):
        value = {
            "period_start": parse_month_value(raw["first_month"]),
            "period_end": parse_month_value(raw["last_month"]),
            "value": raw["value"],
            "note": raw.get("note", ""),
        }
        if value["period_end"] < value["period_start"]:
            fail(f"{here}.values[{v}].last_month", "a period must not end before it starts")
        if value["period_start"] in starts:
            fail(f"{here}.values[{v}].first_month", "two figures start in the same month")
        starts.add(value["period_start"])
        values.append(value)
    return values


def _key(name, kind, types, wards, unit, start, end, change, target, direction, values) -> str:
    """An indicator in one line, as a dry run shows it."""
    target_text = f"{change:+}%" if change is not None else f"{target}"
    parts = [
        kind,
        f"baseline {month_value(start)} to {month_value(end)}",
        f"target {target_text}",
        f"{direction} is better",
    ]
    if types:
        parts.append("counts " + ", ".join(types))
    if wards:
        parts.append("in " + ", ".join(wards))
    if unit:
        parts.append(unit)
    for first, last, value, note in values:
        parts.append(f"{month_value(first)} to {month_value(last)}: {value} {note}".strip())
    return f"{name} ({'; '.join(parts)})"


def indicator_keys(indicators: list[dict]) -> list[str]:
    return [
        _key(
            i["name"],
            i["kind"],
            i["crime_type_names"],
            i["ward_names"],
            i["unit"],
            i["baseline_start"],
            i["baseline_end"],
            i["target_change"],
            i["target_value"],
            i["direction"],
            [(v["period_start"], v["period_end"], v["value"], v["note"]) for v in i["values"]],
        )
        for i in indicators
    ]


def stored_indicator_keys(indicators) -> list[str]:
    """A priority's indicators (with crime types, wards with their set, and values
    prefetched) as indicator_keys."""
    keys = []
    for i in sorted(indicators, key=lambda i: i.position):
        wards = sorted(i.wards.all(), key=lambda w: w.slug)
        keys.append(
            _key(
                i.name,
                i.kind,
                sorted(t.name for t in i.crime_types.all()),
                [f"{w.ward_set.slug}/{w.slug}" for w in wards],
                i.unit,
                i.baseline_start,
                i.baseline_end,
                i.target_change,
                i.target_value,
                i.direction,
                [
                    (v.period_start, v.period_end, v.value, v.note)
                    for v in sorted(i.values.all(), key=lambda v: v.period_start)
                ],
            )
        )
    return keys


INDICATOR_PREFETCH = (
    "indicators__crime_types",
    "indicators__wards__ward_set",
    "indicators__values",
)


def indicators_apply(priority, indicators: list[dict] | None, on_change) -> None:
    """Replace the priority's indicators with the file's if they differ (None: keep them),
    each removal and addition told."""
    if indicators is None:
        return
    stored = list(
        Indicator.objects.filter(priority=priority).prefetch_related(
            "crime_types", "wards__ward_set", "values"
        )
    )
    if stored_indicator_keys(stored) == indicator_keys(indicators):
        return
    for old in stored:
        on_change("deleted", old, {})
        old.delete()
    for position, data in enumerate(indicators, start=1):
        indicator = Indicator(
            priority=priority,
            position=position,
            name=data["name"],
            kind=data["kind"],
            unit=data["unit"],
            baseline_start=data["baseline_start"],
            baseline_end=data["baseline_end"],
            target_change=data["target_change"],
            target_value=data["target_value"],
            direction=data["direction"],
        )
        indicator.full_clean(exclude=["priority"])
        indicator.save()
        indicator.crime_types.set(data["crime_types"])
        indicator.wards.set(data["wards"])
        IndicatorValue.objects.bulk_create(
            IndicatorValue(indicator=indicator, entered_at=timezone.now(), **value)
            for value in data["values"]
        )
        on_change("created", indicator, {"indicator": [None, indicator_keys([data])[0]]})
