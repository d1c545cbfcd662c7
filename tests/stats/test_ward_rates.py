"""Crimes per 1,000 residents on the ward index wherever a ward's population is known, and
generated sample populations said so on every page and download that uses them."""

import csv
import html
import io

import pytest
from django.core.management import call_command

from stats import services
from stats.models import GENERATED_SAMPLE_SOURCE, Ward, WardImport

from .conftest import run_import
from .factories import csv_bytes

CENSUS = "ONS, 2011 Census"
BANNER = 'id="sample-banner-title"'
POPULATIONS_TOO = "The populations behind the rates per 1,000 residents are generated too"
APRIL = {"start": "2012-04", "end": "2012-04"}


@pytest.fixture
def counts(wards):
    """Real (not sample) counts for April 2012: 45 crimes in Boxmoor, 7 in Grovehill."""
    data = csv_bytes(
        ("ward", "month", "crime_type", "count"),
        [
            ["Boxmoor", "2012-04", "Burglary", "40"],
            ["Boxmoor", "2012-04", "Drugs", "5"],
            ["Grovehill", "2012-04", "Burglary", "7"],
        ],
    )
    ward_import = run_import(wards, data, kind=WardImport.Kind.COUNTS, file_name="2012-04.csv")
    assert ward_import.status == WardImport.Status.DONE, ward_import.error
    return ward_import


def set_populations(ward_set, rows, source=CENSUS):
    data = csv_bytes(
        ("ward", "population", "year", "source"), [[w, p, "2011", source] for w, p in rows]
    )
    return services.ward_populations_import(ward_set=ward_set, data=data, file_name="p.csv")


def rates(response) -> dict[str, str]:
    table = response.context["table"]
    return {row.record.name: row.get_cell("rate") for row in table.rows}


def test_the_rate_is_the_wards_crimes_per_1000_residents(councillor_client, wards, counts):
    set_populations(wards, [("Boxmoor", 9000), ("Grovehill", 3500)])
    response = councillor_client.get("/wards/", APRIL)

    shown = rates(response)
    assert shown["Boxmoor"] == "5.0"  # 45 crimes, 9,000 residents: 45 / 9 = 5.0
    assert shown["Grovehill"] == "2.0"  # 7 crimes, 3,500 residents: 7 / 3.5 = 2.0
    assert shown["Tring Central"] == "not known"  # no population
    text = html.unescape(response.content.decode())
    assert "All crime types per 1,000 residents" in text
    assert "The borough's rate is not known until every ward has a population." in text


def test_the_boroughs_rate_needs_every_wards_population(councillor_client, wards, counts):
    others = [(ward.name, 4000) for ward in wards.wards.exclude(slug__in=["boxmoor", "grovehill"])]
    set_populations(wards, [("Boxmoor", 9000), ("Grovehill", 3500), *others])
    response = councillor_client.get("/wards/", APRIL)

    # 52 crimes, 9,000 + 3,500 + 23 × 4,000 = 104,500 residents: 0.4976… per 1,000.
    assert response.context["table"].footer_counts["rate"] == pytest.approx(0.5)
    assert str(response.context["table"].footer_counts["rate"]) == "0.5"
    assert rates(response)["Tring Central"] == "0.0"


def test_the_rate_column_sorts(councillor_client, wards, counts):
    set_populations(wards, [("Boxmoor", 9000), ("Grovehill", 3500)])
    down = list(rates(councillor_client.get("/wards/", {**APRIL, "sort": "-rate"})))
    assert down[:2] == ["Boxmoor", "Grovehill"]
    up = list(rates(councillor_client.get("/wards/", {**APRIL, "sort": "rate"})))
    assert up[-2:] == ["Grovehill", "Boxmoor"]


def test_the_download_has_the_rates_and_where_the_populations_come_from(
    councillor_client, wards, counts
):
    set_populations(wards, [("Boxmoor", 9000)])
    response = councillor_client.get("/wards/", {**APRIL, "_export": "csv"})
    table = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    header = table[0]
    by_ward = {row[0]: row for row in table[1:]}
    rate = header.index("All crime types per 1,000 residents")
    assert by_ward["Boxmoor"][rate] == "5.0"
    assert by_ward["Grovehill"][rate] == ""
    assert by_ward["Boxmoor"][-1].endswith(
        "Rates per 1,000 residents use populations from: ONS, 2011 Census (2011)."
    )


def test_without_any_population_every_rate_is_not_known(councillor_client, wards, counts):
    response = councillor_client.get("/wards/", APRIL)
    assert set(rates(response).values()) == {"not known"}
    assert "No ward's population has been entered" in html.unescape(response.content.decode())


# --- Generated sample populations: said so wherever they are used ------------------------


def sample_populations(ward_set):
    from stats import sample

    services.ward_populations_import(
        ward_set=ward_set, data=sample.populations_csv(ward_set), file_name="sample.csv"
    )


