"""The open data's index page and its files."""

import csv

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_slug
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.views.decorators.http import require_safe
from django.views.generic import TemplateView

from core.exports import csv_safe
from priorities.models import ReportingYear

from . import selectors as opendata


def open_data_licence() -> dict:
    return {"name": settings.OPEN_DATA_LICENCE_NAME, "url": settings.OPEN_DATA_LICENCE_URL}


class OpenDataView(TemplateView):
    """What the open data holds, where it is, its licence and its source."""

    template_name = "opendata/index.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            datasets=opendata.DATASETS,
            formats=opendata.FORMATS,
            licence=open_data_licence(),
            years=ReportingYear.objects.all(),
            **kwargs,
        )


@require_safe
def open_data_file(request, dataset: str, format: str):
    """One dataset as JSON (with its licence and sources) or CSV (licence in a Link header).

    `?year=2011-12` narrows it to one year.
    """
    if dataset not in opendata.DATASETS:
        raise Http404(f"No dataset called {dataset}.")
    year = None
    if slug := request.GET.get("year"):
        try:
            validate_slug(slug)  # PostgreSQL refuses a NUL byte in a query: never send one.
        except ValidationError:
            raise Http404(f"No reporting year called {slug!r}.") from None
        year = get_object_or_404(ReportingYear, slug=slug)
    rows = opendata.rows(dataset, year=year)
    licence = open_data_licence()
    if format == "json":
        response = JsonResponse(
            {
                "dataset": dataset,
                "description": opendata.DATASETS[dataset],
                "licence": licence,
                "publisher": settings.PARTNERSHIP_NAME,
                "year": year.label if year else None,
                "generated_at": timezone.now().isoformat(),
                "rows": rows,
            },
            json_dumps_params={"ensure_ascii": False, "indent": 1},
        )
    else:
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response.write("\ufeff")
        writer = None
        for row in rows:
            # Lists as the plan writes them (HFRS/DBC); text a spreadsheet would run as a
            # formula neutralised (core.exports.csv_safe). JSON keeps every text exactly.
            flat = {k: csv_safe("/".join(v) if isinstance(v, list) else v) for k, v in row.items()}
            if writer is None:
                writer = csv.DictWriter(response, fieldnames=list(flat))
                writer.writeheader()
            writer.writerow(flat)
        response["Content-Disposition"] = f'attachment; filename="{dataset}.csv"'
    response["Link"] = f'<{licence["url"]}>; rel="license"'
    response["Access-Control-Allow-Origin"] = "*"
    return response
