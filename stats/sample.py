"""Generated sample data in police.uk's formats, for the demo and the benchmark.

Nothing here is real but the districts' names. The sample LSOA codes (E019xxxxx) are made
up and belong to no real area (real LSOA codes stop well below E01900000); their names
follow police.uk's ("Dacorum 901A", "St Albans 903B"), numbered from 900, beyond every real
LSOA number, so plainly made up. The rows outside the borough are in made-up LSOAs of the
other nine Hertfordshire districts, in volumes roughly proportional to their (generated)
populations. The counts and populations are drawn from a seeded random generator, so the
same seed always gives the same files. Everything imported from here is stored with the
source "Generated sample — not real figures" and is_sample set, and every page showing it
says so.
"""

import csv
import io
import math
import random
from collections.abc import Iterator
from datetime import date

from .csvfiles.common import STREET_COLUMNS
from .csvfiles.districtpopulations import DISTRICT_POPULATION_COLUMNS
from .csvfiles.populations import POPULATION_COLUMNS
from .models import GENERATED_SAMPLE_SOURCE, WardSet
from .periods import Period

SEED = 2011
FORCE = "Hertfordshire Constabulary"
MONTHS = Period(date(2011, 4, 1), date(2013, 3, 1))
STREET_FILE_NAME = "2011-04-to-2013-03-generated-sample-street.csv"
LOOKUP_FILE_NAME = "generated-sample-lsoa-to-ward-lookup.csv"
POPULATIONS_FILE_NAME = "generated-sample-ward-populations.csv"
DISTRICT_POPULATIONS_FILE_NAME = "generated-sample-district-populations.csv"
POPULATIONS_YEAR = 2011
# The other districts of the force's area (real names; everything about them here is made up).
OTHER_DISTRICTS = [
    "Broxbourne",
    "East Hertfordshire",
    "Hertsmere",
    "North Hertfordshire",
    "St Albans",
    "Stevenage",
    "Three Rivers",
    "Watford",
    "Welwyn Hatfield",
]
OTHER_DISTRICT_LSOAS = 6
LOOKUP_COLUMNS = ("LSOA11CD", "LSOA11NM", "WD18CD", "WD18NM", "LAD18CD", "LAD18NM")

# Mean rows a ward has in a month, by police.uk category, and when each category existed
# (police.uk added five in September 2011 and split two in May 2013).
SEPTEMBER_2011, MAY_2013 = date(2011, 9, 1), date(2013, 5, 1)
CATEGORIES = [
    # name, mean a month in an average ward, first month, last month
    ("Anti-social behaviour", 22.0, None, None),
    ("Burglary", 4.0, None, None),
    ("Robbery", 0.6, None, None),
    ("Vehicle crime", 5.0, None, None),
    ("Violent crime", 7.0, None, date(2013, 4, 1)),
    ("Violence and sexual offences", 7.5, MAY_2013, None),
    ("Criminal damage and arson", 6.0, SEPTEMBER_2011, None),
    ("Drugs", 1.5, SEPTEMBER_2011, None),
    ("Shoplifting", 3.0, SEPTEMBER_2011, None),
    ("Other theft", 6.0, SEPTEMBER_2011, None),
    ("Public disorder and weapons", 1.2, SEPTEMBER_2011, date(2013, 4, 1)),
    ("Public order", 1.0, MAY_2013, None),
    ("Possession of weapons", 0.3, MAY_2013, None),
    ("Bicycle theft", 0.8, MAY_2013, None),
    ("Theft from the person", 0.5, MAY_2013, None),
]
OUTCOMES = [
    "Investigation complete; no suspect identified",
    "Unable to prosecute suspect",
    "Under investigation",
    "Local resolution",
    "Offender given a caution",
    "Awaiting court outcome",
]


def sample_lsoas(ward_set: WardSet) -> list[tuple[str, str, str, str]]:
    """(LSOA code, LSOA name, ward code, ward name): three to five made-up LSOAs a ward,
    named as police.uk names LSOAs ("Dacorum 901A"), numbered from 901."""
    lsoas = []
    for i, ward in enumerate(ward_set.wards.order_by("name"), start=1):
        for j in range(1, 3 + i % 3 + 1):
            name = f"{ward_set.district} {900 + i}{chr(64 + j)}"
            lsoas.append((f"E019{i:02d}{j:03d}", name, ward.code, ward.name))
    return lsoas


def other_district_lsoas() -> dict[str, list[tuple[str, str]]]:
    """district -> its made-up LSOAs (code, name): six a district, "St Albans 901A" to
    "St Albans 903B", with codes E0199d001 to E0199d006."""
    return {
        district: [
            (f"E0199{d}{j:03d}", f"{district} {900 + (j + 1) // 2}{'AB'[(j + 1) % 2]}")
            for j in range(1, OTHER_DISTRICT_LSOAS + 1)
        ]
        for d, district in enumerate(OTHER_DISTRICTS, start=1)
    }


def ward_populations(ward_set: WardSet, *, seed: int = SEED) -> list[tuple[str, int]]:
    """(ward name, made-up population): 3,000 to 9,000 residents, drawn from the seed."""
    rng = random.Random(seed)
    return [(ward.name, rng.randint(3_000, 9_000)) for ward in ward_set.wards.order_by("name")]


