"""Open data: read-only JSON and CSV of what anonymous visitors may see, with licence and
source, at stable addresses."""

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from actions.models import Action
from tests.factories import report_multiply, year_make

BASE = "/open-data/v1/"


def test_the_page_lists_each_dataset_with_its_licence(client, report):
    html = client.get("/open-data/").content.decode()
    for name in ("priorities", "actions", "agencies", "statistics"):
        assert f'href="{BASE}{name}.json"' in html
        assert f'href="{BASE}{name}.csv"' in html
    assert "Open Government Licence v3.0" in html


@pytest.mark.parametrize(
    ("dataset", "count"), [("priorities", 6), ("actions", 37), ("agencies", 20), ("statistics", 8)]
)
def test_each_dataset_as_json_and_csv_holds_the_same_rows(client, report, dataset, count):
    data = client.get(f"{BASE}{dataset}.json").json()
    assert data["licence"]["name"] == "Open Government Licence v3.0"
    assert data["publisher"] == "Dacorum Community Safety Partnership"
    assert len(data["rows"]) == count
    response = client.get(f"{BASE}{dataset}.csv")
    assert response["Content-Disposition"] == f'attachment; filename="{dataset}.csv"'
    assert 'rel="license"' in response["Link"]
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == count
    assert list(rows[0]) == list(data["rows"][0])


def test_actions_carry_the_published_text_status_and_source(client, report):
    rows = client.get(f"{BASE}actions.json").json()["rows"]
    split = next(r for r in rows if "No Cold Calling" in r["action"])
    assert (
        split["update"]
        == "Funding provided by CSP to purchase necessary signs and CP advice provided"
    )
    assert split["lead_agencies"] == ["Trading Standards", "Herts Police", "CSP"]
    assert split["progress_status"] == ""
    assert split["source"].startswith("Dacorum Community Safety Partnership")
    assert split["is_sample"] is False


def test_statistics_keep_numbers_and_published_text(client, report):
    rows = client.get(f"{BASE}statistics.json").json()["rows"]
    vehicle = next(r for r in rows if r["category"] == "Vehicle Crime")
    assert vehicle["percent_change"] == -0.6
    assert vehicle["position_per_1000_population"] == 7
    assert vehicle["position_per_1000_population_as_published"] == "7 th"
    assert vehicle["accurate_at"] == "2012-03-26"


@pytest.mark.usefixtures("partners_publish_directly")
def test_no_editors_names_reach_the_open_data(client, cast):
    cast.partner.first_name, cast.partner.last_name = "Zebedee", "Quill"
    cast.partner.save()
    client.force_login(cast.partner)
    row = Action.objects.get(priority__number=1, position=2)
    client.post(f"/actions/{row.pk}/edit/", {"version": 1, "update": "x", "progress_status": "red"})
    client.logout()
    body = (
        client.get(f"{BASE}actions.json").content.decode()
        + client.get(f"{BASE}actions.csv").content.decode()
    )
    assert "Zebedee" not in body
    assert "Quill" not in body
    assert "partner@example.invalid" not in body
    assert '"progress_status": "red"' in body


def test_a_year_can_be_chosen_and_sample_years_are_marked(client, report):
    year_make(label="2031/32", is_sample=True)
    assert client.get(f"{BASE}priorities.json", {"year": "2031-32"}).json()["rows"] == []
    assert len(client.get(f"{BASE}actions.json", {"year": "2011-12"}).json()["rows"]) == 37
    assert client.get(f"{BASE}actions.json", {"year": "1999-00"}).status_code == 404
    assert client.get(f"{BASE}wards.json").status_code == 404
    assert client.get(f"{BASE}actions.xml").status_code == 404


def test_a_dataset_takes_a_fixed_number_of_queries(client, report):
    def queries(url):
        with CaptureQueriesContext(connection) as context:
            client.get(url)
        return len(context.captured_queries)

    urls = [f"{BASE}{name}.json" for name in ("priorities", "actions", "agencies", "statistics")]
    before = [queries(url) for url in urls]
    report_multiply(report, factor=10)
    assert [queries(url) for url in urls] == before
