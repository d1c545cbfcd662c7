"""exportyear writes the yearly-plan format; a round trip gives the identical file."""

import json
from pathlib import Path

import jsonschema
import pytest
from django.core.management import CommandError, call_command

from actions.models import Agency
from priorities.models import ReportingYear
from tests.conftest import ROOT, YEAR_FIXTURE

SCHEMA = json.loads((ROOT / "docs" / "yearly-plan.schema.json").read_text())
EXAMPLE = ROOT / "docs" / "examples" / "example-2031-32-yearly-plan.json"


# Outside a test transaction: `flush` empties every table, and PostgreSQL refuses to
# TRUNCATE rows whose deferred foreign-key checks are still pending in the same transaction.
@pytest.mark.django_db(transaction=True)
def test_export_import_into_an_empty_database_and_export_again_gives_the_same_file(
    report, tmp_path
):
    first = tmp_path / "first.json"
    call_command("exportyear", "2011/12", output=first)
    call_command("flush", "--no-input")
    assert not ReportingYear.objects.exists()
    assert not Agency.objects.exists()
    call_command("importyear", str(first))
    second = tmp_path / "second.json"
    call_command("exportyear", "2011-12", output=second)
    assert second.read_bytes() == first.read_bytes()


def test_the_export_follows_the_documented_schema(report, capsys):
    call_command("exportyear", "2011/12")
    data = json.loads(capsys.readouterr().out)
    jsonschema.validate(data, SCHEMA)
    assert len(data["priorities"]) == 6
    assert sum(len(p["actions"]) for p in data["priorities"]) == 37
    assert data["statistics"][0]["rows"][2]["rate_position_text"] == "7 th"


def test_the_example_file_follows_the_schema_is_marked_as_an_example_and_imports(db, report):
    data = json.loads(EXAMPLE.read_text())
    jsonschema.validate(data, SCHEMA)
    assert "example" in EXAMPLE.name
    assert data["year"]["is_sample"] is True
    assert "not a real plan" in data["year"]["source"]
    call_command("importyear", str(EXAMPLE))


def test_an_unknown_year_is_named(db):
    with pytest.raises(CommandError, match="There is no reporting year 1999/00"):
        call_command("exportyear", "1999/00")


def test_the_fixture_is_not_changed_by_exporting(report, tmp_path):
    before = Path(YEAR_FIXTURE).read_bytes()
    call_command("exportyear", "2011/12", output=tmp_path / "x.json")
    assert Path(YEAR_FIXTURE).read_bytes() == before
