from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ...csvfiles import FileProblem
from ...districtpopulations import district_populations_import
from ._importing import read_file


class Command(BaseCommand):
    help = (
        "Import district populations from a CSV whose header is "
        "district_code,district,population,year,source (the district by ONS code, by name "
        "as police.uk writes it, or both; the year the population is for; the publication it "
        "comes from). The whole file is checked first: a fault changes nothing. A district no "
        "import has met yet is added. Replaces the populations of the districts it names, "
        "and any generated sample population."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)

    def handle(self, *args, **options):
        path = options["file"]
        try:
            imported = district_populations_import(data=read_file(path), file_name=path.name)
        except FileProblem as problem:
            raise CommandError(str(problem)) from None
        self.stdout.write(self.style.SUCCESS(imported.summary))
