from pathlib import Path

from django.core.management.base import BaseCommand

from ...models import WardImport
from ._importing import import_file, ward_set_for


class Command(BaseCommand):
    help = (
        "Import CSV files of crime counts by ward (header ward,month,crime_type,count; the ward "
        "by name or ONS code, the month as YYYY-MM). Each file is imported whole or not at all, "
        "and replaces every figure of the months it holds."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", type=Path)
        parser.add_argument(
            "--source", required=True, help="Where the counts come from (shown with them)."
        )
        parser.add_argument("--ward-set", help="The ward set's slug (default: the newest).")

    def handle(self, *args, **options):
        ward_set = ward_set_for(options["ward_set"])
        for path in options["files"]:
            import_file(
                self,
                path=path,
                kind=WardImport.Kind.COUNTS,
                ward_set=ward_set,
                source=options["source"],
            )
