"""The ward table: every ward against chosen crime types for a period, with the total row."""

import re
from html import unescape

import pytest
from django.conf import settings
from django.db.models import Sum
from django.shortcuts import resolve_url

from stats.models import CrimeType, WardCrimeCount
from stats.periods import Period

from .conftest import run_import
from .factories import TWO_YEARS, figures_make, street_file, street_row

URL = "/wards/"


@pytest.fixture
def figures(wards):
    return figures_make(wards, period=TWO_YEARS)


def total(**filters) -> int:
    return WardCrimeCount.objects.filter(**filters).aggregate(n=Sum("count"))["n"]


def test_anonymous_visitors_are_sent_to_sign_in(client, wards):
    response = client.get(URL)
    assert response.status_code == 302
    assert response.url.startswith(resolve_url(settings.LOGIN_URL))


def test_a_user_without_the_permission_is_refused(client, someone, wards):
    client.force_login(someone)
    assert client.get(URL).status_code == 403


def test_a_councillor_sees_every_ward_for_the_latest_12_months(councillor_client, figures):
    response = councillor_client.get(URL)
    assert response.status_code == 200
    table = response.context["table"]
    assert len(table.rows) == 25
    assert response.context["choice"].period == Period.of_dates(TWO_YEARS.months[12], TWO_YEARS.end)
    headers = [column.header for column in table.columns]
    assert headers == [
        "Ward",
        "ONS code",
        "Anti-social behaviour",
        "Burglary",
        "Criminal damage and arson",
        "Drugs",
        "All crime types",
        "All crime types per 1,000 residents",
    ]


def test_the_total_row_is_the_boroughs_figure(councillor_client, figures):
    response = councillor_client.get(URL, {"start": "2012-04", "end": "2013-03", "q": "Tring"})
    table = response.context["table"]
    assert len(table.rows) == 3
    footer = {column.name: column.footer for column in table.columns}
    in_period = {"source__month__gte": "2012-04-01", "source__month__lte": "2013-03-01"}
    assert footer["name"] == "Dacorum, all wards"
    assert footer["total"] == f"{total(**in_period):,}"
    burglary = CrimeType.objects.get(name="Burglary")
    assert footer[f"type_{burglary.pk}"] == f"{total(crime_type=burglary, **in_period):,}"


def test_each_ward_shows_its_counts_for_the_chosen_types_and_months(councillor_client, figures):
    drugs = CrimeType.objects.get(name="Drugs")
    response = councillor_client.get(
        URL, {"crime_type": [drugs.pk], "start": "2011-05", "end": "2011-07"}
    )
    row = next(r for r in response.context["table"].rows if r.record.slug == "boxmoor")
    expected = total(
        ward__slug="boxmoor",
        crime_type=drugs,
        source__month__gte="2011-05-01",
        source__month__lte="2011-07-01",
    )
    assert row.get_cell(f"type_{drugs.pk}") == f"{expected:,}"
    assert [c.header for c in response.context["table"].columns][2:] == [
        "Drugs",
        "All crime types",
        "All crime types per 1,000 residents",
    ]


def test_the_form_offers_every_crime_type_and_ticks_those_chosen(councillor_client, figures):
    boxes = re.compile(r'<input class="govuk-checkboxes__input"[^>]*value="(\d+)"( checked)?>')
    every = list(CrimeType.objects.order_by("position").values_list("pk", flat=True))

    offered = boxes.findall(councillor_client.get(URL).content.decode())
    assert [int(pk) for pk, _ in offered] == every
    assert not any(checked for _, checked in offered)  # none ticked: the default columns

    drugs, burglary = CrimeType.objects.get(name="Drugs"), CrimeType.objects.get(name="Burglary")
    response = councillor_client.get(URL, {"crime_type": [drugs.pk, burglary.pk]})
    ticked = {int(pk) for pk, checked in boxes.findall(response.content.decode()) if checked}
    assert ticked == {drugs.pk, burglary.pk}
    headers = [column.header for column in response.context["table"].columns]
    assert headers == [
        "Ward",
        "ONS code",
        "Burglary",
        "Drugs",
        "All crime types",
        "All crime types per 1,000 residents",
    ]


