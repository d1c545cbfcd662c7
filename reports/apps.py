from django.apps import AppConfig


class ReportsConfig(AppConfig):
    """Pages and jobs that put the other apps together: a year's page (its priorities and
    the county table), the yearly report with its PDF and published copies, the
    yearly-plan file (import, export, dry run), and starting the next year."""

    name = "reports"
    verbose_name = "Years and reports"
