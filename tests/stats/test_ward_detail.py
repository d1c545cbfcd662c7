"""A ward's page: each crime type this period against a year earlier, beside the borough."""

import re
from html import unescape

import pytest
from django.db.models import Sum
from django.utils import timezone

from stats.models import CrimeType, ImportedMonth, Ward, WardCrimeCount

from .factories import TWO_YEARS, figures_make

URL = "/wards/dacorum-2007/boxmoor/"


@pytest.fixture
def figures(wards):
    return figures_make(wards, period=TWO_YEARS)


def count(**filters) -> int:
    return WardCrimeCount.objects.filter(**filters).aggregate(n=Sum("count"))["n"]


def burglary_figures(response):
    return next(f for f in response.context["page"].figures if f.crime_type.name == "Burglary")


def test_anonymous_visitors_sign_in_and_others_without_permission_are_refused(
    client, someone, figures
):
    assert client.get(URL).status_code == 302
    client.force_login(someone)
    assert client.get(URL).status_code == 403


def test_it_compares_the_period_with_a_year_earlier_and_the_borough(councillor_client, figures):
    response = councillor_client.get(URL)
    assert response.status_code == 200
    burglary = burglary_figures(response)
    now = {"source__month__gte": "2012-04-01", "source__month__lte": "2013-03-01"}
    before = {"source__month__gte": "2011-04-01", "source__month__lte": "2012-03-01"}
    ward = {"ward__slug": "boxmoor", "crime_type__name": "Burglary"}
    assert burglary.count == count(**ward, **now)
    assert burglary.previous == count(**ward, **before)
    assert burglary.borough == count(crime_type__name="Burglary", **now)
    expected = round((burglary.count - burglary.previous) * 100 / burglary.previous, 1)
    assert float(burglary.change) == expected
    assert burglary.rate is None


def test_a_rate_per_1000_is_shown_only_with_a_published_population(councillor_client, figures):
    Ward.objects.filter(slug="boxmoor").update(
        population=8000, population_year=2011, population_source="A test publication"
    )
    burglary = burglary_figures(councillor_client.get(URL))
    assert float(burglary.rate) == round(burglary.count * 1000 / 8000, 1)
    assert burglary.borough_rate is None  # the other wards' populations are not known


def test_the_boroughs_rate_is_shown_once_every_wards_population_is_known(
    councillor_client, figures
):
    Ward.objects.update(population=4000, population_year=2011, population_source="A test")
    Ward.objects.filter(slug="boxmoor").update(population=8000)
    borough_population = 4000 * (Ward.objects.count() - 1) + 8000
    burglary = burglary_figures(councillor_client.get(URL))
    assert float(burglary.borough_rate) == round(burglary.borough * 1000 / borough_population, 1)


def test_no_change_is_worked_out_over_part_of_a_year(councillor_client, figures):
    ImportedMonth.objects.filter(month="2011-06-01").delete()
    response = councillor_client.get(URL)
    assert burglary_figures(response).change is None
    html = unescape(response.content.decode())
    assert "Not every month has figures, so no change is worked out" in html
    assert "No figures have been imported for 1 month: June 2011. Totals cover the other" in html


def test_each_crime_type_has_a_chart_with_a_name_and_its_figures(councillor_client, figures):
    html = councillor_client.get(URL).content.decode()
    svg = re.search(r'<svg class="app-chart__svg"[^>]*>', html)[0]
    assert 'role="img"' in svg
    assert 'aria-labelledby="burglary-chart-title burglary-chart-desc"' in html
    assert '<title id="burglary-chart-title">Burglary in Boxmoor, month by month</title>' in html
    assert '<caption class="govuk-table__caption govuk-table__caption--s">Burglary in Boxmoor' in (
        html
    )
    assert html.count('class="app-chart__svg"') == CrimeType.objects.count()


def test_another_period_can_be_chosen(councillor_client, figures):
    response = councillor_client.get(URL, {"start": "2013-01", "end": "2013-03"})
    burglary = burglary_figures(response)
    assert burglary.count == count(
        ward__slug="boxmoor", crime_type__name="Burglary", source__month__gte="2013-01-01"
    )
    assert len(burglary.chart.months) == 3


def test_it_shows_where_its_figures_come_from(councillor_client, figures):
    html = unescape(councillor_client.get(URL).content.decode())
    assert "Where these figures come from" in html
    assert figures.file_name in html
    assert "Generated sample — not real figures" in html


def test_an_unknown_ward_is_not_found(councillor_client, figures):
    assert councillor_client.get("/wards/dacorum-2007/atlantis/").status_code == 404


def test_without_figures_the_page_says_so(councillor_client, wards):
    response = councillor_client.get(URL)
    assert "No ward figures have been imported yet." in response.content.decode()


def test_no_change_is_worked_out_across_a_change_in_police_uks_category(councillor_client, figures):
    response = councillor_client.get(URL, {"start": "2012-04", "end": "2012-09"})
    drugs = next(f for f in response.context["page"].figures if f.crime_type.name == "Drugs")
    assert drugs.category_changed
    assert drugs.change is None
    assert burglary_figures(response).change is not None
    assert "police.uk changed what this category counts" in response.content.decode()


def test_it_names_the_lookup_that_placed_its_figures_in_wards(councillor_client, figures, lookup):
    boxmoor = figures.ward_set.wards.get(slug="boxmoor")
    for url in (boxmoor.get_absolute_url(), "/wards/"):
        html = unescape(councillor_client.get(url).content.decode())
        expected = (
            f"through {lookup.file_name}, an ONS best-fit lookup from "
            f"{lookup.lsoa_geography} to {lookup.ward_geography} wards, imported "
            f"{timezone.localtime(lookup.imported_at):%-d %B %Y} ({lookup.source})"
        )
        assert expected in html, url
