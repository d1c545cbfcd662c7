from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from csp_tracker.backups import BackupError, database_restore


class Command(BaseCommand):
    help = (
        "Restore a backup made by backupdatabase into the database DATABASE_URL names, "
        "which must be empty: a new PostgreSQL database, or a SQLite file not made yet."
    )
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("backup", type=Path, help="The backup file (.pgdump or .sqlite3).")

    def handle(self, *args, **options):
        try:
            database_restore(path=options["backup"], database=settings.DATABASES["default"])
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Restored {options['backup']} into {settings.DATABASES['default']['NAME']}. "
            "Run `manage.py migrate` if the backup is older than this release."
        )
