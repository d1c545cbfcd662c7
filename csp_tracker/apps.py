from django.apps import AppConfig


class CspTrackerConfig(AppConfig):
    """The project's plumbing: settings, addresses, middleware, caching, health and
    backups. An app for its management commands (backups) and its migrations."""

    name = "csp_tracker"
    verbose_name = "CSP Tracker"
