"""Every refusal of a CSV file names the file, the row as the file numbers it (its line),
and the column; and changes nothing but the import log.

Each fault is tried in each format it applies to (police.uk street-level files, counts
files, LSOA-to-ward lookups), through the command and, for figures, the import page.
"""

import io

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from stats.csvfiles.common import COUNTS_COLUMNS, STREET_COLUMNS
from stats.models import CrimeType, ImportedMonth, Ward, WardCrimeCount, WardImport

from .factories import HERTS, csv_bytes, lookup_file, street_file, street_row

STREET = "2012-05-hertfordshire-street.csv"
COUNTS = "counts.csv"
LOOKUP = "lookup.csv"
LOOKUP_HEADER = ("LSOA11CD", "LSOA11NM", "WD18CD", "WD18NM", "LAD18CD", "LAD18NM")
BIG = 200_000  # characters: over csv's field size limit (131,072)


def tables():
    """Every row of every table but the import log, for checking that nothing changed."""
    return {
        model._meta.label: list(model.objects.order_by("pk").values())
        for model in apps.get_models()
        if model is not WardImport
    }


@pytest.fixture
def existing(wards, lookup, tmp_path):
    """Figures already imported (April 2012), which a refused file must leave alone."""
    path = tmp_path / "2012-04-hertfordshire-street.csv"
    path.write_bytes(street_file([street_row(), street_row(lsoa="E01900021")]))
    call_command("importpolicecrimes", str(path))
    return wards


def refuse(command, tmp_path, name, data, *extra) -> str:
    """Run the command on a file it must refuse; the refusal's text. Asserts that every
    table but the import log is as it was."""
    before = tables()
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(CommandError) as refusal:
        call_command(command, str(path), *extra)
    assert tables() == before
    return str(refusal.value)


def street(tmp_path, data, name=STREET) -> str:
    return refuse("importpolicecrimes", tmp_path, name, data)


def counts(tmp_path, data, name=COUNTS) -> str:
    return refuse("importwardcounts", tmp_path, name, data, "--source", "A test")


def lookup(tmp_path, data, name=LOOKUP) -> str:
    return refuse("importwardlookup", tmp_path, name, data)


def counts_file(rows, header=COUNTS_COLUMNS) -> bytes:
    return csv_bytes(header, rows)


