"""The suite runs on the database DATABASE_URL names, and that database enforces the rules.

CI runs every test twice, once on SQLite and once on PostgreSQL (see .ci/run); these tests
make sure the second run really is on PostgreSQL rather than quietly falling back to SQLite.
"""

import datetime
import os

import dj_database_url
import pytest
from django.db import IntegrityError, connection, transaction

from priorities.models import ReportingYear

DATABASE_URL = os.environ.get("DATABASE_URL", "")
ON_POSTGRES = DATABASE_URL.startswith(("postgres://", "postgresql://", "postgis://"))


@pytest.mark.django_db
def test_it_runs_on_the_database_that_database_url_names():
    if ON_POSTGRES:
        assert connection.vendor == "postgresql"
        assert connection.pg_version >= 150000, f"PostgreSQL {connection.pg_version} < 15"
        named = dj_database_url.parse(DATABASE_URL)
        assert connection.settings_dict["HOST"] == named["HOST"]
        assert str(connection.settings_dict["PORT"]) == str(named["PORT"])
    else:
        assert connection.vendor == "sqlite"


@pytest.mark.django_db
def test_the_database_itself_refuses_a_year_that_ends_before_it_starts():
    with pytest.raises(IntegrityError), transaction.atomic():
        ReportingYear.objects.create(
            label="2012/11",
            slug="2012-11",
            starts_on=datetime.date(2012, 4, 1),
            ends_on=datetime.date(2011, 3, 31),
            report_title="A year that runs backwards",
            partnership="Nowhere Community Safety Partnership",
            source="Made up in a test.",
        )

    assert not ReportingYear.objects.filter(label="2012/11").exists()
