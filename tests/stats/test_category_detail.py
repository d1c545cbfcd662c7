from stats.models import CrimeCategory


def test_it_shows_the_categorys_figures_in_every_snapshot(client, report):
    vehicle = CrimeCategory.objects.get(name="Vehicle Crime")
    response = client.get(vehicle.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert "-0.6%" in html
    assert "7 th" in html
    assert [row.record.category for row in response.context["table"].rows] == [vehicle]


def test_an_unknown_category_is_not_found(client, report):
    assert client.get("/categories/no-such-category/").status_code == 404
