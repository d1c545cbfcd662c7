"""Helpers for the yearly-plan tests: files made from the 2011/12 export, and a fingerprint
of the whole database to prove that a refused import changed nothing."""

import json

from django.apps import apps

from priorities.models import ReportingYear
from reports.yearplan.export import dumps, year_export


def exported(label="2011/12") -> dict:
    return year_export(ReportingYear.objects.get(label=label))


def write(tmp_path, data, name="plan.json") -> str:
    path = tmp_path / name
    path.write_text(dumps(data) if isinstance(data, dict) else data, encoding="utf-8")
    return str(path)


def fingerprint() -> dict:
    """Every row of every model of the three apps, as plain values."""
    rows = {}
    for label in ("priorities", "actions", "stats", "indicators", "csp_tracker"):
        for model in apps.get_app_config(label).get_models():
            rows[model.__name__] = sorted(
                json.dumps(row, default=str, sort_keys=True) for row in model.objects.values()
            )
    return rows


def every_table() -> dict:
    """Every row of every model of every app (users, audit log, kept uploads included)."""

    def plain(value):
        return bytes(value).hex() if isinstance(value, memoryview) else str(value)

    return {
        model._meta.label: sorted(
            json.dumps(row, default=plain, sort_keys=True) for row in model.objects.values()
        )
        for model in apps.get_models()
    }
