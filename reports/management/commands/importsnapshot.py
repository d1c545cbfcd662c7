import csv
import io
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from priorities.models import ReportingYear
from reports.management.commands.importyear import report
from reports.services import snapshot_import
from reports.yearplan.read import YearFileError


class Command(BaseCommand):
    help = (
        "Import a county crime table from a CSV in the published layout (a heading row "
        "'Accurate at d/m/yy, <area heading>, <position per 1000 (N Districts)>, <position "
        "for % reduction>', then a row a category) as a snapshot of the given year. A year "
        "holds several snapshots, one a date; a date it has already changes only with --replace."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--year", required=True, help="The year's label, e.g. 2011/12")
        parser.add_argument("--area", required=True, help="The district, e.g. Dacorum")
        parser.add_argument("--county", default=settings.PARTNERSHIP_COUNTY)
        parser.add_argument("--title", default="County crime table")
        parser.add_argument("--commentary", default="")
        parser.add_argument("--dry-run", action="store_true")
        parser.add_argument("--replace", action="store_true")

    def handle(
        self,
        *args,
        file: Path,
        year: str,
        area: str,
        county: str,
        title: str,
        commentary: str,
        dry_run: bool,
        replace: bool,
        **options,
    ):
        found = ReportingYear.objects.filter(label=year).first()
        if found is None:
            raise CommandError(f"There is no reporting year {year}.")
        try:
            text = file.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"{file}: cannot read it as UTF-8 text: {error}") from None
        rows = list(csv.reader(io.StringIO(text)))
        try:
            comparison = snapshot_import(
                year=found,
                rows=rows,
                file=str(file),
                area=area,
                county=county,
                title=title,
                commentary=commentary,
                user=None,
                replace=replace,
                dry_run=dry_run,
            )
        except YearFileError as error:
            raise CommandError(str(error)) from None
        report(self, comparison, dry_run=dry_run)
