"""The list of imports and lookups, for administrators."""

from .conftest import run_import
from .factories import street_file, street_row


def test_it_lists_imports_newest_first_and_the_lookups(administrator_client, wards, lookup):
    run_import(wards, street_file([street_row()]), file_name="first.csv")
    run_import(wards, b"", file_name="second.csv")
    response = administrator_client.get("/ward-imports/")
    names = [row.record.file_name for row in response.context["table"].rows]
    assert names == ["second.csv", "first.csv"]
    html = response.content.decode()
    assert "test-lookup.csv: 4 LSOA11 LSOAs" in html
