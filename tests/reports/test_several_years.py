"""Several years side by side: the switcher on every page, a priority across years."""

from tests.factories import year_make


def test_every_page_has_the_year_switcher_with_the_shown_year_marked(client, report):
    newer = year_make(label="2031/32")
    # a page shows its own year marked; one that belongs to no year marks the newest
    for url, shown in (
        ("/", newer),
        ("/agencies/", newer),
        ("/county/", report),
        ("/open-data/", newer),
    ):
        html = client.get(url).content.decode()
        assert 'aria-label="Reporting year"' in html, url
        assert f'href="{report.get_absolute_url()}"' in html, url
        assert f'href="{newer.get_absolute_url()}"' in html, url
        marked = f'href="{shown.get_absolute_url()}" aria-current="true">{shown.label}</a>'
        assert marked in html, url
        switcher = html[html.index('aria-label="Reporting year"') :]
        newest_first = [newer.label, report.label]
        assert sorted(newest_first, key=switcher.index) == newest_first, url
    html = client.get("/years/2011-12/priorities/1/").content.decode()
    assert f'href="{report.get_absolute_url()}" aria-current="true">2011/12' in html


def test_a_priority_links_to_itself_in_other_years(client, report):
    newer = year_make(label="2031/32")
    newer.priorities.create(
        number=2, title="Dwelling burglary", published_title="DWELLING BURGLARY"
    )
    newer.priorities.create(number=3, title="Something else", published_title="SOMETHING ELSE")
    older = year_make(label="2009/10")
    older.priorities.create(number=2, title="DWELLING BURGLARY", published_title="BURGLARY")
    html = client.get("/years/2011-12/priorities/2/").content.decode()
    assert "This priority in other years" in html
    assert (
        'href="/years/2031-32/priorities/2/">2031/32: priority 2, Dwelling burglary</a> (0 actions)'
        in html
    )
    # the same title whatever the capitals, newest first
    assert html.index("/years/2031-32/priorities/2/") < html.index("/years/2009-10/priorities/2/")
    html = client.get("/years/2011-12/priorities/3/").content.decode()
    assert "This priority in other years" not in html
