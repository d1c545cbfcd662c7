"""The demo's generated sample: police.uk format, made by code, labelled, loaded once."""

from django.core.management import call_command

from stats import sample
from stats.districts import district_name
from stats.models import (
    GENERATED_SAMPLE_SOURCE,
    District,
    DistrictCrimeCount,
    PoliceMonth,
    WardCrimeCount,
    WardImport,
    WardLookup,
)

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
    call_command("loadwardsample", "--borough-only")
    counts = list(WardCrimeCount.objects.values_list("pk", "count"))
    call_command("loadwardsample", "--borough-only")
    assert list(WardCrimeCount.objects.values_list("pk", "count")) == counts
    assert "already loaded" in capsys.readouterr().out


def test_the_sample_is_the_same_every_time(wards):
    assert sample.street_csv(wards) == sample.street_csv(wards)
    once = sample.street_csv(wards, borough_only=True)
    assert sample.street_csv(wards, seed=1, borough_only=True) != once


def test_borough_only_leaves_the_other_districts_out(wards):
    call_command("loadwardsample", "--borough-only")

    assert WardImport.objects.get().rows_placed > 0
    assert set(DistrictCrimeCount.objects.values_list("district__name", flat=True)) == {"Dacorum"}


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


def test_it_can_be_removed_leaving_the_districts_without_populations(wards, capsys):
    call_command("loadwardsample")
    call_command("loadwardsample", "--remove")
    assert not WardImport.objects.exists()
    assert not WardLookup.objects.exists()
    assert not DistrictCrimeCount.objects.exists()
    assert District.objects.count() == 10
    assert not District.objects.filter(population__isnull=False).exists()
    assert "10 district populations; the districts stay" in capsys.readouterr().out


HERTFORDSHIRE = [
    "Broxbourne",
    "Dacorum",
    "East Hertfordshire",
    "Hertsmere",
    "North Hertfordshire",
    "St Albans",
    "Stevenage",
    "Three Rivers",
    "Watford",
    "Welwyn Hatfield",
]


def test_its_lsoas_are_named_as_police_uk_names_them_numbered_beyond_any_real_one(wards):
    names = [name for _, name, *_ in sample.sample_lsoas(wards)]
    assert names[:5] == [
        "Dacorum 901A",
        "Dacorum 901B",
        "Dacorum 901C",
        "Dacorum 901D",
        "Dacorum 902A",
    ]
    assert {district_name(name) for name in names} == {"Dacorum"}
    assert all(900 < int(name.split()[-1][:-1]) < 1000 for name in names)
    others = sample.other_district_lsoas()
    assert sorted([*others, "Dacorum"]) == HERTFORDSHIRE
    assert [name for _, name in others["St Albans"]] == [
        "St Albans 901A",
        "St Albans 901B",
        "St Albans 902A",
        "St Albans 902B",
        "St Albans 903A",
        "St Albans 903B",
    ]
    codes = [code for lsoas in others.values() for code, _ in lsoas]
    assert all(code.startswith("E0199") and len(code) == 9 for code in codes)
    assert len(set(codes)) == len(codes)


def test_the_rows_outside_the_borough_are_in_the_other_nine_districts_by_size(wards):
    call_command("loadwardsample")

    assert list(District.objects.values_list("name", flat=True)) == HERTFORDSHIRE
    police_month = PoliceMonth.objects.order_by("month").last()
    assert police_month.rows_no_district == 0
    month = police_month.placements.get()
    counts = {
        district.name: sum(
            DistrictCrimeCount.objects.filter(source=police_month, district=district).values_list(
                "count", flat=True
            )
        )
        for district in District.objects.all()
    }
    assert counts["Dacorum"] == month.rows_placed + month.rows_unlisted
    assert month.rows_outside == sum(n for name, n in counts.items() if name != "Dacorum")
    # Each district's crimes a resident are within the made-up rates' range of the
    # borough's: volumes follow the districts' (made-up) sizes.
    sizes = sample.district_sizes(wards)
    borough = counts["Dacorum"] / sizes["Dacorum"][0]
    for name, n in counts.items():
        assert 0.6 * borough < n / sizes[name][0] < 1.6 * borough, name


def test_it_loads_generated_district_populations_that_say_so(wards, capsys):
    call_command("loadwardsample")

    assert "generated-sample-district-populations.csv: populations of 10 districts" in (
        capsys.readouterr().out
    )
    assert set(District.objects.values_list("population_source", "population_year")) == {
        (GENERATED_SAMPLE_SOURCE, 2011)
    }
    dacorum = District.objects.get(name="Dacorum")
    assert dacorum.population == sum(n for _, n in sample.ward_populations(wards))
    assert not District.objects.exclude(code="").exists()  # no code made up


def test_a_published_district_population_is_not_replaced_by_the_sample(wards):
    District.objects.create(
        name="Watford",
        slug="watford",
        population=90301,
        population_year=2011,
        population_source="ONS",
    )
    call_command("loadwardsample")
    assert District.objects.get(name="Watford").population == 90301
    assert not District.objects.filter(population_source=GENERATED_SAMPLE_SOURCE).exists()
