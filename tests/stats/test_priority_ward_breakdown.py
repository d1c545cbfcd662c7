"""Each priority's page gains its ward breakdown, for users allowed to see ward figures."""

from html import unescape

import pytest

from .factories import TWO_YEARS, figures_make

URL = "/years/2011-12/priorities/{}/"


@pytest.fixture
def figures(report, wards):
    return figures_make(wards, period=TWO_YEARS)


def test_the_public_and_users_without_the_permission_see_no_breakdown(client, someone, figures):
    assert "Ward breakdown" not in client.get(URL.format(1)).content.decode()
    client.force_login(someone)
    assert "Ward breakdown" not in client.get(URL.format(1)).content.decode()


def test_a_councillor_sees_the_prioritys_crime_types_ward_by_ward_over_its_year(
    councillor_client, figures
):
    html = unescape(councillor_client.get(URL.format(1)).content.decode())
    assert "Ward breakdown" in html
    assert "April 2011 to March 2012" in html
    assert "Anti-social behaviour, Criminal damage and arson" in html
    assert html.count('class="govuk-table__row" role="row"') >= 25
    assert "Dacorum, all wards" in html
    assert "Generated sample — not real figures" in html
    assert "start=2011-04&amp;end=2012-03" in councillor_client.get(URL.format(1)).content.decode()


def test_a_priority_without_a_police_uk_crime_type_says_so(councillor_client, figures):
    html = councillor_client.get(URL.format(3)).content.decode()
    assert "No police.uk crime type is counted towards priority 3" in html


def test_a_year_without_ward_figures_says_so(councillor_client, report, wards):
    html = councillor_client.get(URL.format(2)).content.decode()
    assert "No ward figures have been imported for April 2011 to March 2012." in html
