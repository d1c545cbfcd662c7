from django.apps import AppConfig


class OpenDataConfig(AppConfig):
    """Open data: what anonymous visitors may see, as JSON and CSV files at stable addresses."""

    name = "opendata"
    verbose_name = "Open data"
