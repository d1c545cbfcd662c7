"""The tests' 2011/12 year (tests/conftest.py, `year_load`) is exactly what `loaddata`
writes from fixtures/2011-12.json, and rows added after it get new ids."""

from django.core import serializers
from django.core.management import call_command

from actions.models import Agency
from tests.conftest import YEAR_FIXTURE, search_refresh, year_load, year_objects


def rows() -> str:
    return "".join(
        serializers.serialize("json", model.objects.order_by("pk")) for model, _ in year_objects()
    )


def test_the_tests_year_is_the_rows_loaddata_writes(db):
    year_load()
    loaded = rows()
    assert loaded.count('"model":') == 163  # every row of the fixture
    for model, _ in reversed(year_objects()):
        if model is Agency:
            Agency.objects.filter(parent__isnull=False).delete()  # a parent is protected
        model.objects.all().delete()
    assert rows().count('"model":') == 0

    call_command("loaddata", str(YEAR_FIXTURE), verbosity=0)
    search_refresh()  # PostgreSQL's search column, which year_load fills in too
    assert rows() == loaded


def test_a_row_added_after_it_takes_a_new_id(db):
    year_load()
    highest = Agency.objects.order_by("-pk").first().pk
    agency = Agency.objects.create(short_name="New", name="A new agency", slug="new")
    assert agency.pk > highest
