"""What a refused import must leave as it was: every row of every table but the import log."""

import json

from django.apps import apps

from stats.models import WardImport


def every_table_but_the_import_log() -> dict[str, list[str]]:
    """Every row of every model (the import log, WardImport, aside), as plain values."""
    return {
        model._meta.label: sorted(
            json.dumps(row, default=str, sort_keys=True) for row in model.objects.values()
        )
        for model in apps.get_models()
        if model is not WardImport
    }
