from pathlib import Path

from django.core.management.base import BaseCommand

from ...models import POLICE_UK_SOURCE, WardImport
from ._importing import import_file, ward_set_for


class Command(BaseCommand):
    help = (
        "Import police.uk street-level crime files (YYYY-MM-<force>-street.csv) into ward "
        "figures, placing each crime in a ward through the LSOA-to-ward lookup. Each file is "
        "imported whole or not at all; a month imported again replaces that force's month."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", type=Path)
        parser.add_argument("--ward-set", help="The ward set's slug (default: the newest).")
        parser.add_argument("--source", default=POLICE_UK_SOURCE, help="Where the files come from.")

    def handle(self, *args, **options):
        ward_set = ward_set_for(options["ward_set"])
        for path in options["files"]:
            import_file(
                self,
                path=path,
                kind=WardImport.Kind.STREET,
                ward_set=ward_set,
                source=options["source"],
            )
