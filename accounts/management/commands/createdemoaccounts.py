from django.core.management.base import BaseCommand, CommandError

from accounts.services import DemoAccountsRefused, demo_accounts_ensure


class Command(BaseCommand):
    help = (
        "Create the demo's accounts (coordinator, partner of Herts Police, councillor, "
        "admin) with their published passwords, and print them. Refuses unless DEBUG is on."
    )

    def handle(self, *args, **options):
        try:
            accounts = demo_accounts_ensure()
        except DemoAccountsRefused as error:
            raise CommandError(str(error)) from error
        self.stdout.write("Demo accounts (they cannot sign in when DEBUG is off):")
        for username, password, role in accounts:
            self.stdout.write(f"  {username:<12} {password:<28} {role}")
