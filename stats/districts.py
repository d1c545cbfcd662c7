"""Each month's crimes by district, from the counts kept by LSOA.

police.uk names each LSOA after its district ("St Albans 012B"): the district is the name
before the number. An import stores every district's monthly counts by crime type
(DistrictCrimeCount) beside its LSOA counts, creating the districts it meets first.
"""

from collections import defaultdict
from collections.abc import Iterable

from django.utils.text import slugify

from .csvfiles import normalise
from .csvfiles.street import LSOA_NAME_RE
from .models import District, DistrictCrimeCount, PoliceMonth


def district_name(lsoa_name: str) -> str | None:
    """The district police.uk's name of an LSOA puts it in ("St Albans 012B": St Albans),
    or None if the name does not say."""
    match = LSOA_NAME_RE.fullmatch(lsoa_name.strip())
    return " ".join(match[1].split()) if match else None


def districts_get_or_create(names: Iterable[str]) -> dict[str, int]:
    """normalised district name -> its id, for these names, creating those not known yet."""
    known = {normalise(district.name): district.pk for district in District.objects.all()}
    new = {}
    for name in names:
        key = normalise(name)
        if key not in known and key not in new:
            new[key] = District(name=name, slug=_free_slug(name, {d.slug for d in new.values()}))
    for key, district in new.items():
        district.save()
        known[key] = district.pk
    return known


def _free_slug(name: str, taken: set[str]) -> str:
    base = slugify(name) or "district"
    slug, n = base, 2
    while slug in taken or District.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def rows_without_district(lsoa_counts: dict, lsoa_names: dict[str, str]) -> dict:
    """(month, force) -> how many rows are in an LSOA whose name names no district."""
    without: defaultdict = defaultdict(int)
    for (month, force, code, _), n in lsoa_counts.items():
        if district_name(lsoa_names.get(code, "")) is None:
            without[(month, force)] += n
    return without


def district_counts_store(
    *, police_months: list[PoliceMonth], counts: Iterable[tuple[int, str, str, int, int]]
) -> None:
    """Store each month's counts by district and crime type, from its LSOA counts
    ((police month id, LSOA code, LSOA name, crime type id, count)). The caller holds the
    transaction."""
    by_district: defaultdict = defaultdict(int)
    names = {}
    for source, _, lsoa_name, crime_type, n in counts:
        name = district_name(lsoa_name)
        if name is None:
            continue
        names.setdefault(normalise(name), name)
        by_district[(source, normalise(name), crime_type)] += n
    ids = districts_get_or_create(names.values())
    DistrictCrimeCount.objects.bulk_create(
        (
            DistrictCrimeCount(
                source_id=source, district_id=ids[key], crime_type_id=crime_type, count=n
            )
            for (source, key, crime_type), n in by_district.items()
        ),
        batch_size=5000,
    )
