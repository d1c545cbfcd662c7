"""Benchmark: importing police.uk street-level rows against a plain bulk insert of them.

    DEBUG=true .venv/bin/python bench/importbench.py [--rows N] [--profile]
    DATABASE_URL=postgres://user:pw@127.0.0.1:5432/scratch DEBUG=true .venv/bin/python ...

Generates N rows (default 1,000,000) of a police.uk street-level file with
stats/sample.py's made-up LSOAs (deterministic, seeded; not real figures), writes them to
a temporary file, then in the same database and the same run:

With --force the file is a whole force's (ten districts, a year of 100,000 rows a month by
default), and it then times the county comparison page worked out from it.

1. imports the file as the site does (`importpolicecrimes`' code path: read and check
   every row, place it in a ward, count by ward, crime type and month, store the counts
   in one transaction), and
2. inserts the same rows, as they are, into a plain table with executemany (the file read
   with csv.reader; and, separately, from rows already in memory),

and prints rows per second for each. Without DATABASE_URL it uses a new SQLite file in a
temporary folder; with it, a scratch database it may create tables in (it migrates it, and
removes what it added when it ends). Prints figures; it is not a test.
"""

import argparse
import cProfile
import csv
import io
import os
import pstats
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "csp_tracker.settings")
os.environ.setdefault("DEBUG", "true")
TMP = Path(tempfile.mkdtemp(prefix="csp-bench-"))
os.environ.setdefault("DATABASE_URL", f"sqlite:///{TMP / 'bench.sqlite3'}")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402

from stats import sample, services  # noqa: E402
from stats.csvfiles.common import STREET_COLUMNS  # noqa: E402
from stats.models import GENERATED_SAMPLE_SOURCE, WardImport, WardLookup, WardSet  # noqa: E402

TABLE = "bench_street_row"
CURRENT_TYPES = [
    "Anti-social behaviour",
    "Bicycle theft",
    "Burglary",
    "Criminal damage and arson",
    "Drugs",
    "Other theft",
    "Possession of weapons",
    "Public order",
    "Robbery",
    "Shoplifting",
    "Theft from the person",
    "Vehicle crime",
    "Violence and sexual offences",
    "Other crime",
]


def generate(
    path: Path, rows: int, ward_set: WardSet, seed: int = 1, *, force: bool = False
) -> None:
    """N rows over twelve months: 96% in the borough's (made-up) LSOAs, 3% outside, 1% with
    no location; with `force`, 10% in the borough and 89% in nine other districts."""
    rng = random.Random(seed)
    inside = [(code, name) for code, name, *_ in sample.sample_lsoas(ward_set)]
    outside = [(f"E01999{n:03d}", f"Sample LSOA 99{n}") for n in range(1, 6)]
    share_outside = 0.03
    if force:
        # A made-up force: the sample's nine other districts of 70 LSOAs each, named as
        # police.uk names LSOAs ("Watford 901A"), with made-up codes.
        outside = [
            (f"E0198{d}{n:03d}", f"{district} 9{n:02d}A")
            for d, district in enumerate(sample.OTHER_DISTRICTS)
            for n in range(70)
        ]
        share_outside = 0.89
    months = [f"2019-{m:02d}" for m in range(1, 13)]
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(STREET_COLUMNS)
        for _ in range(rows):
            roll = rng.random()
            code, name = rng.choice(outside if roll < share_outside else inside)
            if roll > 0.99:
                code = name = ""
            crime_type = rng.choice(CURRENT_TYPES)
            asb = crime_type == "Anti-social behaviour"
            writer.writerow(
                [
                    "" if asb else f"{rng.getrandbits(256):064x}",
                    rng.choice(months),
                    sample.FORCE,
                    sample.FORCE,
                    "",
                    "",
                    "On or near a sample street",
                    code,
                    name,
                    crime_type,
                    "" if asb else "Under investigation",
                    "",
                ]
            )


def prepare() -> WardSet:
    call_command("migrate", verbosity=0)
    services.fixture_load_missing(path=ROOT / "fixtures" / "dacorum-wards-2007.json")
    services.fixture_load_missing(path=ROOT / "fixtures" / "police-uk-crime-types.json")
    ward_set = WardSet.objects.get(slug="dacorum-2007")
    if not ward_set.lookups.exists():
        services.ward_lookup_import(
            ward_set=ward_set,
            data=sample.lookup_csv(ward_set),
            file_name="bench-" + sample.LOOKUP_FILE_NAME,
            source=GENERATED_SAMPLE_SOURCE,
            is_sample=True,
        )
    return ward_set


def import_the_site_way(path: Path, ward_set: WardSet, profile: bool) -> tuple[float, WardImport]:
    start = time.perf_counter()
    data = path.read_bytes()
    ward_import = services.ward_import_create(
        ward_set=ward_set,
        kind=WardImport.Kind.STREET,
        file_name=path.name,
        data=data,
        source=GENERATED_SAMPLE_SOURCE,
        is_sample=True,
        keep_content=False,
    )
    profiler = cProfile.Profile() if profile else None
    if profiler:
        profiler.enable()
    ward_import = services.ward_import_run(ward_import_id=ward_import.pk, data=data)
    if profiler:
        profiler.disable()
    elapsed = time.perf_counter() - start
    if profiler:
        stream = io.StringIO()
        pstats.Stats(profiler, stream=stream).sort_stats("cumulative").print_stats(15)
        print(stream.getvalue())
    return elapsed, ward_import


