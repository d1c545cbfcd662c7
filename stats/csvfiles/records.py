"""A CSV text's records with the row each starts on, and, for a record Python's csv module
refuses, the problem that says where and why (the row, the column, the line a quote opens
on)."""

import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass

from .common import FileProblem


def csv_records(
    text: str, file_name: str = "", *, first_line: int = 1, header: list[str] | None = None
) -> Iterator[tuple[int, list[str]]]:
    """(row, fields) for every record, row being the line of the file the record starts on
    (a quoted field may carry a record over several lines); line ends may be LF, CRLF or CR.

    A record that is not CSV (a quote never closed, text after a closing quote, a field
    over the size limit) raises CsvError, whose problem names its row and column. first_line: the
    line `text` starts on, when it is the rest of a file whose header is `header`.
    """
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    end = first_line - 1
    try:
        for fields in reader:
            yield end + 1, fields
            end = first_line - 1 + reader.line_num
    except csv.Error as error:
        raise CsvError(
            csv_problem(
                text,
                file_name,
                str(error),
                line=end + 1 - (first_line - 1),
                first_line=first_line,
                header=header,
            )
        ) from None


class CsvError(Exception):
    """A record Python's csv module cannot read; problem says where and why."""

    def __init__(self, problem: FileProblem):
        super().__init__(str(problem))
        self.problem = problem


def record_starts(chunk: list[list[str]], end: int) -> list[int]:
    """The line each record of a chunk starts on, the line before it being `end`, for a
    chunk where some quoted field holds a line break."""
    starts = []
    for fields in chunk:
        starts.append(end + 1)
        end += 1 + sum(len(LINE_BREAK_RE.findall(f)) for f in fields if "\n" in f or "\r" in f)
    return starts


def record_lines(fields: list[str]) -> int:
    """How many lines of the file a record takes."""
    return 1 + sum(len(LINE_BREAK_RE.findall(f)) for f in fields if "\n" in f or "\r" in f)


@dataclass
class ScannedField:
    index: int
    start: int  # offset in the text of its first character (its opening quote, if quoted)
    end: int  # offset just past it (past its closing quote)
    quoted: bool
    fault: str = ""  # "never closed" or "text after the closing quote"


QUOTED_RE = re.compile(r'"[^"]*(?:""[^"]*)*"')
UNQUOTED_RE = re.compile(r"[^,\r\n]*")
LINE_BREAK_RE = re.compile(r"\r\n|\r|\n")


def scan_record(text: str, pos: int) -> Iterator[ScannedField]:
    """The fields of the record starting at offset pos, read as Python's csv module reads
    them, for saying where a record goes wrong; it stops at the first fault."""
    index = 0
    while True:
        if text.startswith('"', pos):
            match = QUOTED_RE.match(text, pos)
            if match is None:
                yield ScannedField(index, pos, len(text), True, "never closed")
                return
            end = match.end()
            after = text[end : end + 1]
            if after not in ("", ",", "\r", "\n"):
                yield ScannedField(index, pos, end, True, "text after the closing quote")
                return
            yield ScannedField(index, pos, end, True)
        else:
            end = UNQUOTED_RE.match(text, pos).end()
            after = text[end : end + 1]
            yield ScannedField(index, pos, end, False)
        if after != ",":
            return
        pos, index = end + 1, index + 1


def line_offset(text: str, line: int) -> int:
    """Where line `line` (1 for the first) starts in text."""
    if line <= 1:
        return 0
    for n, match in enumerate(LINE_BREAK_RE.finditer(text), start=2):
        if n == line:
            return match.end()
    return len(text)


def header_names(text: str) -> list[str]:
    """The first non-blank line's fields, for naming columns while reporting a fault."""
    for line in text.splitlines()[:50]:
        if line.strip():
            return [f.strip() for f in next(csv.reader([line]))]
    return []


def csv_problem(
    text: str,
    file_name: str,
    message: str,
    *,
    line: int,
    first_line: int = 1,
    header: list[str] | None = None,
) -> FileProblem:
    """What is wrong with the record starting on line `line` of text (first_line - 1 + line
    of the file), which Python's csv module refused with `message`."""
    if header is None:
        header = header_names(text)
    row = first_line - 1 + line
    start = line_offset(text, line)
    fields = list(scan_record(text, start))

    def at(offset: int) -> int:
        return row + len(LINE_BREAK_RE.findall(text, start, offset))

    def named(field: ScannedField) -> dict:
        if field.index < len(header):
            return {"column": header[field.index]}
        return {"column_number": field.index + 1}

    def on_line(field: ScannedField) -> str:
        """Which line of a row over several lines a quote opens on."""
        return f" (on line {at(field.start)})" if at(field.start) > row else ""

    limit = csv.field_size_limit()
    too_long = next((f for f in fields if f.end - f.start > limit), None)
    if too_long is not None and too_long.quoted and at(too_long.end) > at(too_long.start):
        closed = (
            "is never closed" if too_long.fault else f"is closed only on line {at(too_long.end)}"
        )
        return FileProblem(
            file_name,
            f"a quote opens here{on_line(too_long)} and {closed}, so more than "
            f"{limit:,} characters of the file would be one field: is a closing quote missing?",
            row=row,
            **named(too_long),
        )
    if too_long is not None:
        return FileProblem(
            file_name,
            f"this field holds {too_long.end - too_long.start:,} characters, more than the "
            f"{limit:,} any field may: is this the right file?",
            row=row,
            **named(too_long),
        )
    last = fields[-1]
    if last.fault == "never closed":
        return FileProblem(
            file_name,
            f"a quote opens here{on_line(last)} and is never closed: the rest of the "
            "file would be read as this one field. Is a closing quote missing?",
            row=row,
            **named(last),
        )
    if last.fault:
        following = re.match(r"[^,\r\n]{0,40}", text[last.end : last.end + 40])[0]
        return FileProblem(
            file_name,
            f"a quoted field is closed on line {at(last.end)} and followed by “{following}” "
            'before the next comma. A quote inside a quoted field is written twice ("").',
            row=row,
            **named(last),
        )
    return FileProblem(file_name, f"this is not valid CSV: {message}.", row=row)
