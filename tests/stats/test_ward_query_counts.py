"""Every ward page runs the same number of queries with ten times the wards and the figures."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from .factories import TWO_YEARS, figures_make, wards_multiply

# Each page's queries of the ward figures' tables, in order (the session, the user, their
# permissions and whatever else the site's shell reads come on top, as many however large the
# data). A page that grows a query per ward, crime type or month fails this test.
EXPECTED = {
    # the ward set; its imported months with their imports; the crime types (the boxes the
    # filter offers, the columns, a ticked box checked against them); the LSOA lookups; the
    # borough's counts (total row); the wards' populations (the total row's rate); the
    # wards; their counts
    "ward_list": 8,
    "ward_list_filtered": 8,
    # the same as the page: the download (the site's TableExportMixin) builds its own copy
    # of the table, from the same wards and total row
    "ward_list_csv": 8,
    # the ward with its set; the set's imported months with their imports; the lookups; the
    # ward's counts by type and month; the borough's; the wards' populations; the crime types
    "ward_detail": 7,
    "ward_detail_csv": 7,
    # the same, and the ward's counts month by month, twice (for the page's table, and for
    # the download's own copy of it)
    "ward_months_csv": 9,
}


FIRST_TABLE = re.compile(r'FROM "(\w+)"')


def urls(drugs_pk):
    return {
        "ward_list": "/wards/",
        "ward_list_filtered": f"/wards/?crime_type={drugs_pk}&start=2012-01&end=2012-12&q=e",
        "ward_list_csv": "/wards/?_export=csv",
        "ward_detail": "/wards/dacorum-2007/boxmoor/",
        "ward_detail_csv": "/wards/dacorum-2007/boxmoor/?_export=csv",
        "ward_months_csv": "/wards/dacorum-2007/boxmoor/months/?_export=xlsx",
    }


def grow(wards):
    """Ten times the wards, and a second force's figures for every one of them."""
    wards_multiply(wards, factor=10)
    figures_make(wards, period=TWO_YEARS, force="Another force")


def count_queries(client, pages) -> tuple[dict, dict]:
    """Each page's queries: of the ward figures' tables, and of any table."""
    ours, everything = {}, {}
    for name, url in pages.items():
        with CaptureQueriesContext(connection) as context:
            response = client.get(url)
        assert response.status_code == 200, url
        everything[name] = len(context.captured_queries)
        ours[name] = sum(
            FIRST_TABLE.search(query["sql"])[1].startswith("stats_")
            for query in context.captured_queries
        )
    return ours, everything


def test_every_ward_page_runs_a_fixed_number_of_queries_as_the_data_grows(councillor_client, wards):
    from stats.models import CrimeType, WardCrimeCount

    figures_make(wards, period=TWO_YEARS)
    pages = urls(CrimeType.objects.get(name="Drugs").pk)
    before, before_all = count_queries(councillor_client, pages)
    counts = WardCrimeCount.objects.count()

    grow(wards)
    assert WardCrimeCount.objects.count() >= 10 * counts
    after, after_all = count_queries(councillor_client, pages)

    assert before_all == after_all
    assert before == after
    assert before == EXPECTED


@pytest.mark.parametrize("number", [1, 3])
def test_a_priority_page_with_its_ward_breakdown_runs_a_fixed_number_of_queries(
    client, councillor, report, wards, number
):
    figures_make(wards, period=TWO_YEARS)
    client.force_login(councillor)
    url = f"/years/2011-12/priorities/{number}/"
    with CaptureQueriesContext(connection) as context:
        client.get(url)
    before = len(context.captured_queries)

    grow(wards)
    with CaptureQueriesContext(connection) as context:
        client.get(url)
    assert len(context.captured_queries) == before
