from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from reports.management.commands.importyear import report
from reports.services import year_import
from reports.yearplan.export import dumps
from reports.yearplan.read import YearFileError, plan_read
from reports.yearplan.reporttext import (
    report_agencies,
    report_decode,
    report_place,
    report_read,
)


class Command(BaseCommand):
    help = (
        "Import a report in its published text layout (PRIORITY n, its title, the tab-"
        "separated ACTION / LEAD AGENCY / TARGET / TIMESCALE / UPDATE table, the crime "
        "statistics with their Accurate at line) as the given year. Lead agencies must be "
        "known already (by name or alias), or created with --create-agencies. Same options "
        "as importyear."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--year", required=True, help="The year's label, e.g. 2011/12")
        parser.add_argument(
            "--county",
            default=settings.PARTNERSHIP_COUNTY,
            help="The county the crime table ranks districts in.",
        )
        parser.add_argument("--dry-run", action="store_true")
        parser.add_argument("--replace", action="store_true")
        parser.add_argument(
            "--create-agencies",
            action="store_true",
            help="Create the lead agencies the report names that are not known yet "
            "(without it, the report is refused, naming them all).",
        )
        parser.add_argument(
            "--write-json", type=Path, help="Also write the report as a yearly-plan file here."
        )

    def handle(
        self,
        *args,
        file: Path,
        year: str,
        county: str,
        dry_run: bool,
        replace: bool,
        create_agencies: bool,
        write_json: Path | None,
        **options,
    ):
        try:
            content = file.read_bytes()
        except OSError as error:
            raise CommandError(f"{file}: {error.strerror}") from None
        places, data, warnings = {}, None, []
        try:
            text = report_decode(content, file=str(file))
            data, places = report_read(
                text, file=str(file), label=year, county=county, warnings=warnings
            )
            report_agencies(
                data,
                places,
                file=str(file),
                create=create_agencies,
                how_to_create="import it with --create-agencies",
            )
            if write_json:
                write_json.write_text(dumps(data), encoding="utf-8")
            plan = plan_read(dumps(data), file=str(file))
            comparison = year_import(plan=plan, user=None, replace=replace, dry_run=dry_run)
        except YearFileError as error:
            raise CommandError(str(report_place(error, places, data))) from None
        for warning in warnings:
            self.stdout.write(self.style.WARNING(f"Warning: {warning}"))
        report(self, comparison, dry_run=dry_run)
