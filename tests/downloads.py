"""Reading the site's CSV and XLSX downloads back as rows of text, for the tests."""

import csv
import io

from openpyxl import load_workbook


def download(client, url, params, export_format):
    """The page at `url` with `params`, downloaded as `export_format` ("csv" or "xlsx")."""
    response = client.get(url, {**params, "_export": export_format})
    assert response.status_code == 200
    return response


def csv_rows(response) -> list[list[str]]:
    """A CSV download's rows; it starts with a byte-order mark, for Excel."""
    assert response.content.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def xlsx_rows(response) -> list[list[str]]:
    """An XLSX download's first sheet, each cell as text ("" for an empty one)."""
    sheet = load_workbook(io.BytesIO(response.content)).active
    return [
        ["" if cell is None else str(cell) for cell in row]
        for row in sheet.iter_rows(values_only=True)
    ]