def create_table() -> None:
    columns = ", ".join(f"c{i} varchar(255)" for i in range(len(STREET_COLUMNS)))
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {TABLE}")
        cursor.execute(f"CREATE TABLE {TABLE} ({columns})")


def insert(rows, batch: int = 10_000) -> int:
    placeholders = ", ".join(["%s"] * len(STREET_COLUMNS))
    sql = f"INSERT INTO {TABLE} VALUES ({placeholders})"
    count = 0
    with transaction.atomic(), connection.cursor() as cursor:
        chunk = []
        for row in rows:
            chunk.append(row)
            if len(chunk) == batch:
                cursor.executemany(sql, chunk)
                count += len(chunk)
                chunk = []
        if chunk:
            cursor.executemany(sql, chunk)
            count += len(chunk)
    return count


def plain_insert_from_file(path: Path) -> float:
    create_table()
    start = time.perf_counter()
    with path.open(newline="", encoding="utf-8") as stream:
        reader = csv.reader(stream)
        next(reader)
        insert(reader)
    return time.perf_counter() - start


def plain_insert_from_memory(path: Path) -> float:
    with path.open(newline="", encoding="utf-8") as stream:
        rows = list(csv.reader(stream))[1:]
    create_table()
    start = time.perf_counter()
    insert(rows)
    return time.perf_counter() - start


def plain_copy_from_file(path: Path) -> float | None:
    """PostgreSQL's fastest plain bulk load: COPY ... FROM STDIN, the file read with csv."""
    if connection.vendor != "postgresql":
        return None
    create_table()
    start = time.perf_counter()
    with (
        path.open(newline="", encoding="utf-8") as stream,
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        reader = csv.reader(stream)
        next(reader)
        with cursor.cursor.copy(f"COPY {TABLE} FROM STDIN") as copy:
            for row in reader:
                copy.write_row(row)
    return time.perf_counter() - start


def clean_up(ward_import: WardImport) -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {TABLE}")
    ward_import.delete()
    WardLookup.objects.filter(file_name__startswith="bench-").delete()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--profile", action="store_true", help="Profile the import.")
    parser.add_argument(
        "--import-only", action="store_true", help="Skip the plain inserts (for profiling)."
    )
    parser.add_argument(
        "--force",
        action="store_true",
        help="A whole force's file: ten districts (default 1,200,000 rows, a year of 100,000 "
        "rows a month), then the county comparison page worked out from it.",
    )
    options = parser.parse_args()
    if options.force and "--rows" not in sys.argv:
        options.rows = 1_200_000
    vendor = connection.vendor
    print(f"Database: {vendor} ({connection.settings_dict['NAME']})")
    ward_set = prepare()

    path = TMP / "2019-generated-bench-street.csv"
    start = time.perf_counter()
    generate(path, options.rows, ward_set, force=options.force)
    print(
        f"Generated {options.rows:,} rows ({path.stat().st_size / 1e6:,.0f} MB) in "
        f"{time.perf_counter() - start:,.1f} s (not timed below)"
    )

    imported, ward_import = import_the_site_way(path, ward_set, options.profile)
    assert ward_import.status == WardImport.Status.DONE, ward_import.error
    if options.import_only:
        print(f"Import: {imported:.2f} s, {options.rows / imported:,.0f} rows/s")
        clean_up(ward_import)
        return
    from_file = plain_insert_from_file(path)
    from_memory = plain_insert_from_memory(path)
    copied = plain_copy_from_file(path)
    n = options.rows

    print(
        f"Import (read, check, place in wards, count, store): {imported:7.2f} s "
        f"{n / imported:>12,.0f} rows/s  -> {ward_import.rows_placed:,} rows placed, "
        f"{ward_import.rows_outside:,} outside, {ward_import.rows_unplaced:,} no LSOA"
    )
    print(
        f"Plain bulk insert, file read with csv.reader:       {from_file:7.2f} s "
        f"{n / from_file:>12,.0f} rows/s"
    )
    print(
        f"Plain bulk insert, rows already in memory:          {from_memory:7.2f} s "
        f"{n / from_memory:>12,.0f} rows/s"
    )
    if copied is not None:
        print(
            f"Plain COPY FROM STDIN, file read with csv.reader:   {copied:7.2f} s "
            f"{n / copied:>12,.0f} rows/s"
        )
    print(
        f"Import rate / plain insert rate: {from_file / imported:.2f} (file), "
        f"{from_memory / imported:.2f} (in memory)"
        + (f", {copied / imported:.2f} (COPY)" if copied is not None else "")
        + "; the target is at least 0.5"
    )
    if options.force:
        comparison_page()
    clean_up(ward_import)


def comparison_page(times: int = 20) -> None:
    """The county comparison page worked out afresh (cache cleared each time) from the
    imported force: its median time and its queries."""
    from django.core.cache import cache
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from stats.models import District, DistrictCrimeCount

    client = Client()
    durations = []
    for _ in range(times):
        cache.clear()
        start = time.perf_counter()
        with CaptureQueriesContext(connection) as context:
            response = client.get("/county/computed/", HTTP_HOST="127.0.0.1")
        durations.append(time.perf_counter() - start)
        assert response.status_code == 200, response.status_code
    durations.sort()
    print(
        f"County comparison page, rendered afresh: p50 {durations[len(durations) // 2] * 1000:.0f}"
        f" ms over {times}, {len(context.captured_queries)} queries, from "
        f"{DistrictCrimeCount.objects.count():,} monthly district counts of "
        f"{District.objects.count()} districts"
    )


if __name__ == "__main__":
    try:
        main()
    finally:
        connection.close()
        shutil.rmtree(TMP, ignore_errors=True)
