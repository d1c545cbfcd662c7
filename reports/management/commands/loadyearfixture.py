from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from reports.services import YearFixtureError, year_load_fixture


class Command(BaseCommand):
    help = (
        "Load a reporting year from a fixture file, once: if the year is already in the "
        "database nothing changes, so edits made since are never overwritten."
    )

    def add_arguments(self, parser):
        parser.add_argument("fixture", type=Path, help="e.g. fixtures/2011-12.json")
        parser.add_argument("--year", required=True, help="The year's label, e.g. 2011/12")

    def handle(self, *args, fixture: Path, year: str, **options):
        try:
            loaded = year_load_fixture(path=fixture, label=year)
        except YearFixtureError as error:
            raise CommandError(str(error)) from error
        if loaded:
            self.stdout.write(self.style.SUCCESS(f"Loaded {year} from {fixture}."))
        else:
            self.stdout.write(f"{year} is already loaded; nothing changed.")
