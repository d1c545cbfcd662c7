from django.apps import AppConfig


class CoreConfig(AppConfig):
    """Building blocks every app uses: tables, filtersets, forms, exports, template tags.

    An app only so that Django finds its template tags (`{% load csp %}`); it has no models
    and imports no app of the project.
    """

    name = "core"
    verbose_name = "Building blocks"
