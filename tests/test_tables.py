"""Tables render their cells through csp_tracker.tables.CellRenderer, a faster path than
django-tables2's BoundRow.get_cell: every table of the site must come out the same both ways."""

import re

import pytest
from django.template import Context, Template
from django.utils.html import conditional_escape

from actions import services as action_services
from actions.models import Action, Agency, Initiative
from csp_tracker.tables import CellRenderer, footer_cells, header_cells
from stats.models import CrimeCategory, Ward

pytestmark = pytest.mark.django_db


def table_pages(report):
    """Every page with a table, with rows of every kind: edited, published, linked."""
    action = Action.objects.filter(priority__number=1).order_by("position").first()
    ward = Ward.objects.order_by("name").first()
    return [
        f"/years/{report.slug}/priorities/1/",
        f"/years/{report.slug}/priorities/6/?sort=-lead&q=e",
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


# The header row as templates/includes/table.html wrote it with django-tables2's tags,
# before csp_tracker.tables.header_cells.
TEMPLATE_HEADER = Template(
    """{% load django_tables2 %}{% for column in table.columns %}
<th scope="col" class="govuk-table__header {{ column.attrs.th.class|default:'' }}{% if 'govuk-table__cell--numeric' in column.attrs.td.class %} govuk-table__header--numeric{% endif %}" role="columnheader"{% if column.orderable %} aria-sort="{% if column.is_ordered %}{% if column.order_by_alias.is_descending %}descending{% else %}ascending{% endif %}{% else %}none{% endif %}"{% endif %}>
  {% if column.orderable %}<a class="govuk-link app-sort-link" href="{% querystring_replace table.prefixed_order_by_field=column.order_by_alias.next table.prefixed_page_field=1 %}">{{ column.header }}<span class="govuk-visually-hidden"> (sort)</span></a>{% else %}{{ column.header }}{% endif %}
</th>{% endfor %}"""
)

# templates/includes/table.html's total row, as it was.
TEMPLATE_FOOTER = Template(
    """{% if table.has_footer %}{% for column in table.columns %}
{% if forloop.first %}
<th scope="row" class="govuk-table__header" role="rowheader">{{ column.footer }}</th>
{% else %}
<td class="govuk-table__cell {{ column.attrs.td.class|default:'' }}" role="cell" data-label="{{ column.header }}">{{ column.footer }}</td>
{% endif %}
{% endfor %}{% endif %}"""  # noqa: E501
)


def tags_only(html: str) -> str:
    """The HTML without the whitespace a template puts around tags."""
    return re.sub(r"\s+<", "<", re.sub(r">\s+", ">", html.strip()))


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
    footers = 0
    for url in table_pages(cast.report):
        response = client.get(url)
        if response.status_code != 200 or "table" not in (response.context or {}):
            continue
        table = response.context["table"]
        name = type(table).__name__
        compared[name] = compared.get(name, 0) + compare_cells(table)
        for row_html in table.body_rows():
            assert row_html in response.content.decode()
        request = response.wsgi_request
        expected = TEMPLATE_HEADER.render(Context({"table": table, "request": request}))
        assert tags_only(header_cells(table, request)) == tags_only(expected), url
        footer = TEMPLATE_FOOTER.render(Context({"table": table}))
        assert tags_only(footer_cells(table)) == tags_only(footer), url
        footers += bool(footer.strip())
    assert set(compared) == tables
    assert all(compared.values()), compared
    assert footers == (0 if who == "anonymous" else 1)  # the ward table's total row


def test_a_footer_is_django_tables2s_whatever_its_function_takes():
    import django_tables2 as tables

    from csp_tracker.tables import footer_value

    class SummingColumn(tables.Column):
        def render_footer(self, bound_column, table):
            return sum(row["n"] for row in table.data)

    class Footers(tables.Table):
        fixed = tables.Column(footer="Total")
        table_only = tables.Column(footer=lambda table: f"{len(table.data)} rows")
        column_only = tables.Column(footer=lambda column, bound_column: bound_column.name)
        everything = tables.Column(footer=lambda **kwargs: ",".join(sorted(kwargs)))
        unknown = tables.Column(footer=lambda missing: "never called")
        none = tables.Column()
        n = SummingColumn()

    table = Footers([{"n": 2}, {"n": 5}])
    expected = {column.name: column.footer for column in table.columns}
    assert {column.name: footer_value(column) for column in table.columns} == expected
    assert expected["table_only"] == "2 rows"
    assert expected["column_only"] == "column_only"
    assert expected["everything"] == "bound_column,column,table"
    assert expected["unknown"] is None
    assert expected["n"] == 7


def test_a_status_label_is_djangos_for_every_status():
    from actions.models import ProgressStatus
    from csp_tracker.tables import status_label

    for value in ["", *ProgressStatus.values]:
        action = Action(progress_status=value)
        assert status_label(action) == action.get_progress_status_display(), value
    assert status_label(Action(progress_status="red")) == "Red"


@pytest.mark.parametrize(
    "order_by",
    ["name", "-name", "count", "-count", ("count", "name"), ("-count", "-name"), "mixed", "-mixed"],
)
def test_a_list_is_sorted_as_django_tables2_sorts_it(order_by):
    from types import SimpleNamespace

    import django_tables2 as tables

    from csp_tracker.tables import BaseTable

    class Plain(tables.Table):
        name = tables.Column()
        count = tables.Column()
        mixed = tables.Column()

    class Ours(BaseTable):
        name = tables.Column()
        count = tables.Column()
        mixed = tables.Column()

    values = [("b", 3, 2), ("a", 3, None), ("c", 1, "x"), ("B", None, 1), ("a", 2, ""), ("d", 3, 0)]
    rows = [SimpleNamespace(name=n, count=c, mixed=m, n=i) for i, (n, c, m) in enumerate(values)]
    dicts = [vars(row) for row in rows]
    for data in (rows, dicts):
        theirs = [row.record for row in Plain(list(data), order_by=order_by).rows]
        ours = [row.record for row in Ours(list(data), order_by=order_by).rows]
        assert ours == theirs, order_by
    assert [r.n for r in Ours(list(rows), order_by="-count").rows.data] != list(range(6))
