"""Ward aliases: other names files use for a ward, never one another ward answers to."""

import re

import pytest
from django.core.exceptions import ValidationError

from stats.models import WardAlias


def test_an_alias_may_be_a_new_name(wards):
    WardAlias(ward=wards.wards.get(slug="grovehill"), name="Grovehill and Woodhall").full_clean()


@pytest.mark.parametrize(
    ("name", "taken_by"),
    [("BOX-MOOR", "Boxmoor"), ("Two  Waters", "Two Waters (Boxmoor)")],
    ids=["another ward's name", "another ward's alias"],
)
def test_an_alias_an_import_would_read_as_another_ward_is_refused(wards, name, taken_by):
    WardAlias.objects.create(ward=wards.wards.get(slug="boxmoor"), name="Two Waters")
    alias = WardAlias(ward=wards.wards.get(slug="grovehill"), name=name)
    with pytest.raises(ValidationError, match=re.escape(f"read “{name}” as {taken_by}.")):
        alias.full_clean()


def test_an_alias_can_be_saved_again_unchanged(wards):
    alias = WardAlias.objects.create(ward=wards.wards.get(slug="boxmoor"), name="Two Waters")
    alias.notes = "Used by an old counts file."
    alias.full_clean()
