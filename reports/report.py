"""The yearly report in its published layout, as a page and as a PDF (WeasyPrint)."""

from django.contrib.staticfiles import finders
from django.db.models import Prefetch
from django.template.loader import render_to_string

from actions.models import Action
from priorities.models import ReportingYear
from stats.models import StatisticsSnapshot

PDF_STYLESHEET = "css/report-pdf.css"


def report_context(year: ReportingYear) -> dict:
    """What the report shows: the year, its priorities in order with their rows, and the
    newest crime statistics snapshot with its rows. A fixed number of queries."""
    priorities = year.priorities.order_by("number").prefetch_related(
        Prefetch("actions", queryset=Action.objects.order_by("position"))
    )
    snapshot = (
        StatisticsSnapshot.objects.filter(year=year)
        .order_by("-accurate_at")
        .prefetch_related("rows__category")
        .first()
    )
    rows = sorted(snapshot.rows.all(), key=lambda row: row.category.position) if snapshot else []
    return {"year": year, "priorities": priorities, "snapshot": snapshot, "snapshot_rows": rows}


def report_body_html(year: ReportingYear) -> str:
    """The report's content as HTML, without the site around it."""
    return render_to_string("reports/includes/report_body.html", report_context(year))


def report_pdf(year: ReportingYear, *, body_html: str | None = None) -> bytes:
    """The report as a PDF: A4 landscape, the published layout, page numbers."""
    from weasyprint import CSS, HTML

    document = render_to_string(
        "reports/report_document.html",
        {"year": year, "body": body_html or report_body_html(year)},
    )
    stylesheet = CSS(filename=finders.find(PDF_STYLESHEET))
    return HTML(string=document).write_pdf(stylesheets=[stylesheet])
