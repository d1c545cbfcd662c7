from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ... import services
from ...csvfiles import FileProblem
from ._importing import read_file, ward_set_for


class Command(BaseCommand):
    help = (
        "Import ward populations from a CSV whose header is ward,population,year,source "
        "(the ward by name or ONS code; the year the population is for; the publication it "
        "comes from). The whole file is checked first: a fault changes nothing. Replaces the "
        "populations of the wards it names, and any generated sample population."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--ward-set", help="The ward set's slug (default: the newest).")

    def handle(self, *args, **options):
        ward_set = ward_set_for(options["ward_set"])
        path = options["file"]
        try:
            imported = services.ward_populations_import(
                ward_set=ward_set, data=read_file(path), file_name=path.name
            )
        except FileProblem as problem:
            raise CommandError(str(problem)) from None
        self.stdout.write(self.style.SUCCESS(imported.summary))
