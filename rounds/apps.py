from django.apps import AppConfig


class RoundsConfig(AppConfig):
    """Quarterly reporting rounds: a coordinator opens a round for a year with a deadline,
    each lead agency's partners see what they owe in it, reminders go to those still
    outstanding, and closing it publishes a dated snapshot of the report for the
    Responsible Authorities Group's meeting."""

    name = "rounds"
    verbose_name = "Reporting rounds"
