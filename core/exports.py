"""Downloads of every table: CSV and XLSX of exactly the rows the page's filters show."""

from django.utils.text import slugify
from django_tables2.export.export import TableExport
from django_tables2.export.views import ExportMixin


class SpreadsheetFriendlyExport(TableExport):
    """CSV starts with a UTF-8 byte-order mark, so that Excel, which councils open CSV
    files with, reads "–" and "£" correctly; other readers skip it (utf-8-sig)."""

    def export(self):
        data = super().export()
        if self.format == self.CSV:
            return "\ufeff" + data
        return data


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
