from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ... import services
from ...csvfiles import FileProblem
from ._importing import read_file, ward_set_for


class Command(BaseCommand):
    help = (
        "Import an ONS best-fit LSOA-to-ward lookup CSV (columns such as LSOA11CD, LSOA11NM, "
        "WD18CD, WD18NM, LAD18CD, LAD18NM; any year). Only the ward set's district's rows are "
        "kept. Replaces the lookup of the same LSOA geography, whole or not at all."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--ward-set", help="The ward set's slug (default: the newest).")
        parser.add_argument(
            "--source",
            default=services.LOOKUP_SOURCE,
            help="Where the lookup comes from.",
        )

    def handle(self, *args, **options):
        ward_set = ward_set_for(options["ward_set"])
        path = options["file"]
        try:
            lookup = services.ward_lookup_import(
                ward_set=ward_set,
                data=read_file(path),
                file_name=path.name,
                source=options["source"],
            )
        except FileProblem as problem:
            raise CommandError(str(problem)) from None
        self.stdout.write(
            self.style.SUCCESS(
                f"{path.name}: {lookup.entries.count()} {lookup.lsoa_geography} LSOAs placed in "
                f"{ward_set}'s wards; {lookup.rows_other_districts} rows of other districts "
                f"left out. {lookup.summary}"
            )
        )
