from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from reports.services import year_import
from reports.yearplan.read import YearFileError, plan_read


class Command(BaseCommand):
    help = (
        "Import one reporting year from a yearly-plan file (docs/yearly-plan-format.md). "
        "It applies whole or not at all; --dry-run shows what would change, priority by "
        "priority and action by action; a year that exists changes only with --replace."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--dry-run", action="store_true", help="Change nothing; say what would change."
        )
        parser.add_argument(
            "--replace", action="store_true", help="Change a year that already exists."
        )

    def handle(self, *args, file: Path, dry_run: bool, replace: bool, **options):
        try:
            content = file.read_bytes()
        except OSError as error:
            raise CommandError(f"{file}: {error.strerror}") from None
        try:
            plan = plan_read(content, file=str(file))
            comparison = year_import(plan=plan, user=None, replace=replace, dry_run=dry_run)
        except YearFileError as error:
            raise CommandError(str(error)) from None
        report(self, comparison, dry_run=dry_run)


def report(command: BaseCommand, comparison, *, dry_run: bool):
    if dry_run:
        command.stdout.write("Dry run: nothing has been changed.")
    for line in comparison.lines():
        command.stdout.write(line)
    if not dry_run and not comparison.is_empty:
        command.stdout.write(command.style.SUCCESS(f"Imported {comparison.label}."))
