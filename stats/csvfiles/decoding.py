"""A file's bytes as text: a file that is not UTF-8 is refused at the row and column of
its first unreadable byte, saying what encoding it looks like."""

from .common import FileProblem
from .records import (
    LINE_BREAK_RE,
    CsvError,
    csv_records,
    header_names,
    line_offset,
    record_lines,
    scan_record,
)


def decoded_text(data: bytes, file_name: str) -> str:
    """The file as text. A file that is not UTF-8 is refused at the row and column of its
    first unreadable byte, saying what encoding it looks like."""
    if not data.strip():
        raise FileProblem(file_name, "the file is empty: there is no header row.")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in data:
        raise not_text_problem(data, file_name)
    try:
        # utf-8-sig: a byte-order mark (as Excel writes) is read and dropped.
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise not_utf8_problem(data, file_name, error) from None


def not_text_problem(data: bytes, file_name: str) -> FileProblem:
    """A file with a UTF-16 byte-order mark, or NUL bytes: UTF-16 text, or not text at all."""
    utf16 = data.startswith((b"\xff\xfe", b"\xfe\xff")) or data[:200].count(b"\x00") * 3 > len(
        data[:200]
    )
    if utf16:
        return FileProblem(
            file_name,
            "this file is UTF-16 text (as Excel's “Unicode Text” or some exports write it), not "
            "UTF-8. Open it and save it as “CSV UTF-8”, then import it again.",
            row=1,
        )
    row, column, column_number = place_of(data, data.index(b"\x00"))
    return FileProblem(
        file_name,
        "this row holds a NUL byte, which no CSV text has: the file may be damaged, or not a "
        "CSV file at all.",
        row=row,
        column=column,
        column_number=column_number,
    )


def not_utf8_problem(data: bytes, file_name: str, error: UnicodeDecodeError) -> FileProblem:
    """The first byte that is not UTF-8: where it is, and what encoding the file looks like."""
    offset = error.start + (3 if data.startswith(b"\xef\xbb\xbf") else 0)
    bad = data[offset : offset + 1]
    try:
        data.decode("cp1252")
        encoding = "Windows-1252 (what Excel's plain “CSV” writes on Windows)"
        reads_as = bad.decode("cp1252")
    except UnicodeDecodeError:
        encoding = "Latin-1 (ISO-8859-1)"
        reads_as = bad.decode("latin-1")
    row, column, column_number = place_of(data, offset)
    return FileProblem(
        file_name,
        f"this is not UTF-8 text: the byte {bad.hex().upper()} here cannot be read as UTF-8. "
        f"The file looks like {encoding}, where that byte is “{reads_as}”. Save the file as "
        "“CSV UTF-8” and import it again.",
        row=row,
        column=column,
        column_number=column_number,
    )


def place_of(data: bytes, offset: int) -> tuple[int, str, int | None]:
    """The row (the line its record starts on), column name and column number of the byte
    at offset. Only for saying where a fault is: it reads the file again."""
    text = data.decode("utf-8-sig", errors="surrogateescape")
    offset = len(data[:offset].decode("utf-8-sig", errors="surrogateescape"))
    line = 1 + len(LINE_BREAK_RE.findall(text, 0, offset))
    row = line
    try:
        for start, fields in csv_records(text):
            if start + record_lines(fields) - 1 >= line:
                row = start
                break
    except CsvError:
        pass
    header = header_names(text)
    for scanned in scan_record(text, line_offset(text, row)):
        if scanned.start <= offset <= scanned.end:
            if scanned.index < len(header) and row > 1:
                return row, header[scanned.index], None
            return row, "", scanned.index + 1
    return row, "", None