def district_sizes(ward_set: WardSet, *, seed: int = SEED) -> dict[str, tuple[int, float]]:
    """district -> (made-up population, made-up crime rate against the borough's).

    The borough's population is its wards' made-up ones added up; each other district's is
    drawn from 80,000 to 145,000, and its crimes a resident from 0.75 to 1.35 times the
    borough's, so the comparison has districts above and below it."""
    rng = random.Random(seed + 1)
    sizes = {ward_set.district: (sum(n for _, n in ward_populations(ward_set, seed=seed)), 1.0)}
    for district in OTHER_DISTRICTS:
        sizes[district] = (rng.randint(80_000, 145_000), round(rng.uniform(0.75, 1.35), 2))
    return sizes


def lookup_csv(ward_set: WardSet) -> bytes:
    """A lookup in ONS's layout for the sample LSOAs, with a few of the other districts'."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(LOOKUP_COLUMNS)
    for code, name, ward_code, ward_name in sample_lsoas(ward_set):
        writer.writerow(
            [code, name, ward_code, ward_name, ward_set.district_code, ward_set.district]
        )
    # A few rows of the other districts, as ONS's whole-county lookup has (left out on
    # import): made-up wards, and no district code, so that none is made up.
    for district, lsoas in other_district_lsoas().items():
        for n, (code, name) in enumerate(lsoas[:2], start=1):
            writer.writerow([code, name, f"E0599{code[5:]}", f"Sample ward {n}", "", district])
    return out.getvalue().encode()


def _poisson(rng: random.Random, mean: float) -> int:
    if mean <= 0:
        return 0
    if mean > 30:
        return max(0, round(rng.gauss(mean, math.sqrt(mean))))
    limit, k, product = math.exp(-mean), 0, rng.random()
    while product > limit:
        k += 1
        product *= rng.random()
    return k


def _row(rng, month: date, lsoa_code: str, lsoa_name: str, crime_type: str) -> list[str]:
    asb = crime_type == "Anti-social behaviour"
    return [
        "" if asb else f"{rng.getrandbits(256):064x}",
        f"{month:%Y-%m}",
        FORCE,
        FORCE,
        "",
        "",
        "On or near a sample street" if lsoa_code else "No location",
        lsoa_code,
        lsoa_name,
        crime_type,
        "" if asb else rng.choice(OUTCOMES),
        "",
    ]


def street_rows(
    ward_set: WardSet, *, period: Period = MONTHS, seed: int = SEED, borough_only: bool = False
) -> Iterator[list]:
    """Rows of a police.uk street-level file for the period: each ward's month drawn at random
    around a mean for the ward and category, each other district's around a mean in
    proportion to its made-up population and crime rate (unless `borough_only`: a ninth of
    the rows, and no county comparison), and some rows without a location."""
    rng = random.Random(seed)
    lsoas = sample_lsoas(ward_set)
    by_ward: dict[str, list[tuple[str, str]]] = {}
    for code, name, ward_code, _ in lsoas:
        by_ward.setdefault(ward_code, []).append((code, name))
    weights = {ward: rng.uniform(0.4, 2.2) for ward in by_ward}
    sizes = district_sizes(ward_set, seed=seed)
    borough_population, _ = sizes[ward_set.district]
    borough_weight = sum(weights.values())
    # Each other district's share of a category's mean, against an average ward's.
    others = [
        (
            district_lsoas,
            borough_weight * sizes[district][0] / borough_population * sizes[district][1],
        )
        for district, district_lsoas in other_district_lsoas().items()
    ]
    if borough_only:
        others = []
    for month in period.months:
        season = 1 + 0.2 * math.sin((month.month - 4) / 12 * 2 * math.pi)
        for name, mean, first, last in CATEGORIES:
            if (first and month < first) or (last and month > last):
                continue
            for ward, ward_lsoas in by_ward.items():
                for _ in range(_poisson(rng, mean * weights[ward] * season)):
                    code, lsoa_name = rng.choice(ward_lsoas)
                    yield _row(rng, month, code, lsoa_name, name)
            for district_lsoas, weight in others:
                for _ in range(_poisson(rng, mean * weight * season)):
                    code, lsoa_name = rng.choice(district_lsoas)
                    yield _row(rng, month, code, lsoa_name, name)
            for _ in range(_poisson(rng, mean / 3)):
                yield _row(rng, month, "", "", name)


def street_csv(
    ward_set: WardSet, *, period: Period = MONTHS, seed: int = SEED, borough_only: bool = False
) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(STREET_COLUMNS)
    writer.writerows(street_rows(ward_set, period=period, seed=seed, borough_only=borough_only))
    return out.getvalue().encode()


def populations_csv(ward_set: WardSet, *, seed: int = SEED) -> bytes:
    """Made-up populations for every ward (3,000 to 9,000 residents, drawn from the seed),
    in the layout importwardpopulations reads, each with the source that says so."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(POPULATION_COLUMNS)
    for ward, population in ward_populations(ward_set, seed=seed):
        writer.writerow([ward, population, POPULATIONS_YEAR, GENERATED_SAMPLE_SOURCE])
    return out.getvalue().encode()


def district_populations_csv(ward_set: WardSet, *, seed: int = SEED) -> bytes:
    """Made-up populations of the borough and the other nine districts (district_sizes), in
    the layout importdistrictpopulations reads, each with the source that says so. The
    districts are named, not coded: no code is made up for a real district."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(DISTRICT_POPULATION_COLUMNS)
    for district, (population, _) in sorted(district_sizes(ward_set, seed=seed).items()):
        writer.writerow(["", district, population, POPULATIONS_YEAR, GENERATED_SAMPLE_SOURCE])
    return out.getvalue().encode()
