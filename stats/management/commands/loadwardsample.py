from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from ... import sample, services
from ...csvfiles import FileProblem
from ...districtpopulations import district_populations_import, district_populations_sample_remove
from ...models import GENERATED_SAMPLE_SOURCE, District, WardImport, WardLookup
from ._importing import ward_set_for


class Command(BaseCommand):
    help = (
        "Load the demo's ward figures: a sample in police.uk's street-level format, generated "
        "by stats/sample.py from a fixed seed, with a made-up LSOA lookup and made-up ward "
        "and district populations, stored with the source “Generated sample — not real "
        "figures”. Does nothing if the sample is already loaded; --remove takes it out again "
        "(the districts stay, without the sample's populations)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--ward-set", help="The ward set's slug (default: the newest).")
        parser.add_argument(
            "--remove", action="store_true", help="Remove the sample figures and lookup."
        )
        parser.add_argument(
            "--borough-only",
            action="store_true",
            help="Only the borough's rows, not the other districts' (a ninth of the rows, "
            "quicker to load; the county comparison then has no other district).",
        )

    def handle(self, *args, **options):
        if options["remove"]:
            with transaction.atomic():
                imports, _ = WardImport.objects.filter(is_sample=True).delete()
                lookups, _ = WardLookup.objects.filter(is_sample=True).delete()
                populations = services.ward_populations_sample_remove()
                districts = district_populations_sample_remove()
            self.stdout.write(
                f"Removed the generated sample ({imports} + {lookups} records, "
                f"{populations} ward and {districts} district populations; the districts "
                "stay)."
            )
            return
        if WardImport.objects.filter(is_sample=True).exists():
            self.stdout.write("The generated sample is already loaded.")
            ward_set = ward_set_for(options["ward_set"])
            self.load_populations(ward_set)
            self.load_district_populations(ward_set)
            return
        ward_set = ward_set_for(options["ward_set"])
        if ward_set.lookups.filter(is_sample=False).exists():
            # Not an error: `make run` calls this on every start, real data or not.
            self.stdout.write(
                "A real LSOA lookup is loaded, so the generated sample is not: it is for "
                "demonstrations only."
            )
            return
        try:
            if not ward_set.lookups.exists():
                services.ward_lookup_import(
                    ward_set=ward_set,
                    data=sample.lookup_csv(ward_set),
                    file_name=sample.LOOKUP_FILE_NAME,
                    source=GENERATED_SAMPLE_SOURCE,
                    is_sample=True,
                )
        except FileProblem as problem:
            raise CommandError(str(problem)) from None
        data = sample.street_csv(ward_set, borough_only=options["borough_only"])
        ward_import = services.ward_import_create(
            ward_set=ward_set,
            kind=WardImport.Kind.STREET,
            file_name=sample.STREET_FILE_NAME,
            data=data,
            source=GENERATED_SAMPLE_SOURCE,
            is_sample=True,
            keep_content=False,
        )
        ward_import = services.ward_import_run(ward_import_id=ward_import.pk, data=data)
        if ward_import.status != WardImport.Status.DONE:
            raise CommandError(ward_import.error)
        self.stdout.write(f"Loaded the generated sample (not real figures): {ward_import.summary}")
        self.load_populations(ward_set)
        self.load_district_populations(ward_set)

    def load_populations(self, ward_set) -> None:
        """Made-up populations for the rates per 1,000 residents, unless any ward has one
        already (a published population is never replaced by a made-up one)."""
        if ward_set.wards.filter(population__isnull=False).exists():
            return
        try:
            imported = services.ward_populations_import(
                ward_set=ward_set,
                data=sample.populations_csv(ward_set),
                file_name=sample.POPULATIONS_FILE_NAME,
            )
        except FileProblem as problem:
            raise CommandError(str(problem)) from None
        self.stdout.write(f"Loaded generated sample populations (not real): {imported.summary}")

    def load_district_populations(self, ward_set) -> None:
        """Made-up populations of the borough and the other districts, unless any district
        has one already (a published population is never replaced by a made-up one)."""
        if District.objects.filter(population__isnull=False).exists():
            return
        try:
            imported = district_populations_import(
                data=sample.district_populations_csv(ward_set),
                file_name=sample.DISTRICT_POPULATIONS_FILE_NAME,
            )
        except FileProblem as problem:
            raise CommandError(str(problem)) from None
        self.stdout.write(
            f"Loaded generated sample district populations (not real): {imported.summary}"
        )
