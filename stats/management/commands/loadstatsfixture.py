from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.core.serializers.base import DeserializationError

from ... import services


class Command(BaseCommand):
    help = (
        "Load a fixture of wards or crime types (natural keys), adding only what is not here "
        "yet: objects already present, edited or not, are left as they are."
    )

    def add_arguments(self, parser):
        parser.add_argument("fixtures", nargs="+", type=Path)

    def handle(self, *args, **options):
        for path in options["fixtures"]:
            if not path.is_file():
                raise CommandError(f"{path}: no such fixture file")
            try:
                added = services.fixture_load_missing(path=path)
            except DeserializationError as error:
                raise CommandError(f"{path}: {error}") from None
            self.stdout.write(f"{path.name}: {added} object{'s' if added != 1 else ''} added.")
