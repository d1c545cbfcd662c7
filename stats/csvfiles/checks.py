"""Checks every reader makes: the header row, the columns it lacks or should not have,
and each row's width."""

from .common import FileProblem
from .records import record_lines


def header_row(records, file_name: str) -> list[str]:
    for _, fields in records:
        if any(f.strip() for f in fields):
            return [f.strip() for f in fields]
    raise FileProblem(file_name, "the file is empty: there is no header row.")


def missing_columns(header: list[str], expected: tuple[str, ...]) -> list[str]:
    return [name for name in expected if name not in header]


def quoted(names) -> str:
    return ", ".join(f"“{name}”" for name in names)


def unexpected_columns(header: list[str], expected) -> list[str]:
    """The header's columns that the format does not have, and any it has twice."""
    seen, odd = set(), []
    for name in header:
        if name not in expected or name in seen:
            odd.append(name)
        seen.add(name)
    return odd


def other_export_problem(file_name: str, odd: list[str], kind: str, row: int = 1) -> FileProblem:
    return FileProblem(
        file_name,
        f"the header has {'a column' if len(odd) == 1 else 'columns'} {quoted(odd)} that "
        f"{kind} does not have (or has twice): the file may be some other export. Import "
        "the file as it was downloaded, without columns added.",
        row=row,
    )


def fixed_header(records, file_name: str, columns: tuple[str, ...], what: str) -> list[str]:
    """The header row, casefolded, of a file whose columns are `columns` in any order
    (`what`: "a counts file"); raises naming the columns it lacks, or has besides or
    twice."""
    header = [name.casefold() for name in header_row(records, file_name)]
    if missing := missing_columns(header, columns):
        raise FileProblem(
            file_name,
            f"the header has no {quoted(missing)} column: {what} starts with the header "
            f"{','.join(columns)}.",
            row=1,
        )
    if odd := unexpected_columns(header, columns):
        raise other_export_problem(file_name, odd, f"{what} ({','.join(columns)})")
    return header


def check_width(fields, width: int, file_name: str, row: int, header=None) -> bool:
    """False for a blank line (skipped); raises for a row of the wrong width, naming the
    first column it lacks or the first it has past the header's."""
    if len(fields) == width:
        return True
    if not any(f.strip() for f in fields):
        return False
    lines = record_lines(fields)
    where: dict = {"row": row, "last_line": row + lines - 1}
    if len(fields) < width:
        if header is not None:
            where["column"] = header[len(fields)]
        message = f"this row has {len(fields)} fields but the header has {width}"
        message += ": this column and those after it are missing."
    else:
        where["column_number"] = width + 1
        message = f"this row has {len(fields)} fields but the header has {width}"
        message += f": this column is past the header's last (column {width})."
    if lines > 1:
        index = next(i for i, f in enumerate(fields) if "\n" in f or "\r" in f)
        name = f"“{header[index]}”" if header is not None and index < len(header) else ""
        name = name or f"{index + 1}"
        message += (
            f" A quoted field in column {name} runs from line {row} to line {row + lines - 1}: "
            "is a closing quote missing?"
        )
    raise FileProblem(file_name, message, **where)
