from django.core.management.base import BaseCommand

from ... import services
from ...models import WardImport
from ._importing import unlisted_report


class Command(BaseCommand):
    help = (
        "Import the uploaded files still waiting (the upload page imports in a background "
        "thread; this finishes any a restart interrupted, or serves where threads are not used)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--requeue-running",
            action="store_true",
            help="Also retry imports marked running (only when no server is importing them).",
        )

    def handle(self, *args, **options):
        if options["requeue_running"]:
            WardImport.objects.filter(status=WardImport.Status.RUNNING).update(
                status=WardImport.Status.PENDING, rows_done=0
            )
        pending = WardImport.objects.filter(status=WardImport.Status.PENDING).order_by("pk")
        for pk in pending.values_list("pk", flat=True):
            ward_import = services.ward_import_run(ward_import_id=pk)
            self.stdout.write(f"{ward_import.file_name}: {ward_import.get_status_display()}")
            unlisted_report(self, ward_import)
