"""The county comparison's page, its downloads and saving it for the report."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from stats.models import District, StatisticsSnapshot, WardImport
from tests.downloads import csv_rows

from .test_comparison import force_make

URL = reverse("stats:county_computed")


@pytest.fixture
def force(wards, report):
    return force_make(wards)


def real(force):
    """The made-up force taken as real figures (as a snapshot may only be saved of them)."""
    WardImport.objects.update(is_sample=False)
    District.objects.update(population_source="A census, in a test")


def test_anyone_sees_the_borough_in_the_published_tables_shape(client, force):
    page = client.get(URL)

    assert page.status_code == 200
    html = page.content.decode()
    summary = {row["category"]: row for row in page.context["summary_table"].data}
    assert summary["Vehicle Crime"]["change"] == "-20.0%"
    assert summary["Vehicle Crime"]["rate_position"] == "joint 2nd of 3"
    assert summary["Vehicle Crime"]["reduction_position"] == "joint 1st of 3"
    assert summary["Burglary Dwelling"]["change"] == ""
    assert "cannot be worked out" in summary["Burglary Dwelling"]["note"]
    # Beside them, the 2011/12 report's figures as published.
    assert summary["Vehicle Crime"]["published"].startswith("-")
    assert "accurate at 26/3/12" in html
    assert "April 2012 to March 2013 against April 2011 to March 2012" in html
    # The made-up force is marked as sample data.
    assert "Generated sample — not real figures" in html


def test_every_district_is_in_the_table_and_its_download(client, force):
    page = client.get(URL)
    assert len(page.context["table"].rows) == 3 * 6  # three districts, six categories given

    header, *rows = csv_rows(client.get(URL, {"_export": "csv"}))
    rows = [dict(zip(header, row, strict=True)) for row in rows]
    vehicle = {r["District"]: r for r in rows if r["Crime category"] == "Vehicle Crime"}
    assert vehicle["Watford"]["% change"] == "20.0"
    assert vehicle["Watford"]["Crimes per 1,000 population"] == "0.2"
    assert vehicle["Dacorum"]["Position by crimes per 1,000"] == "joint 2nd"


def test_other_months_can_be_chosen_and_missing_months_are_said(client, force):
    page = client.get(URL, {"start": "2012-10", "end": "2013-03"})

    assert page.status_code == 200
    assert page.context["comparison"].previous.label == "April 2012 to September 2012"
    assert "nothing is worked out" not in page.content.decode()

    page = client.get(URL, {"start": "2011-04", "end": "2011-12"})
    assert page.context["comparison"].missing_months[0] == date(2010, 7, 1)
    assert "nothing is worked out" in page.content.decode()


def test_the_positions_over_time_are_charted_with_their_figures(client, force):
    charts = client.get(URL).context["position_charts"]
    assert [chart.title for chart in charts][:2] == [
        "All Crime: Dacorum's position among the districts",
        "Vehicle Crime: Dacorum's position among the districts",
    ]
    assert charts[1].table_rows() == [["March 2013", "2nd", "1st"]]


def test_without_figures_the_page_says_so(client, wards):
    page = client.get(URL)
    assert page.status_code == 200
    assert "No police.uk street-level files" in page.content.decode()


def test_a_coordinator_saves_it_as_a_dated_county_table(client, cast, force):
    real(force)
    client.force_login(cast.coordinator)

    response = client.post(
        reverse("stats:county_computed_save"),
        {"start": "2012-04", "end": "2013-03", "year": cast.report.slug},
    )

    snapshot = StatisticsSnapshot.objects.get(accurate_at=timezone.localdate())
    assert response.url == snapshot.get_absolute_url()
    assert (snapshot.year, snapshot.area, snapshot.districts) == (cast.report, "Dacorum", 3)
    rows = {r.category.name: r for r in snapshot.rows.select_related("category")}
    assert set(rows) == {"Vehicle Crime", "All Crime", "Anti-Social Behaviour"}
    assert (rows["Vehicle Crime"].percent_change, rows["Vehicle Crime"].rate_position) == (-20, 2)
    assert rows["Vehicle Crime"].rate_position_text == "joint 2nd"
    assert "Not worked out: Burglary Dwelling, Violent Crime" in snapshot.commentary
    assert "test-force.csv" in snapshot.source

    again = client.post(
        reverse("stats:county_computed_save"),
        {"start": "2012-04", "end": "2013-03", "year": cast.report.slug},
        follow=True,
    )
    assert "already has a county table accurate at" in again.content.decode()
    assert StatisticsSnapshot.objects.filter(accurate_at=timezone.localdate()).count() == 1


def test_sample_figures_are_never_saved_into_a_report(client, cast, force):
    client.force_login(cast.coordinator)
    response = client.post(
        reverse("stats:county_computed_save"),
        {"start": "2012-04", "end": "2013-03", "year": cast.report.slug},
        follow=True,
    )
    assert "generated sample data" in response.content.decode()
    assert not StatisticsSnapshot.objects.filter(accurate_at=timezone.localdate()).exists()


@pytest.mark.parametrize("who", ["anonymous", "councillor", "partner"])
def test_only_coordinators_save(client, cast, force, who):
    real(force)
    if getattr(cast, who):
        client.force_login(getattr(cast, who))
    assert "Save for the report" not in client.get(URL).content.decode()
    response = client.post(
        reverse("stats:county_computed_save"),
        {"start": "2012-04", "end": "2013-03", "year": cast.report.slug},
    )
    assert response.status_code in (302, 403)
    assert not StatisticsSnapshot.objects.filter(accurate_at=timezone.localdate()).exists()


def test_the_page_runs_as_many_queries_for_a_bigger_force(client, force):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from stats.models import CrimeType, DistrictCrimeCount, PoliceMonth

    def queries():
        with CaptureQueriesContext(connection) as context:
            assert client.get(URL, {"start": "2012-04", "end": "2013-03"}).status_code == 200
        return len(context.captured_queries)

    small = queries()
    # Seven more districts, with counts of every type in every month.
    months = list(PoliceMonth.objects.all())
    for n in range(7):
        district = District.objects.create(name=f"Test district {n}", slug=f"test-{n}")
        DistrictCrimeCount.objects.bulk_create(
            DistrictCrimeCount(source=month, district=district, crime_type=crime_type, count=n)
            for month in months
            for crime_type in CrimeType.objects.all()
        )
    from django.core.cache import cache

    cache.clear()
    assert queries() == small


def test_the_comparison_is_open_data(client, force):
    data = client.get("/open-data/v1/county-comparison.json").json()

    rows = {(r["category"], r["district"]): r for r in data["rows"]}
    vehicle = rows[("Vehicle Crime", "Watford")]
    assert (vehicle["crimes"], vehicle["crimes_before"], vehicle["percent_change"]) == (
        12,
        10,
        20.0,
    )
    assert vehicle["position_per_1000_population"] == 1
    assert rows[("Vehicle Crime", "Dacorum")]["position_per_1000_population_as_shown"] == (
        "joint 2nd"
    )
    assert all(r["is_sample"] for r in data["rows"])  # the made-up force is a sample
    assert len(data["rows"]) == 18
    csv = client.get("/open-data/v1/county-comparison.csv")
    assert csv.status_code == 200
    assert "Vehicle Crime,Watford" in csv.content.decode()
