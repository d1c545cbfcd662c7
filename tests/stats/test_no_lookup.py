"""Without an LSOA lookup no police.uk row can be placed in a ward: the import says so."""

from stats.models import WardImport

from .conftest import run_import
from .factories import street_file, street_row


def test_a_street_file_fails_until_a_lookup_is_imported(wards):
    ward_import = run_import(wards, street_file([street_row()]), file_name="a.csv")
    assert ward_import.status == WardImport.Status.FAILED
    assert ward_import.error.startswith("a.csv: no LSOA-to-ward lookup has been imported")
