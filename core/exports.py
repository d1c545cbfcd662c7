"""Downloads of every table: CSV and XLSX of exactly the rows the page's filters show.

Text that a spreadsheet would run as a formula is neutralised, as OWASP recommends against
CSV injection: in CSV a text starting with =, +, -, @, a tab or a carriage return gets a
leading ', which spreadsheets show as text; in XLSX every text is a text cell, never a
formula, whatever it starts with. Numbers stay numbers. Dates and times (from
core.tables.DateTimeColumn) are real dates in XLSX, in the site's time zone with a date
format, and ISO text (2012-03-01 14:30) in CSV. (The open data's CSV files use `csv_safe`
too; JSON keeps text exactly.)
"""

import datetime
from io import BytesIO

from django.utils import timezone
from django.utils.text import slugify
from django_tables2.export.export import TableExport
from django_tables2.export.views import ExportMixin
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from tablib import Dataset

# What a spreadsheet may take for the start of a formula (OWASP, "CSV Injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(value):
    """A value as a CSV file writes it: a text a spreadsheet would run as a formula gets a
    leading ' (shown as text); anything else, numbers included, as it is."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


# How a download writes a date and a time: in CSV as text, in XLSX as Excel's number format.
CSV_DATETIME = "%Y-%m-%d %H:%M"
XLSX_DATETIME = "yyyy-mm-dd hh:mm"
XLSX_DATE = "yyyy-mm-dd"


def local(value: datetime.datetime) -> datetime.datetime:
    """A date and time in the site's time zone, without one attached: spreadsheets have no
    time zones (openpyxl refuses an aware datetime)."""
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return value.replace(tzinfo=None)


def csv_value(value):
    """A value as a CSV file writes it: a date and time as ISO text in the site's time
    zone, a date as ISO text, and text a spreadsheet would run as a formula neutralised."""
    if isinstance(value, datetime.datetime):
        return local(value).strftime(CSV_DATETIME)
    if isinstance(value, datetime.date):
        return value.isoformat()
    return csv_safe(value)


def xlsx_file(dataset: Dataset) -> bytes:
    """A dataset as an XLSX file: a bold header row that stays in view, text wrapped where
    it has lines, columns as wide as their widest text, every text a text cell, and dates
    real dates with a date format. tablib's own XLSX writer lets openpyxl make a formula of
    any text starting with =."""
    workbook = Workbook()
    sheet = workbook.active
    # Excel's rules for a sheet's name: at most 31 characters, none of []:*?/\
    sheet.title = "".join("-" if c in "[]:*?/\\" else c for c in dataset.title or "Data")[:31]
    widths: dict[int, int] = {}
    rows = [dataset.headers or [], *dataset]
    for row_number, row in enumerate(rows, start=1):
        for column, value in enumerate(row, start=1):
            if isinstance(value, datetime.datetime):
                value = local(value)
            cell = sheet.cell(row=row_number, column=column, value=value)
            if isinstance(value, datetime.datetime):
                cell.number_format = XLSX_DATETIME
            elif isinstance(value, datetime.date):
                cell.number_format = XLSX_DATE
            elif isinstance(value, str):
                cell.data_type = "s"  # never a formula
                if "\n" in value:
                    cell.alignment = Alignment(wrap_text=True)
            if row_number == 1:
                cell.font = Font(bold=True)
            shown = cell.number_format if isinstance(value, datetime.date) else str(value)
            widths[column] = max(widths.get(column, 0), len(shown))
    sheet.freeze_panes = "A2"
    for column, width in widths.items():
        sheet.column_dimensions[get_column_letter(column)].width = width
    stream = BytesIO()
    workbook.save(stream)
    return stream.getvalue()


class SpreadsheetFriendlyExport(TableExport):
    """django-tables2's export, neutralising formulas (above). CSV starts with a UTF-8
    byte-order mark, so that Excel, which councils open CSV files with, reads "–" and "£"
    correctly; other readers skip it (utf-8-sig)."""

    def export(self):
        if self.format == self.XLSX:
            return xlsx_file(self.dataset)
        if self.format == self.CSV:
            safe = Dataset(
                *(tuple(csv_value(value) for value in row) for row in self.dataset),
                headers=[csv_safe(header) for header in self.dataset.headers or []],
                title=self.dataset.title,
            )
            return "\ufeff" + safe.export(self.CSV)
        return super().export()


class TableExportMixin(ExportMixin):
    """django-tables2's export, as `?_export=csv` or `?_export=xlsx` on the page's own
    address, so the same filters and sort apply; every row that matches is exported, not
    only the page shown. Views name the file with `export_name_parts()`.
    """

    export_formats = ("csv", "xlsx")
    export_class = SpreadsheetFriendlyExport

    def export_name_parts(self) -> list[str]:
        raise NotImplementedError

    def get_export_filename(self, export_format):
        name = "-".join(slugify(part) for part in self.export_name_parts() if part)
        return f"{name}.{export_format}"

    def get_dataset_kwargs(self):
        # The spreadsheet's sheet is named after the page (Excel allows 31 characters).
        return {"title": " ".join(self.export_name_parts())[:31]}
