"""Ward figures in tests: the wards and crime types as shipped, a made-up lookup, users."""

import pytest
from django.contrib.auth.models import Permission, User

from stats import services
from stats.models import WardImport, WardSet

from .factories import lookup_file, wards_load


@pytest.fixture
def wards(db) -> WardSet:
    """Dacorum's 25 wards of 2007 and police.uk's crime types, from fixtures/."""
    return wards_load()


@pytest.fixture
def lookup(wards):
    """A made-up LSOA lookup: two LSOAs in Adeyfield East, two in Boxmoor."""
    return services.ward_lookup_import(
        ward_set=wards,
        data=lookup_file(wards),
        file_name="test-lookup.csv",
        source="Made up in a test",
    )


def user_with(username: str, *codenames: str) -> User:
    user = User.objects.create_user(username=username, password="not-used-in-tests")
    user.user_permissions.add(*Permission.objects.filter(codename__in=codenames))
    return user


@pytest.fixture
def councillor(db) -> User:
    return user_with("councillor", "view_ward")


@pytest.fixture
def administrator(db) -> User:
    return user_with("administrator", "view_ward", "add_wardimport")


@pytest.fixture
def someone(db) -> User:
    """Signed in, without the permission to see ward figures."""
    return user_with("someone")


@pytest.fixture
def councillor_client(client, councillor):
    client.force_login(councillor)
    return client


@pytest.fixture
def administrator_client(client, administrator):
    client.force_login(administrator)
    return client


def run_import(
    ward_set,
    data: bytes,
    *,
    kind=WardImport.Kind.STREET,
    file_name="2012-04-hertfordshire-street.csv",
    source="Made up in a test",
):
    """Create and run an import now; returns it (done or failed)."""
    ward_import = services.ward_import_create(
        ward_set=ward_set, kind=kind, file_name=file_name, data=data, source=source
    )
    return services.ward_import_run(ward_import_id=ward_import.pk)
