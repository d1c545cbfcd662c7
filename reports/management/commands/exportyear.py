from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from priorities.models import ReportingYear
from reports.yearplan.export import dumps, year_export


class Command(BaseCommand):
    help = (
        "Write a reporting year as a yearly-plan file (docs/yearly-plan-format.md), to "
        "standard output or to --output. importyear reads it back."
    )

    def add_arguments(self, parser):
        parser.add_argument("year", help="The year's label (2011/12) or slug (2011-12)")
        parser.add_argument("--output", "-o", type=Path)

    def handle(self, *args, year: str, output: Path | None, **options):
        found = (
            ReportingYear.objects.filter(label=year).first()
            or ReportingYear.objects.filter(slug=year).first()
        )
        if found is None:
            raise CommandError(f"There is no reporting year {year}.")
        text = dumps(year_export(found))
        if output:
            output.write_text(text, encoding="utf-8")
            self.stdout.write(f"Wrote {found.label} to {output}.")
        else:
            self.stdout.write(text, ending="")