def good_counts(n: int) -> list[list[str]]:
    """n different rows of a counts file: each ward and crime type, month after month."""
    wards = list(Ward.objects.values_list("name", flat=True))
    crime_types = list(CrimeType.objects.values_list("name", flat=True))
    rows = []
    for i in range(n):
        ward, crime_type = wards[i % len(wards)], crime_types[i // len(wards) % len(crime_types)]
        month = 2000 * 12 + i // (len(wards) * len(crime_types))
        rows.append([ward, f"{month // 12}-{month % 12 + 1:02d}", crime_type, "1"])
    return rows


def lookup_rows(wards, n_other: int = 0) -> bytes:
    return lookup_file(wards, other_district_rows=n_other)


# --- A quote never closed: the row where it opens --------------------------------------


def test_a_street_file_with_a_quote_never_closed_is_refused_at_the_row_it_opens(existing, tmp_path):
    data = street_file([street_row()] * 3) + b'x,2012-05,"Herts,Herts,0,0,on,E01900011\n'
    data += street_file([street_row()] * 2).split(b"\n", 1)[1].replace(b'"', b"")

    message = street(tmp_path, data)

    assert message.startswith(f"{STREET}, row 5, column “Reported by”: a quote opens here")
    assert "is never closed" in message


def test_a_quote_never_closed_far_into_a_big_file_is_refused_at_the_row_it_opens(
    existing, tmp_path
):
    rows = [street_row()] * 60_000
    rows[49_998] = street_row(crime_type='"Burglary')  # row 50,000 of the file
    data = street_file(rows).replace(b'"""Burglary"', b'"Burglary')

    message = street(tmp_path, data)

    assert message.startswith(f"{STREET}, row 50000, column “Crime type”: a quote opens here")
    assert "is never closed" in message


def test_a_counts_file_with_a_quote_never_closed_is_refused_at_the_row_it_opens(existing, tmp_path):
    data = (
        counts_file(good_counts(2)) + b'Boxmoor,2012-05,"Burglary,1\nGadebridge,2012-05,Drugs,1\n'
    )

    message = counts(tmp_path, data)

    assert message.startswith(f"{COUNTS}, row 4, column “crime_type”: a quote opens here")


def test_a_lookup_with_a_quote_never_closed_is_refused_at_the_row_it_opens(existing, tmp_path):
    data = lookup_rows(existing) + b'E01900031,"Test LSOA,E05004691,X,E07000096,Dacorum\n'

    message = lookup(tmp_path, data)

    assert message.startswith(f"{LOOKUP}, row 6, column “LSOA11NM”: a quote opens here")


def test_text_after_a_closing_quote_is_refused_at_its_row_and_column(existing, tmp_path):
    data = street_file([street_row()] * 2) + (
        b'x,2012-05,Herts,Herts,0,0,"On or near" Bank Street,E01900011,L,Burglary,,\n'
    )

    message = street(tmp_path, data)

    assert message.startswith(f"{STREET}, row 4, column “Location”: a quoted field is closed")
    assert "followed by “ Bank Street”" in message


# --- A field over the size limit: its own row, far beyond the first block read ---------


def test_a_street_file_with_a_huge_field_at_row_50000_is_refused_at_that_row(existing, tmp_path):
    rows = [street_row()] * 60_000
    rows[49_998] = street_row(crime_type="Burglary" + "x" * BIG)

    message = street(tmp_path, street_file(rows))

    assert message.startswith(
        f"{STREET}, row 50000, column “Crime type”: this field holds 200,008 characters"
    )


def test_a_counts_file_with_a_huge_field_at_row_50000_is_refused_at_that_row(existing, tmp_path):
    rows = good_counts(60_000)
    rows[49_998][2] = "x" * BIG

    message = counts(tmp_path, counts_file(rows))

    assert message.startswith(f"{COUNTS}, row 50000, column “crime_type”: this field holds")


def test_a_lookup_with_a_huge_field_is_refused_at_its_row(existing, tmp_path):
    data = lookup_rows(existing, n_other=50_000)
    data += f"E01900031,{'x' * BIG},E05004691,Boxmoor,E07000096,Dacorum\n".encode()

    message = lookup(tmp_path, data)

    assert message.startswith(f"{LOOKUP}, row 50006, column “LSOA11NM”: this field holds")


# --- Bytes that are not UTF-8: row, column, and what the file looks like ---------------


def test_a_windows_1252_street_file_is_refused_at_the_byte_saying_what_it_looks_like(
    existing, tmp_path
):
    data = street_file([street_row(), street_row(), street_row()])
    data = data.replace(b"On or near a test street", b"On or near Caf\xe9 street")

    message = street(tmp_path, data)

    assert message.startswith(f"{STREET}, row 2, column “Location”: this is not UTF-8 text")
    assert "looks like Windows-1252" in message
    assert "that byte is “é”" in message


def test_a_latin_1_counts_file_is_refused_at_the_byte_saying_what_it_looks_like(existing, tmp_path):
    # 0x81 has no character in Windows-1252, so only Latin-1 reads the file.
    data = counts_file(good_counts(3)) + b"Boxmoor,2012-05,Burglary\x81,1\n"

    message = counts(tmp_path, data)

    assert message.startswith(f"{COUNTS}, row 5, column “crime_type”: this is not UTF-8 text")
    assert "looks like Latin-1" in message


def test_a_windows_1252_lookup_is_refused_at_the_byte(existing, tmp_path):
    data = lookup_rows(existing) + b"E01900031,Test LSOA \xa3,E05004691,X,E07000096,Dacorum\n"

    message = lookup(tmp_path, data)

    assert message.startswith(f"{LOOKUP}, row 6, column “LSOA11NM”: this is not UTF-8 text")
    assert "that byte is “£”" in message


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le"], ids=["with BOM", "no BOM"])
def test_a_utf_16_file_is_refused_as_utf_16_in_every_format(existing, tmp_path, encoding):
    street_data = street_file([street_row()]).decode().encode(encoding)
    counts_data = counts_file(good_counts(2)).decode().encode(encoding)
    lookup_data = lookup_rows(existing).decode().encode(encoding)

    for message in (
        street(tmp_path, street_data),
        counts(tmp_path, counts_data),
        lookup(tmp_path, lookup_data),
    ):
        assert ", row 1: this file is UTF-16 text" in message
        assert "save it as “CSV UTF-8”" in message


# --- A wrong number of fields ----------------------------------------------------------


def test_a_short_street_row_names_the_first_column_it_lacks(existing, tmp_path):
    data = street_file([street_row()] * 2 + [street_row()[:7]])

    message = street(tmp_path, data)

    assert message.startswith(
        f"{STREET}, row 4, column “LSOA code”: this row has 7 fields but the header has 12"
    )


def test_a_long_counts_row_names_the_column_past_the_header(existing, tmp_path):
    data = counts_file([*good_counts(2), ["Boxmoor", "2012-05", "Drugs", "1", "extra"]])

    message = counts(tmp_path, data)

    assert message.startswith(
        f"{COUNTS}, row 4, column 5: this row has 5 fields but the header has 4"
    )


def test_a_short_lookup_row_names_the_first_column_it_lacks(existing, tmp_path):
    data = lookup_rows(existing) + b"E01900031,Test LSOA,E05004691\n"

    message = lookup(tmp_path, data)

    assert message.startswith(f"{LOOKUP}, row 6, column “WD18NM”: this row has 3 fields")


def test_a_row_carried_over_lines_by_a_stray_quote_names_its_lines(existing, tmp_path):
    # The quote in row 3 closes only on line 5, so the file's lines 3 to 5 read as one row.
    lines = street_file([street_row()] * 4).decode().splitlines()
    lines[2] = lines[2].replace("On or near a test street", '"On or near a test street')
    lines[4] = lines[4].replace("On or near a test street", 'On or near a test street"')
    data = ("\n".join(lines) + "\n").encode()

    message = street(tmp_path, data)

    assert message.startswith(
        f"{STREET}, row 3 (lines 3 to 5 of the file), column “Location”: this field runs from "
        "line 3 to line 5"
    )


def test_a_short_row_carried_over_lines_names_the_quoted_column(existing, tmp_path):
    data = counts_file(good_counts(1)) + b'Boxmoor,"2012-05,Drugs,1\nBoxmoor",2012-06\n'

    message = counts(tmp_path, data)

    assert message.startswith(f"{COUNTS}, row 3 (lines 3 to 4 of the file), column “count”:")
    assert "A quoted field in column “month” runs from line 3 to line 4" in message


def test_rows_after_a_quoted_line_break_keep_the_file_s_line_numbers(existing, tmp_path):
    # A lookup's LSOA name may hold a line break; the rows after it are numbered by the
    # file's lines, as a text editor shows them.
    code = existing.wards.get(slug="boxmoor").code
    rows = [
        ["E01900031", "Test\nLSOA", code, "Boxmoor", "E07000096", "Dacorum"],
        ["E01900032", "Test LSOA", code, "Boxmoor", "E07000096", "Dacorum"],
        ["nonsense", "Test LSOA", code, "Boxmoor", "E07000096", "Dacorum"],
    ]

    message = lookup(tmp_path, csv_bytes(LOOKUP_HEADER, rows))

    assert message.startswith(f"{LOOKUP}, row 5, column “LSOA11CD”: “nonsense” is not an LSOA")


# --- A bad month -----------------------------------------------------------------------


def test_a_bad_month_in_a_street_file_beyond_the_first_block_names_its_row(existing, tmp_path):
    rows = [street_row()] * 30_000
    rows[25_000] = street_row(month="2012-13")

    message = street(tmp_path, street_file(rows))

    assert message.startswith(f"{STREET}, row 25002, column “Month”: “2012-13” is not a month")


def test_a_bad_month_in_a_counts_file_names_its_row(existing, tmp_path):
    message = counts(
        tmp_path, counts_file([*good_counts(2), ["Boxmoor", "May 2012", "Drugs", "1"]])
    )

    assert message.startswith(f"{COUNTS}, row 4, column “month”: “May 2012” is not a month")


# --- A missing column; a column the format does not have -------------------------------


def test_a_missing_column_is_named_in_every_format(existing, tmp_path):
    street_header = [c for c in STREET_COLUMNS if c != "Crime type"]
    street_data = csv_bytes(street_header, [street_row()[:9] + street_row()[10:]])
    counts_data = csv_bytes(("ward", "month", "count"), [["Boxmoor", "2012-05", "1"]])
    lookup_data = csv_bytes(("LSOA11CD", "WD18CD"), [["E01900031", "E05004691"]])

    assert street(tmp_path, street_data).startswith(
        f"{STREET}, row 1: this is not a police.uk street-level file: the header has no "
        "“Crime type” column."
    )
    assert counts(tmp_path, counts_data).startswith(
        f"{COUNTS}, row 1: the header has no “crime_type” column"
    )
    assert lookup(tmp_path, lookup_data).startswith(
        f"{LOOKUP}, row 1: this is not an ONS LSOA-to-ward lookup: the header has no "
        "“LAD18CD or LAD18NM"
    )


def test_a_column_the_format_does_not_have_is_named_in_every_format(existing, tmp_path):
    street_data = csv_bytes([*STREET_COLUMNS, "Outcome type"], [[*street_row(), "Charged"]])
    counts_data = counts_file(
        [["Boxmoor", "2012-05", "Drugs", "1", "x"]], (*COUNTS_COLUMNS, "note")
    )
    lookup_data = csv_bytes(
        (*LOOKUP_HEADER, "Population"),
        [["E01900031", "L", "E05004691", "Boxmoor", "E07000096", "Dacorum", "1500"]],
    )

    assert street(tmp_path, street_data).startswith(
        f"{STREET}, row 1: the header has a column “Outcome type” that a police.uk "
        "street-level file does not have (or has twice): the file may be some other export."
    )
    assert counts(tmp_path, counts_data).startswith(
        f"{COUNTS}, row 1: the header has a column “note” that a counts file"
    )
    assert "the file may be some other export" in counts(tmp_path, counts_data)
    assert lookup(tmp_path, lookup_data).startswith(
        f"{LOOKUP}, row 1: the header has a column “Population” that an ONS LSOA-to-ward "
        "lookup does not have"
    )


def test_a_column_given_twice_is_named(existing, tmp_path):
    data = csv_bytes((*COUNTS_COLUMNS, "count"), [["Boxmoor", "2012-05", "Drugs", "1", "2"]])

    assert counts(tmp_path, data).startswith(f"{COUNTS}, row 1: the header has a column “count”")


# --- A header and no rows: a month with no crimes --------------------------------------


def test_a_street_file_with_no_rows_is_its_month_with_no_crimes(existing, tmp_path):
    path = tmp_path / STREET
    path.write_bytes(street_file([]))

    out = io.StringIO()
    call_command("importpolicecrimes", str(path), stdout=out)

    month = ImportedMonth.objects.get(month__month=5)
    assert (month.reported_by, month.rows_read) == (HERTS, 0)
    assert not WardCrimeCount.objects.filter(source=month).exists()
    assert "a header and no rows: a month with no crimes" in out.getvalue()


def test_a_street_file_with_no_rows_replaces_its_month(existing, tmp_path):
    path = tmp_path / "2012-04-hertfordshire-street.csv"
    path.write_bytes(street_file([]))

    call_command("importpolicecrimes", str(path))

    assert ImportedMonth.objects.get().rows_read == 0
    assert not WardCrimeCount.objects.exists()


def test_a_counts_file_with_no_rows_is_the_month_its_name_gives(existing, tmp_path):
    path = tmp_path / "2012-06-ward-counts.csv"
    path.write_bytes(counts_file([]))

    call_command("importwardcounts", str(path), "--source", "A test")

    assert ImportedMonth.objects.filter(month__month=6, rows_read=0).exists()


def test_a_file_with_no_rows_whose_name_gives_no_month_is_refused(existing, tmp_path):
    assert counts(tmp_path, counts_file([]), name="counts.csv").startswith(
        "counts.csv: the file has a header but no rows: nothing to import. A file with no "
        "rows is a month with no crimes only when its name says the month"
    )
    assert street(tmp_path, street_file([]), name="street.csv").startswith("street.csv: the file")


# --- Through the import page -----------------------------------------------------------


def upload(client, data, *, name, kind):
    before = tables()
    response = client.post(
        "/ward-imports/new/",
        {"kind": kind, "file": SimpleUploadedFile(name, data), "source": "A test"},
    )
    assert response.status_code == 302
    assert tables() == before
    ward_import = WardImport.objects.latest("pk")
    assert ward_import.status == WardImport.Status.FAILED
    return client.get(response.url).content.decode()


@pytest.fixture
def page(settings, existing, administrator_client):
    settings.STATS_IMPORT_IN_BACKGROUND = False
    return administrator_client


def test_the_import_page_names_row_and_column_of_a_quote_never_closed(page):
    data = street_file([street_row()]) + b'x,2012-05,"Herts\n'

    shown = upload(page, data, name=STREET, kind="street")

    assert f"{STREET}, row 3, column “Reported by”: a quote opens here" in shown


def test_the_import_page_names_row_and_column_of_a_byte_that_is_not_utf_8(page):
    data = counts_file(good_counts(2)) + b"Boxmoor,2012-05,Caf\xe9,1\n"

    shown = upload(page, data, name=COUNTS, kind="counts")

    assert f"{COUNTS}, row 4, column “crime_type”: this is not UTF-8 text" in shown
    assert "looks like Windows-1252" in shown


def test_the_import_page_names_a_column_of_some_other_export(page):
    data = csv_bytes([*STREET_COLUMNS, "Outcome type"], [[*street_row(), "Charged"]])

    shown = upload(page, data, name=STREET, kind="street")

    assert "the header has a column “Outcome type”" in shown
    assert "the file may be some other export" in shown


def test_the_import_page_names_the_row_of_a_huge_field(page):
    rows = [street_row()] * 3
    rows[1] = street_row(crime_type="x" * BIG)

    shown = upload(page, street_file(rows), name=STREET, kind="street")

    assert f"{STREET}, row 3, column “Crime type”: this field holds 200,000 characters" in shown


def test_the_page_imports_a_file_with_no_rows_as_a_month_with_no_crimes(page):
    page.post(
        "/ward-imports/new/",
        {"kind": "street", "file": SimpleUploadedFile(STREET, street_file([])), "source": ""},
    )

    ward_import = WardImport.objects.latest("pk")
    assert ward_import.status == WardImport.Status.DONE, ward_import.error
    assert "a month with no crimes" in page.get(ward_import.get_absolute_url()).content.decode()
