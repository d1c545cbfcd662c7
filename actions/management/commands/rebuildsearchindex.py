from django.core.management.base import BaseCommand
from django.db import connection

from actions.services import action_search_refresh


class Command(BaseCommand):
    help = (
        "Bring every action's search column up to date (PostgreSQL). The site's writes keep "
        "it current; run this after changing actions or agencies by other means (loaddata, "
        "SQL). On SQLite, which searches the text itself, it has nothing to do."
    )

    def handle(self, *args, **options):
        if connection.vendor != "postgresql":
            self.stdout.write(f"Nothing to do on {connection.vendor}: it searches the text.")
            return
        count = action_search_refresh()
        self.stdout.write(f"Search column rebuilt for {count} action{'s' if count != 1 else ''}.")
