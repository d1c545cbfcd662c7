"""The wards and crime types fixtures: real names and codes, loaded once, edits kept."""

import json

import pytest
from django.core.management import CommandError, call_command

from stats.models import CrimeType, CrimeTypeAlias, Ward, WardSet
from tests.conftest import ROOT

from .factories import CRIME_TYPES_FIXTURE, WARDS_FIXTURE


def test_it_loads_dacorums_25_wards_of_2007_with_their_ons_codes(db, capsys):
    call_command("loadstatsfixture", str(WARDS_FIXTURE))

    ward_set = WardSet.objects.get()
    assert (ward_set.district_code, str(ward_set.effective_from)) == ("E07000096", "2007-05-03")
    wards = list(Ward.objects.order_by("code").values_list("code", "name"))
    assert len(wards) == 25
    assert wards[0] == ("E05004691", "Adeyfield East")
    assert wards[9] == ("E05004700", "Bovingdon, Flaunden and Chipperfield")
    assert wards[-1] == ("E05004715", "Woodhall Farm")
    assert [code for code, _ in wards] == [f"E05004{n}" for n in range(691, 716)]
    assert not Ward.objects.filter(population__isnull=False).exists()
    assert "26 objects added" in capsys.readouterr().out


def test_loading_again_adds_nothing_and_keeps_edits(db):
    call_command("loadstatsfixture", str(WARDS_FIXTURE), str(CRIME_TYPES_FIXTURE))
    CrimeType.objects.filter(name="Robbery").update(priority_number=6)

    call_command("loadstatsfixture", str(WARDS_FIXTURE), str(CRIME_TYPES_FIXTURE))

    assert Ward.objects.count() == 25
    assert CrimeType.objects.get(name="Robbery").priority_number == 6


def test_crime_types_map_to_priorities_and_keep_police_uks_former_names(db):
    call_command("loadstatsfixture", str(CRIME_TYPES_FIXTURE))
    by_priority = {
        number: sorted(
            CrimeType.objects.filter(priority_number=number).values_list("name", flat=True)
        )
        for number in (1, 2, 4)
    }
    assert by_priority == {
        1: ["Anti-social behaviour", "Criminal damage and arson"],
        2: ["Burglary"],
        4: ["Drugs"],
    }
    assert CrimeTypeAlias.objects.get(name="Violent crime").crime_type.name == (
        "Violence and sexual offences"
    )
    names = set(CrimeType.objects.values_list("name", flat=True))
    assert {"Public disorder and weapons", "Public order", "Possession of weapons"} <= names


def test_every_fixture_ward_name_is_unique_and_slugged(db):
    data = json.loads((ROOT / "fixtures" / "dacorum-wards-2007.json").read_text())
    names = [o["fields"]["name"] for o in data if o["model"] == "stats.ward"]
    assert len(names) == len(set(names)) == 25


def test_a_missing_fixture_is_an_error(db):
    with pytest.raises(CommandError, match="no such fixture file"):
        call_command("loadstatsfixture", "fixtures/nothing.json")
