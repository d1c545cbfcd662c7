"""The yearly report in its published layout, as a page and as a PDF (WeasyPrint)."""

import datetime

from django.contrib.staticfiles import finders
from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.utils import timezone

from actions.models import Action, Milestone
from indicators.selectors import year_indicators
from priorities.models import ReportingYear
from stats.models import StatisticsSnapshot

PDF_STYLESHEET = "css/report-pdf.css"


def report_context(year: ReportingYear, *, published_on: datetime.date | None = None) -> dict:
    """What the report shows: the year, its priorities in order with their rows (each with
    its milestones and their agencies) and their indicators (`indicator_figures`), the
    newest crime statistics snapshot with its rows, and its date: `published_on` for a
    published report, else the day of the newest update (`as_at`; today if none). A fixed
    number of queries."""
    priorities = list(
        year.priorities.order_by("number").prefetch_related(
            # The published document: internal actions are for partners only.
            Prefetch(
                "actions",
                queryset=Action.objects.public()
                .order_by("position")
                .prefetch_related(
                    Prefetch(
                        "milestones",
                        queryset=Milestone.objects.select_related("agency").order_by("position"),
                    )
                ),
            )
        )
    )
    snapshot = (
        StatisticsSnapshot.objects.filter(year=year)
        .order_by("-accurate_at")
        .prefetch_related("rows__category")
        .first()
    )
    rows = sorted(snapshot.rows.all(), key=lambda row: row.category.position) if snapshot else []
    # Each priority's indicators with their figures, for its table of indicators.
    indicators = year_indicators(year)
    for priority in priorities:
        priority.indicator_figures = indicators.get(priority.pk, [])
    return {
        "year": year,
        "priorities": priorities,
        "snapshot": snapshot,
        "snapshot_rows": rows,
        "published_on": published_on,
        "as_at": None if published_on else updates_as_at(priorities),
    }


def updates_as_at(priorities) -> datetime.date:
    """The day of the newest update among the priorities' actions (prefetched: no
    query), in the site's time zone; today when none has been edited since publication."""
    newest = max(
        (
            action.update_changed_at
            for priority in priorities
            for action in priority.actions.all()
            if action.update_changed_at
        ),
        default=None,
    )
    return timezone.localdate(newest) if newest else timezone.localdate()


def report_body_html(year: ReportingYear, *, published_on: datetime.date | None = None) -> str:
    """The report's content as HTML, without the site around it: dated the day it was
    published, or the day of its newest update."""
    return render_to_string(
        "reports/includes/report_body.html", report_context(year, published_on=published_on)
    )


def report_pdf(year: ReportingYear, *, body_html: str | None = None) -> bytes:
    """The report as a PDF: A4 landscape, the published layout, page numbers."""
    from weasyprint import CSS, HTML

    document = render_to_string(
        "reports/report_document.html",
        {"year": year, "body": body_html or report_body_html(year)},
    )
    stylesheet = CSS(filename=finders.find(PDF_STYLESHEET))
    return HTML(string=document).write_pdf(stylesheets=[stylesheet])
