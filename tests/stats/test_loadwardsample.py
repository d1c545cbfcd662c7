"""The demo's generated sample: police.uk format, made by code, labelled, loaded once."""

from django.core.management import call_command

from stats import sample
from stats.models import GENERATED_SAMPLE_SOURCE, WardCrimeCount, WardImport, WardLookup

from .factories import lookup_file


def test_it_loads_a_generated_sample_labelled_as_not_real(wards, capsys):
    call_command("loadwardsample")

    ward_import = WardImport.objects.get()
    assert ward_import.status == WardImport.Status.DONE
    assert ward_import.is_sample
    assert ward_import.source == GENERATED_SAMPLE_SOURCE
    assert WardLookup.objects.get().is_sample
    assert ward_import.rows_outside > 0
    assert ward_import.rows_unplaced > 0
    assert WardCrimeCount.objects.exists()
    assert "Loaded the generated sample (not real figures)" in capsys.readouterr().out


def test_a_second_run_changes_nothing(wards, capsys):
    call_command("loadwardsample")
    counts = list(WardCrimeCount.objects.values_list("pk", "count"))
    call_command("loadwardsample")
    assert list(WardCrimeCount.objects.values_list("pk", "count")) == counts
    assert "already loaded" in capsys.readouterr().out


def test_the_sample_is_the_same_every_time(wards):
    assert sample.street_csv(wards) == sample.street_csv(wards)
    assert sample.street_csv(wards, seed=1) != sample.street_csv(wards)


def test_its_made_up_lsoa_codes_are_beyond_any_real_one(wards):
    codes = [code for code, *_ in sample.sample_lsoas(wards)]
    assert all(code.startswith("E019") for code in codes)


def test_it_is_not_loaded_beside_a_real_lookup(wards, capsys):
    from stats import services

    services.ward_lookup_import(
        ward_set=wards, data=lookup_file(wards), file_name="real.csv", source="ONS"
    )
    call_command("loadwardsample")
    assert "the generated sample is not" in capsys.readouterr().out
    assert not WardImport.objects.exists()


def test_it_can_be_removed(wards):
    call_command("loadwardsample")
    call_command("loadwardsample", "--remove")
    assert not WardImport.objects.exists()
    assert not WardLookup.objects.exists()
