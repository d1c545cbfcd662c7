from django.urls import reverse

from tests.factories import year_make


def test_home_shows_the_year_and_its_six_priorities_with_action_counts(client, report):
    response = client.get("/")
    assert response.status_code == 200
    assert response.context["year"] == report
    counts = [(p.number, p.action_count) for p in response.context["priorities"]]
    assert counts == [(1, 6), (2, 6), (3, 6), (4, 3), (5, 8), (6, 8)]
    html = response.content.decode()
    for number in range(1, 7):
        assert f'href="/years/2011-12/priorities/{number}/"' in html
    assert "Dwelling burglary" in html
    assert "8 actions" in html
    assert "3 actions" in html


def test_home_links_to_the_agencies_and_the_county_table(client, report):
    html = client.get("/").content.decode()
    assert f'href="{reverse("actions:agency_list")}"' in html
    snapshot = report.snapshots.get()
    assert f'href="{snapshot.get_absolute_url()}"' in html
    assert "accurate at 26/3/12" in html


def test_home_shows_the_newest_year_and_a_year_page_shows_its_own(client, report):
    newer = year_make(label="2031/32")
    assert client.get("/").context["year"] == newer
    assert client.get(report.get_absolute_url()).context["year"] == report


def test_a_page_of_generated_sample_data_says_so(client, report):
    year_make(label="2031/32", is_sample=True)
    sample = client.get("/years/2031-32/").content.decode()
    assert "Generated sample — not real figures" in sample
    real = client.get(report.get_absolute_url()).content.decode()
    assert "Generated sample" not in real


def test_an_unknown_year_is_not_found(client, report):
    assert client.get("/years/1999-00/").status_code == 404


def test_home_without_any_year_says_so(client, db):
    response = client.get("/")
    assert response.status_code == 200
    assert "No reporting year yet" in response.content.decode()


def test_each_year_page_links_to_every_action_of_its_year_in_one_table(client, report):
    newer = year_make(label="2031/32")
    for year in (report, newer):
        html = client.get(year.get_absolute_url()).content.decode()
        assert (
            f'href="/years/{year.slug}/actions/">Every action of {year.label} in one table' in html
        )