def pages():
    return {
        "ward index": ("/wards/", APRIL),
        "ward detail": ("/wards/dacorum-2007/boxmoor/", APRIL),
    }


def downloads():
    return {
        "ward index": ("/wards/", {**APRIL, "_export": "csv"}),
        "ward detail": ("/wards/dacorum-2007/boxmoor/", {**APRIL, "_export": "csv"}),
    }


def test_every_page_using_sample_populations_says_so(councillor_client, wards, counts):
    sample_populations(wards)
    for name, (path, query) in pages().items():
        text = html.unescape(councillor_client.get(path, query).content.decode())
        assert BANNER in text, name
        assert POPULATIONS_TOO in text, name
        assert (
            '<strong class="govuk-tag govuk-tag--yellow">Generated sample — not real figures'
            in (text)
        ), name


def test_every_download_using_sample_populations_says_so(councillor_client, wards, counts):
    sample_populations(wards)
    response = councillor_client.get(*downloads()["ward index"])
    table = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert all(GENERATED_SAMPLE_SOURCE in row[-1] for row in table[1:])
    response = councillor_client.get(*downloads()["ward detail"])
    table = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert all(GENERATED_SAMPLE_SOURCE in row[-1] for row in table[1:])


def test_real_populations_replace_the_sample_and_the_notice_goes(councillor_client, wards, counts):
    sample_populations(wards)
    set_populations(wards, [(ward.name, 6000) for ward in wards.wards.all()])
    assert not Ward.objects.filter(population_source=GENERATED_SAMPLE_SOURCE).exists()
    for name, (path, query) in pages().items():
        text = html.unescape(councillor_client.get(path, query).content.decode())
        assert BANNER not in text, name
        assert GENERATED_SAMPLE_SOURCE not in text, name
    for name, (path, query) in downloads().items():
        text = councillor_client.get(path, query).content.decode("utf-8-sig")
        assert GENERATED_SAMPLE_SOURCE not in text, name
        assert "ONS, 2011 Census (2011)" in text, name


def test_a_ward_with_a_real_population_beside_sample_ones_is_not_called_sample(
    councillor_client, wards, counts
):
    """The ward's own rate is real; the borough's rate is not shown (the other wards'
    populations are not all known), so nothing on the page comes from a sample."""
    Ward.objects.filter(slug="boxmoor").update(
        population=9000, population_year=2011, population_source=CENSUS
    )
    Ward.objects.filter(slug__startswith="a").update(
        population=5000, population_year=2011, population_source=GENERATED_SAMPLE_SOURCE
    )
    detail = html.unescape(
        councillor_client.get("/wards/dacorum-2007/boxmoor/", APRIL).content.decode()
    )
    assert BANNER not in detail
    assert "use a population of 9,000 (2011; ONS, 2011 Census)" in detail
    # The index shows the sample wards' rates: it says so.
    assert POPULATIONS_TOO in html.unescape(
        councillor_client.get("/wards/", APRIL).content.decode()
    )


def test_the_demo_sample_stores_generated_populations_said_so(councillor_client, wards, capsys):
    call_command("loadwardsample", "--borough-only")

    populations = list(
        Ward.objects.values_list("population", "population_year", "population_source")
    )
    assert len(populations) == 25
    assert all(source == GENERATED_SAMPLE_SOURCE for _, _, source in populations)
    assert all(3000 <= population <= 9000 and year == 2011 for population, year, _ in populations)
    assert "Loaded generated sample populations (not real)" in capsys.readouterr().out
    text = html.unescape(councillor_client.get("/wards/").content.decode())
    assert POPULATIONS_TOO in text
    assert "not known" not in set(rates(councillor_client.get("/wards/")).values())


def test_the_demo_sample_adds_populations_to_a_sample_loaded_before_them(wards):
    call_command("loadwardsample", "--borough-only")
    services.ward_populations_sample_remove()
    call_command("loadwardsample", "--borough-only")  # "already loaded": the populations are added
    assert Ward.objects.filter(population_source=GENERATED_SAMPLE_SOURCE).count() == 25


def test_the_demo_sample_never_replaces_a_real_population(wards):
    set_populations(wards, [("Boxmoor", 9000)])
    call_command("loadwardsample", "--borough-only")
    assert not Ward.objects.filter(population_source=GENERATED_SAMPLE_SOURCE).exists()
    assert Ward.objects.get(slug="boxmoor").population == 9000


def test_removing_the_sample_removes_its_populations_only(wards, capsys):
    call_command("loadwardsample", "--borough-only")
    Ward.objects.filter(slug="boxmoor").update(population_source=CENSUS)
    call_command("loadwardsample", "--remove")
    assert "24 ward and 10 district populations" in capsys.readouterr().out
    assert list(Ward.objects.filter(population__isnull=False).values_list("slug", flat=True)) == [
        "boxmoor"
    ]