def test_a_crime_type_that_does_not_exist_is_refused(councillor_client, figures):
    response = councillor_client.get(URL, {"crime_type": [999_999]})
    assert response.status_code == 200
    assert "Select a valid choice" in unescape(response.content.decode())


def test_it_sorts_by_a_crime_type_column(councillor_client, figures):
    burglary = CrimeType.objects.get(name="Burglary")
    response = councillor_client.get(URL, {"sort": f"-type_{burglary.pk}"})
    values = [row.record.__dict__[f"type_{burglary.pk}"] for row in response.context["table"].rows]
    assert values == sorted(values, reverse=True)


def test_a_period_that_ends_before_it_starts_is_refused(councillor_client, figures):
    response = councillor_client.get(URL, {"start": "2012-04", "end": "2012-01"})
    assert "The last month must not be before the first." in response.content.decode()


def test_it_says_where_the_figures_come_from_and_that_a_sample_is_not_real(
    councillor_client, figures
):
    html = unescape(councillor_client.get(URL).content.decode())
    assert "Generated sample — not real figures" in html
    assert 'id="sample-banner-title"' in html
    assert figures.file_name in html
    assert "April 2012 to March 2013" in html


def test_real_figures_carry_no_sample_banner(councillor_client, wards):
    figures_make(wards, period=TWO_YEARS, is_sample=False)
    html = councillor_client.get(URL).content.decode()
    assert "sample-banner-title" not in html
    assert "Generated sample" not in html


def test_without_figures_it_says_none_have_been_imported(councillor_client, wards):
    response = councillor_client.get(URL)
    assert "No ward figures have been imported yet." in response.content.decode()


def test_a_ward_set_has_its_own_address(councillor_client, figures):
    assert councillor_client.get("/wards/dacorum-2007/").status_code == 200
    assert councillor_client.get("/wards/no-such-set/").status_code == 404


def test_the_menu_offers_ward_figures_to_those_who_may_see_them(client, cast):
    client.force_login(cast.councillor)
    html = client.get("/").content.decode()
    assert 'href="/wards/">Ward figures</a>' in html
    html = client.get("/wards/").content.decode()
    assert (
        'aria-current="page"><strong class="govuk-service-navigation__active-fallback">Ward figures'
        in html
    )
    client.logout()
    assert "Ward figures" not in client.get("/").content.decode()


def test_rows_in_lsoas_of_the_borough_missing_from_the_lookup_are_said_to_be_left_out(
    councillor_client, wards, lookup
):
    data = street_file(
        [street_row(), *[street_row(lsoa="E01023456", lsoa_name="Dacorum 012B")] * 3]
    )
    assert run_import(wards, data).status == "done"
    response = councillor_client.get(URL, {"start": "2012-04", "end": "2012-04"})
    html = unescape(response.content.decode())
    assert (
        "3 rows of the imported files were in LSOAs of the borough that the LSOA-to-ward "
        "lookup does not have, so they are in no ward figure"
    ) in html
    assert "rows of the imported files were in LSOAs outside the borough" not in html


def test_every_figure_column_keeps_its_figures_on_one_line_right_aligned(
    councillor_client, figures
):
    """The crime types' columns, like the totals, right-align their cells, headers and the
    borough's row, and keep a figure ("1,234") from wrapping."""
    table = councillor_client.get(URL).context["table"]
    figure_columns = list(table.columns)[2:]
    assert [column.header for column in figure_columns][:2] == ["Anti-social behaviour", "Burglary"]
    for column in figure_columns:
        td, tf = column.attrs["td"]["class"].split(), column.attrs["tf"]["class"].split()
        assert {"govuk-table__cell--numeric", "app-table__no"} <= set(td), column.header
        assert "govuk-table__cell--numeric" in tf, column.header
