from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from csp_tracker.backups import BackupError, backup_file_name, database_backup


class Command(BaseCommand):
    help = (
        "Back the database up to a file (pg_dump for PostgreSQL, SQLite's online backup "
        "for SQLite), safely while the site runs. By default into BACKUP_DIR, named by the "
        "date and time."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output", type=Path, help="The file to write (default: a new file in BACKUP_DIR)."
        )

    def handle(self, *args, **options):
        path = options["output"] or Path(settings.BACKUP_DIR) / backup_file_name()
        try:
            database_backup(path=path)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Backed up to {path} ({path.stat().st_size:,} bytes).")
