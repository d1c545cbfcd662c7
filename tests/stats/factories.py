"""Files and figures built in code for the ward tests. None of it is real.

LSOA codes here are made up (E0190xxxx, beyond any real LSOA code) and belong to no area.
"""

import csv
import io
from datetime import date

from django.core.management import call_command

from stats.csvfiles.common import OLD_STREET_COLUMNS, STREET_COLUMNS
from stats.models import (
    CrimeType,
    ImportedMonth,
    Ward,
    WardCrimeCount,
    WardImport,
    WardSet,
)
from stats.periods import Period
from stats.placing import ward_set_counts_store
from tests.conftest import ROOT

HERTS = "Hertfordshire Constabulary"
# Two made-up LSOAs in each of two wards, and one outside the borough.
LSOAS = {
    "E01900011": "adeyfield-east",
    "E01900012": "adeyfield-east",
    "E01900021": "boxmoor",
    "E01900022": "boxmoor",
}
OUTSIDE_LSOA = "E01999001"
WARDS_FIXTURE = ROOT / "fixtures" / "dacorum-wards-2007.json"
CRIME_TYPES_FIXTURE = ROOT / "fixtures" / "police-uk-crime-types.json"


def wards_load() -> WardSet:
    """Dacorum's 25 wards of 2007 and police.uk's crime types, from fixtures/.

    Through Django's loaddata: the same rows as `loadstatsfixture` adds to an empty
    database, without the validation queries its service runs for every object (a third of
    a second a test, on hundreds of tests). The service itself is tested in
    test_loadstatsfixture.py."""
    call_command("loaddata", str(WARDS_FIXTURE), str(CRIME_TYPES_FIXTURE), verbosity=0)
    return WardSet.objects.get(slug="dacorum-2007")


def csv_bytes(header, rows, *, line_end="\n", bom=False) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator=line_end)
    if header is not None:
        writer.writerow(header)
    writer.writerows(rows)
    data = out.getvalue().encode()
    return (b"\xef\xbb\xbf" + data) if bom else data


def street_row(
    *,
    month="2012-04",
    lsoa="E01900011",
    crime_type="Burglary",
    force=HERTS,
    crime_id="abc123",
    lsoa_name=None,
):
    """One row of a police.uk street-level file, in its current layout."""
    asb = crime_type == "Anti-social behaviour"
    return [
        "" if asb else crime_id,
        month,
        force,
        force,
        "-0.47",
        "51.75",
        "On or near a test street",
        lsoa,
        lsoa_name if lsoa_name is not None else (f"Test LSOA {lsoa}" if lsoa else ""),
        crime_type,
        "" if asb else "Under investigation",
        "",
    ]


def street_file(rows, **options) -> bytes:
    return csv_bytes(STREET_COLUMNS, rows, **options)


def old_street_file(rows) -> bytes:
    return csv_bytes(OLD_STREET_COLUMNS, rows)


def old_street_row(*, month="2011-01", crime_type="Burglary", force=HERTS):
    return [month, force, force, "505000", "207000", "On or near a test street", crime_type, ""]


def lookup_file(ward_set: WardSet, lsoas=LSOAS, *, other_district_rows=1) -> bytes:
    """An ONS-layout lookup (LSOA11CD, …, LAD18NM) for the given LSOAs and ward slugs."""
    wards = {ward.slug: ward for ward in ward_set.wards.all()}
    rows = [
        [
            code,
            f"Test LSOA {code}",
            wards[slug].code,
            wards[slug].name,
            ward_set.district_code,
            ward_set.district,
        ]
        for code, slug in lsoas.items()
    ]
    rows += [
        [f"E01999{n:03d}", "Elsewhere", f"E05999{n:03d}", "Elsewhere", "E07999999", "Elsewhere"]
        for n in range(1, other_district_rows + 1)
    ]
    return csv_bytes(("LSOA11CD", "LSOA11NM", "WD18CD", "WD18NM", "LAD18CD", "LAD18NM"), rows)


def figures_make(
    ward_set: WardSet, *, period: Period, force: str = HERTS, is_sample=True, base: int = 1
) -> WardImport:
    """An import of made-up counts straight into the tables: each ward, type and month."""
    ward_import = WardImport.objects.create(
        ward_set=ward_set,
        kind=WardImport.Kind.STREET,
        status=WardImport.Status.DONE,
        file_name=f"test-{force}-{period.short_label}.csv",
        source="Generated in a test; not real figures",
        is_sample=is_sample,
        first_month=period.start,
        last_month=period.end,
    )
    months = ImportedMonth.objects.bulk_create(
        ImportedMonth(
            ward_set=ward_set, ward_import=ward_import, month=month, reported_by=force, rows_read=1
        )
        for month in period.months
    )
    wards = list(Ward.objects.filter(ward_set=ward_set))
    crime_types = list(CrimeType.objects.all())
    WardCrimeCount.objects.bulk_create(
        WardCrimeCount(source=month, ward=ward, crime_type=crime_type, count=base + (i + j + k) % 7)
        for i, month in enumerate(months)
        for j, ward in enumerate(wards)
        for k, crime_type in enumerate(crime_types)
    )
    ward_set_counts_store(months=months)
    return ward_import


def wards_multiply(ward_set: WardSet, *, factor: int = 10) -> None:
    """Add made-up wards until the set has `factor` times as many."""
    count = ward_set.wards.count()
    Ward.objects.bulk_create(
        Ward(ward_set=ward_set, name=f"Generated ward {n}", slug=f"generated-ward-{n}")
        for n in range(count * (factor - 1))
    )


TWO_YEARS = Period(date(2011, 4, 1), date(2013, 3, 1))
