"""Tables render their cells through csp_tracker.tables.CellRenderer, a faster path than
django-tables2's BoundRow.get_cell: every table of the site must come out the same both ways."""

import pytest
from django.utils.html import conditional_escape

from actions import services as action_services
from actions.models import Action, Agency, Initiative
from csp_tracker.tables import CellRenderer
from stats.models import CrimeCategory, Ward

pytestmark = pytest.mark.django_db


def table_pages(report):
    """Every page with a table, with rows of every kind: edited, published, linked."""
    action = Action.objects.filter(priority__number=1).order_by("position").first()
    ward = Ward.objects.order_by("name").first()
    return [
        f"/years/{report.slug}/priorities/1/",
        f"/years/{report.slug}/priorities/6/?sort=-lead",
        "/agencies/",
        Agency.objects.get(short_name="DBC").get_absolute_url(),
        Initiative.objects.order_by("pk").first().get_absolute_url(),
        "/county/",
        CrimeCategory.objects.get(name="Vehicle Crime").get_absolute_url(),
        "/audit/",
        "/wards/",
        ward.get_absolute_url(),
        "/ward-imports/",
        action.get_absolute_url(),
    ]


def compare_cells(table) -> int:
    """Compares every cell of the table's page both ways; returns how many it compared."""
    compared = 0
    renderers = [CellRenderer(table, column) for column in table.columns]
    for row in table.paginated_rows:
        for renderer in renderers:
            expected = row.get_cell(renderer.name)
            assert renderer.cell(row) == expected, (type(table).__name__, renderer.name)
            assert renderer.td(row).endswith(f">{conditional_escape(expected)}</td>")
            compared += 1
    return compared


PUBLISHED = {
    "ActionTable",
    "ActionAcrossPrioritiesTable",
    "AgencyTable",
    "CrimeStatisticTable",
    "CategoryFigureTable",
}
WARDS = {"WardFiguresTable", "WardTypeFiguresTable"}


@pytest.mark.parametrize(
    ("who", "tables"),
    [
        ("anonymous", PUBLISHED),
        ("partner", PUBLISHED | WARDS),
        ("councillor", PUBLISHED | WARDS),
        ("coordinator", PUBLISHED | WARDS | {"AuditEntryTable"}),
        ("administrator", PUBLISHED | WARDS | {"AuditEntryTable", "WardImportTable"}),
    ],
)
def test_every_table_renders_each_cell_as_django_tables2_does(
    client, cast, ward_figures, who, tables
):
    action = Action.objects.get(priority__number=1, position=1)
    action_services.action_update(
        action=action,
        user=cast.coordinator,
        version=action.version,
        data={"update": "Edited <b>in a test</b>", "progress_status": "amber"},
    )
    if who != "anonymous":
        client.force_login(getattr(cast, who))
    compared = {}
    for url in table_pages(cast.report):
        response = client.get(url)
        if response.status_code != 200 or "table" not in (response.context or {}):
            continue
        table = response.context["table"]
        name = type(table).__name__
        compared[name] = compared.get(name, 0) + compare_cells(table)
        for row_html in table.body_rows():
            assert row_html in response.content.decode()
    assert set(compared) == tables
    assert all(compared.values()), compared
