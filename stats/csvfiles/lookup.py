"""An ONS best-fit lookup from LSOAs to wards."""

import re
from dataclasses import dataclass

from .checks import check_width, header_row, other_export_problem, quoted
from .common import LSOA_RE, FileProblem, normalise
from .decoding import decoded_text
from .records import CsvError, csv_records
from .wardnames import WardNames

# The columns of ONS lookups: geography codes and names (LSOA11CD, WD18NM, WD18NMW, …), and
# the row numbers its portal adds.
ONS_COLUMN_RE = re.compile(r"[A-Z]{2,6}\d\d(CD|NM|NMW)|FID|OBJECTID", flags=re.IGNORECASE)


@dataclass
class Lookup:
    """The borough's rows of an ONS LSOA-to-ward lookup."""

    lsoa_geography: str
    ward_geography: str
    entries: list[tuple[str, str, int]]  # (LSOA code, LSOA name, ward id)
    rows_read: int
    rows_other_districts: int


def _column(header: list[str], pattern: str) -> tuple[int | None, str]:
    for i, name in enumerate(header):
        if re.fullmatch(pattern, name, flags=re.IGNORECASE):
            return i, name
    return None, ""


def read_lookup_file(
    data: bytes,
    *,
    file_name: str,
    district: str,
    district_code: str,
    wards: WardNames,
) -> Lookup:
    """Read an ONS LSOA-to-ward lookup (LSOA11CD, LSOA11NM, WD18CD, WD18NM, LAD18CD, …).

    Any year suffix is accepted. Rows of other districts are counted and left out; each
    of the district's rows must name a ward of the set, by ONS code or by name, and where
    it has both they must name the same ward (wards.by_name also knows the wards' aliases).
    """
    text = decoded_text(data, file_name)
    try:
        records = csv_records(text, file_name)
        header = header_row(records, file_name)
        i_lsoa, lsoa_col = _column(header, r"LSOA\d\dCD")
        i_lsoa_name, _ = _column(header, r"LSOA\d\dNM")
        i_ward_code, ward_code_col = _column(header, r"WD\d\dCD")
        i_ward_name, ward_name_col = _column(header, r"WD\d\dNM")
        i_lad_code, _ = _column(header, r"LAD\d\dCD")
        i_lad_name, _ = _column(header, r"LAD\d\dNM")
        missing = []
        if i_lsoa is None:
            missing.append("LSOA11CD (or another year's LSOA code)")
        if i_ward_code is None and i_ward_name is None:
            missing.append("WD18CD or WD18NM (or another year's ward code or name)")
        if i_lad_code is None and i_lad_name is None:
            missing.append("LAD18CD or LAD18NM (or another year's district code or name)")
        if missing:
            raise FileProblem(
                file_name,
                f"this is not an ONS LSOA-to-ward lookup: the header has no {quoted(missing)} "
                "column.",
                row=1,
            )
        if odd := [name for name in header if not ONS_COLUMN_RE.fullmatch(name)]:
            raise other_export_problem(file_name, odd, "an ONS LSOA-to-ward lookup")
        width = len(header)
        district_name = normalise(district)
        entries: list[tuple[str, str, int]] = []
        seen: dict[str, int] = {}
        rows = other = 0
        for row, fields in records:
            if not check_width(fields, width, file_name, row, header):
                continue
            rows += 1
            lad_code = fields[i_lad_code].strip().upper() if i_lad_code is not None else ""
            lad_name = normalise(fields[i_lad_name]) if i_lad_name is not None else ""
            if lad_code and district_code:
                in_district = lad_code == district_code.upper()
            else:
                in_district = lad_name == district_name
            if not in_district:
                other += 1
                continue
            code = fields[i_lsoa].strip().upper()
            if not LSOA_RE.match(code):
                raise FileProblem(
                    file_name,
                    f"“{fields[i_lsoa]}” is not an LSOA code.",
                    row=row,
                    column=lsoa_col,
                )
            ward = _ward_of(
                fields,
                row,
                file_name,
                wards,
                (i_ward_code, ward_code_col),
                (i_ward_name, ward_name_col),
            )
            if code in seen:
                raise FileProblem(
                    file_name,
                    f"{code} is already on row {seen[code]}: a best-fit lookup puts each LSOA "
                    "in one ward.",
                    row=row,
                    column=lsoa_col,
                )
            seen[code] = row
            name = fields[i_lsoa_name].strip() if i_lsoa_name is not None else ""
            entries.append((code, name, ward))
    except CsvError as error:
        raise error.problem from None
    if not entries:
        where = f"{district} ({district_code})" if district_code else district
        raise FileProblem(file_name, f"no row of the lookup is in {where}.")
    return Lookup(
        lsoa_geography=lsoa_col[:6].upper(),
        ward_geography=(ward_code_col or ward_name_col)[:4].upper(),
        entries=entries,
        rows_read=rows,
        rows_other_districts=other,
    )


def _ward_of(fields, row, file_name, wards: WardNames, code_column, name_column) -> int:
    """The ward a row names; refused if its code and name name different wards, or no ward."""
    (i_code, code_col), (i_name, name_col) = code_column, name_column
    code = fields[i_code].strip() if i_code is not None else ""
    name = fields[i_name].strip() if i_name is not None else ""
    by_code = wards.by_code(code) if code else None
    by_name = wards.by_name(name) if name else None
    if code and by_code is None and (by_name is None or wards.has_code(by_name)):
        if not name_col:
            said = ""
        elif by_name is not None:
            said = f", though the ward name “{name}” in column “{name_col}” is " + wards.describe(
                by_name
            )
        else:
            said = (
                f", and the ward name “{name}” in column “{name_col}” names none of its wards "
                "either"
            )
        raise FileProblem(
            file_name,
            f"the ward code “{code}” is not the code of a ward of {wards.set_name}{said}. Is "
            "the lookup for another review's wards? Nothing was imported.",
            row=row,
            column=code_col,
        )
    if name and by_name is None:
        though = ""
        if by_code is not None:
            though = f", though the ward code “{code}” in column “{code_col}” is " + wards.describe(
                by_code
            )
        raise FileProblem(
            file_name,
            f"the ward name {wards.unknown_name(name, though=though)} Nothing was imported.",
            row=row,
            column=name_col,
        )
    if by_code is not None and by_name is not None and by_code != by_name:
        raise FileProblem(
            file_name,
            f"the row contradicts itself: the ward code “{code}” is "
            f"{wards.describe(by_code)}, but the ward name “{name}” in column “{name_col}” is "
            f"{wards.describe(by_name)}. Nothing was imported.",
            row=row,
            column=code_col,
        )
    ward = by_code if by_code is not None else by_name
    if ward is None:
        columns = quoted(filter(None, (code_col, name_col)))
        raise FileProblem(
            file_name,
            f"the ward is missing: {columns} {'are' if code_col and name_col else 'is'} empty.",
            row=row,
            column=code_col or name_col,
        )
    return ward
