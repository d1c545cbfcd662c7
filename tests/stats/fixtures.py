"""A fixture other test modules can import to have one of every ward-figures object.

`from tests.stats.fixtures import ward_figures  # noqa: F401` in a test module, then ask for
`ward_figures`: Dacorum's wards and the crime types (from fixtures/), a made-up LSOA lookup
and one small import of made-up police.uk rows. None of it is real.
"""

import pytest

from stats import services
from stats.models import WardAlias, WardImport

from .factories import OUTSIDE_LSOA, lookup_file, street_file, street_row, wards_load


@pytest.fixture
def ward_figures(db) -> WardImport:
    ward_set = wards_load()
    WardAlias.objects.create(ward=ward_set.wards.get(slug="grovehill"), name="Grove Hill")
    services.ward_lookup_import(
        ward_set=ward_set,
        data=lookup_file(ward_set),
        file_name="test-lookup.csv",
        source="Made up in a test",
    )
    ward_import = services.ward_import_create(
        ward_set=ward_set,
        kind=WardImport.Kind.STREET,
        file_name="2012-04-test-street.csv",
        data=street_file([street_row(), street_row(lsoa=OUTSIDE_LSOA, lsoa_name="St Albans 001A")]),
        source="Made up in a test",
        is_sample=True,
    )
    return services.ward_import_run(ward_import_id=ward_import.pk)
